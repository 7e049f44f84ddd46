/**
 * `npm run bench -- [--duration 10] [--connections 16] [--persons 5000] [--rounds 2]`
 *
 * The same realistic operations, at fixed concurrency, against (a) a bare `@apollo/gateway`
 * (bench/bareGateway.ts) and (b) this gateway with authentication, purpose and field policy,
 * over the same subgraphs and data, in one run. Each gateway runs in its own process; rounds
 * alternate a, b, a, b so drift on a noisy machine hits both. Reports requests/s, p50/p99
 * latency, CPU milliseconds per request and peak memory of each gateway process, and b/a.
 * Results go to bench/results/ and stdout. No assertion: numbers for people to read.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { RECORD_SUBGRAPHS } from '../config/loadConfig';
import { issueDevelopmentToken } from '../identity/issueDevelopmentToken';
import { loadOrCreateKeyPair } from '../identity/localKeys';
import { OPERATIONS } from './operations';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    persons: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '2' },
    operation: { type: 'string', multiple: true },
  },
});
const ROOT = path.join(__dirname, '..');
const DATA_DIR = path.join(ROOT, 'data', `bench-${values.persons}`);
const BASE_PORT = 4100;
const env = { ...process.env, DATA_DIR, PORT: String(BASE_PORT), PERSONS: values.persons, LOG_LEVEL: 'warn', NODE_ENV: 'development' };
const children: ChildProcess[] = [];

function start(script: string, args: string[]): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, script), args, { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    child.once('message', (message: { url: string }) => resolve({ url: message.url, child }));
    child.once('exit', (code) => reject(new Error(`${script} ${args.join(' ')} exited (${code})`)));
  });
}

/** CPU time (ms) and peak resident memory (MiB) of a process, from /proc. */
function usage(pid: number): { cpuMs: number; peakMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuMs: (ticks * 1000) / 100, peakMiB: Number(hwm?.[1] ?? 0) / 1024 };
}

interface Measurement {
  gateway: string;
  operation: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  cpuMsPerRequest: number;
  peakMiB: number;
}

async function measure(gateway: string, pid: number, url: string, headers: Record<string, string>, operation: string, body: string, seconds: number): Promise<Measurement> {
  const before = usage(pid);
  const result = await autocannon({
    url, method: 'POST', body, headers: { 'content-type': 'application/json', ...headers },
    connections: Number(values.connections), duration: seconds,
  });
  const after = usage(pid);
  return {
    gateway,
    operation,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpuMsPerRequest: (after.cpuMs - before.cpuMs) / Math.max(1, result.requests.total),
    peakMiB: after.peakMiB,
  };
}

async function main(): Promise<void> {
  console.log(`starting subgraphs and both gateways (${values.persons} persons, data in ${path.relative(ROOT, DATA_DIR)})`);
  await Promise.all(RECORD_SUBGRAPHS.map((name) => start('cli/serve.ts', [name])));
  const secured = await start('cli/serve.ts', ['gateway']);
  const bare = await start('bench/bareGateway.ts', [String(BASE_PORT + 50)]);
  const token = await issueDevelopmentToken(await loadOrCreateKeyPair(DATA_DIR, 'local-issuer', 'ES256'), { userId: 'detective', ttlSeconds: 7200 });
  const securedHeaders = {
    authorization: `Bearer ${token}`,
    'x-purpose': 'CRIMINAL_INVESTIGATION',
    'x-case-number': '2025-075-000123',
    'x-justification': 'Benchmark of the policy stages, synthetic data',
  };
  const targets = [
    { name: 'a: bare @apollo/gateway', pid: bare.child.pid!, url: bare.url, headers: {} },
    { name: 'b: ERMS gateway (auth + purpose + policy + audit)', pid: secured.child.pid!, url: secured.url, headers: securedHeaders },
  ];
  const operations = OPERATIONS.filter((op) => !values.operation || values.operation.includes(op.name));
  const measurements: Measurement[] = [];
  for (const operation of operations) {
    const body = JSON.stringify({ query: operation.query, variables: operation.variables });
    for (const target of targets) {
      const check = await fetch(target.url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...target.headers } });
      const answer = (await check.json()) as { errors?: unknown[] };
      if (check.status !== 200 || answer.errors) throw new Error(`${target.name} answers ${operation.name} with ${check.status} ${JSON.stringify(answer.errors ?? '').slice(0, 300)}`);
      await measure(target.name, target.pid, target.url, target.headers, operation.name, body, 3); // warm-up
    }
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const target of targets) measurements.push(await measure(target.name, target.pid, target.url, target.headers, operation.name, body, Number(values.duration)));
    }
  }
  report(measurements);
}

function report(measurements: Measurement[]): void {
  const rows: Record<string, unknown>[] = [];
  const byKey = new Map<string, Measurement[]>();
  for (const m of measurements) byKey.set(`${m.operation}|${m.gateway}`, [...(byKey.get(`${m.operation}|${m.gateway}`) ?? []), m]);
  const mean = (list: Measurement[], pick: (m: Measurement) => number) => list.reduce((sum, m) => sum + pick(m), 0) / list.length;
  const summary: Record<string, Record<string, number>> = {};
  for (const [key, list] of byKey) {
    const [operation, gateway] = key.split('|') as [string, string];
    const row = {
      operation, gateway,
      'req/s': Math.round(mean(list, (m) => m.requestsPerSecond)),
      'p50 ms': Math.round(mean(list, (m) => m.p50) * 10) / 10,
      'p99 ms': Math.round(mean(list, (m) => m.p99) * 10) / 10,
      'CPU ms/req': Math.round(mean(list, (m) => m.cpuMsPerRequest) * 100) / 100,
      'peak MiB': Math.round(Math.max(...list.map((m) => m.peakMiB))),
      errors: list.reduce((sum, m) => sum + m.errors + m.non2xx, 0),
    };
    rows.push(row);
    summary[key] = row as unknown as Record<string, number>;
  }
  console.table(rows);
  for (const operation of new Set(measurements.map((m) => m.operation))) {
    const a = rows.find((r) => r.operation === operation && String(r.gateway).startsWith('a:'))!;
    const b = rows.find((r) => r.operation === operation && String(r.gateway).startsWith('b:'))!;
    console.log(`${operation}: b/a requests/s ${(Number(b['req/s']) / Number(a['req/s'])).toFixed(2)}, p99 ${(Number(b['p99 ms']) / Number(a['p99 ms'])).toFixed(2)}`);
  }
  const folder = path.join(ROOT, 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `compareGateways-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), options: values, rows, measurements }, null, 2));
  console.log(`results: ${path.relative(ROOT, file)}`);
}

function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(stopAll);
