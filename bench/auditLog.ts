/**
 * `npm run bench:audit -- [--events 4000] [--concurrency 1,16,64,256]`
 *
 * The audit trail's cost [P18]: how many events a second the chained, batched log commits, and
 * how long an answer waits for its event's commit (the latency the audit adds to every request),
 * at several numbers of requests in flight. On the embedded default (PGlite, in a temporary
 * folder) and, when DATABASE_URL is set, on that PostgreSQL server too (a throwaway schema).
 * Events are shaped like the gateway's (an operation with fields, records and a purpose), and
 * checkpoints are signed as in production. Results to stdout and bench/results/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AuditLog, type AuditEventInput } from '../subgraphs/governance/audit/AuditLog';
import { checkpointSigner } from '../subgraphs/governance/audit/checkpoints';
import { verifyAuditChain } from '../subgraphs/governance/audit/verifyAuditChain';
import { createKeyPair } from '../platform/identity/localKeys';
import { migrate } from '../platform/storage/migrate';
import { readGovernanceMigrations } from '../subgraphs/governance';
import { openDatabase } from '../platform/storage/openDatabase';
import type { Database } from '../platform/storage/Database';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '4000' },
    concurrency: { type: 'string', default: '1,16,64,256' },
  },
});
const EVENTS = Number(values.events);
const LEVELS = values.concurrency.split(',').map(Number);
const MIGRATIONS = readGovernanceMigrations();

/** An event the size and shape of a real one: a nested query by a detective, 12 records released. */
function operationEvent(i: number): AuditEventInput {
  return {
    kind: 'OPERATION',
    requestId: `bench-${i}`,
    userId: 'detective',
    event: {
      user: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 DET SQUAD', assignment: 'DETECTIVE SQUAD', agencyOri: 'NY0303000',
      sourceAddress: '10.20.30.40', remote: false, mfa: true,
      authentication: { method: 'BEARER_JWT', issuer: 'https://idp.example', amr: ['pwd', 'otp'], sessionId: `s${i % 50}` },
      purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2026-075-000123', justification: 'Robbery pattern in the 75 precinct' },
      operationName: 'PersonsWithRecords', documentHash: 'f'.repeat(64),
      document: 'query PersonsWithRecords($ids: [ID!]!) { persons(ids: $ids) { fullName arrests { number topCharge { description } location { address } } calls911 { id } warrants { number } } }',
      variables: { ids: ['sha256:' + 'a'.repeat(64), 'sha256:' + 'b'.repeat(64)] },
      fieldsRequested: ['Query.persons', 'Person.fullName', 'Person.arrests', 'Arrest.number', 'Arrest.topCharge', 'Charge.description', 'Arrest.location', 'Location.address', 'Person.calls911', 'Call911.id', 'Person.warrants', 'Warrant.number'],
      fieldsRemoved: [], guards: [], flags: [], subgraphs: ['complaints-arrests', 'calls', 'warrants'],
      records: { Person: ['P00000001', 'P00000002'], Arrest: ['K25000001', 'K25000002', 'K25000003'], Location: ['L0001', 'L0002'], Call911: ['E1', 'E2', 'E3'], Warrant: ['W1', 'W2'] },
      resultCount: 12, outcome: 'ALLOWED', errorCodes: [], durationMs: 42,
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface Row {
  backend: string;
  concurrency: number;
  events: number;
  eventsPerSecond: number;
  waitP50Ms: number;
  waitP99Ms: number;
}

/** `concurrency` clients, each appending its next event as soon as the last one committed. */
async function drive(log: AuditLog, concurrency: number, total: number, offset: number): Promise<{ seconds: number; waits: number[] }> {
  const waits: number[] = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < total) {
        const i = offset + issued++;
        const t = performance.now();
        await log.append(operationEvent(i));
        waits.push(performance.now() - t);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, waits: waits.sort((a, b) => a - b) };
}

async function benchBackend(backend: string, db: Database): Promise<Row[]> {
  await migrate(db, MIGRATIONS);
  const log = new AuditLog(db, { checkpoints: { signer: checkpointSigner(await createKeyPair('audit-checkpoint', 'EdDSA')), everyEvents: 1000 } });
  await drive(log, 8, 200, 0); // warm-up: partitions, plans, JIT
  const rows: Row[] = [];
  let offset = 200;
  for (const concurrency of LEVELS) {
    const total = Math.max(EVENTS, concurrency * 4);
    const { seconds, waits } = await drive(log, concurrency, total, offset);
    offset += total;
    const row = { backend, concurrency, events: total, eventsPerSecond: Math.round(total / seconds), waitP50Ms: +percentile(waits, 50).toFixed(2), waitP99Ms: +percentile(waits, 99).toFixed(2) };
    console.log(`${backend.padEnd(10)} ${String(concurrency).padStart(4)} in flight: ${String(row.eventsPerSecond).padStart(6)} events/s, answer waits p50 ${row.waitP50Ms} ms, p99 ${row.waitP99Ms} ms`);
    rows.push(row);
  }
  const verdict = await verifyAuditChain(db);
  if (!verdict.ok) throw new Error(`the chain does not verify after the benchmark: ${JSON.stringify(verdict.firstBad)}`);
  console.log(`${backend.padEnd(10)} chain verified: ${verdict.checked} events, ${verdict.checkpoints} checkpoints`);
  return rows;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const folder = mkdtempSync(path.join(tmpdir(), 'erms-bench-audit-'));
  try {
    const pglite = await openDatabase({ schema: 'governance', dataDir: folder });
    rows.push(...(await benchBackend('pglite', pglite)));
    await pglite.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  if (process.env.DATABASE_URL) {
    const schema = `bench_audit_${process.pid}`;
    const postgres = await openDatabase({ schema, dataDir: folder, databaseUrl: process.env.DATABASE_URL });
    try {
      rows.push(...(await benchBackend('postgresql', postgres)));
    } finally {
      await postgres.exec(`DROP SCHEMA ${schema} CASCADE`);
      await postgres.close();
    }
  }
  console.log('\n| store | in flight | events/s | answer waits p50 | p99 |\n|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.backend} | ${r.concurrency} | ${r.eventsPerSecond} | ${r.waitP50Ms} ms | ${r.waitP99Ms} ms |`);
  const results = path.join(__dirname, 'results');
  mkdirSync(results, { recursive: true });
  const file = path.join(results, `audit-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ events: EVENTS, levels: LEVELS, rows }, null, 2));
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
