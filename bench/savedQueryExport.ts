/**
 * `npm run bench:export -- [--persons 100000] [--format CSV] [--port 7410] [--data-dir DIR]`
 *
 * The time to export a saved query's 100k rows and the gateway's memory meanwhile (issue 25):
 * starts the record subgraphs and the gateway as `npm start` does (each its own process, PGlite
 * under $TMPDIR/erms-bench-export-<persons> unless --data-dir, seeded on first run), saves a query over `calls911` (one
 * row a call; the world has one call a person), POSTs /exports, and samples the gateway
 * process's resident memory (/proc/<pid>/status VmRSS) every 50 ms until the file is ready; then
 * downloads it. Results to stdout and bench/results/.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config/loadConfig';
import { RECORD_SUBGRAPHS } from '../subgraphs/names';
import { issueDevelopmentToken } from '../platform/identity/issueDevelopmentToken';
import { loadOrCreateKeyPair } from '../platform/identity/localKeys';
import { stopChildren, writeResults } from './benchProcesses';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    'data-dir': { type: 'string' },
    format: { type: 'string', default: 'CSV' },
    port: { type: 'string', default: '7410' },
  },
});
const ROOT = path.join(__dirname, '..');
const PORT = Number(values.port);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: values['data-dir'] ?? path.join(os.tmpdir(), `erms-bench-export-${values.persons}`),
  PORT: String(PORT),
  PERSONS: values.persons,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'development',
  SIMULATORS: 'off',
  SAVED_QUERY_SCHEDULER_MS: '0',
};
const children: ChildProcess[] = [];

function start(service: string): Promise<{ url: string; pid: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, 'cli', 'serve.ts'), [service], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    child.once('message', (message: { url: string }) => resolve({ url: message.url, pid: child.pid! }));
    child.once('exit', (code) => reject(new Error(`${service} exited (${code}) before it was ready`)));
  });
}

/** Resident memory of a process, in MiB. */
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const CALLS = `query AllCalls($first: Int = 100, $after: String) {
  calls911(first: $first, after: $after) {
    edges { node { id receivedAt incidentCode incidentType priority borough precinct disposition location { address } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function main(): Promise<void> {
  const config = loadConfig(env);
  console.log(`starting ${RECORD_SUBGRAPHS.length} record subgraphs and the gateway (${values.persons} persons; the first run seeds)`);
  const seedStarted = Date.now();
  await Promise.all(RECORD_SUBGRAPHS.map(start));
  await start('commercial');
  const gateway = await start('gateway');
  console.log(`ready in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s; gateway pid ${gateway.pid}`);
  const base = gateway.url.replace(/\/graphql$/, '');
  const token = await issueDevelopmentToken(await loadOrCreateKeyPair(config.dataDir, 'local-issuer', 'ES256'), { userId: 'analyst' });
  const headers = {
    'content-type': 'application/json', authorization: `Bearer ${token}`,
    'x-purpose': 'CRIMINAL_INVESTIGATION', 'x-case-number': '2026-075-000100', 'x-justification': 'Export benchmark of 911 calls',
  };
  const saved = (await (await fetch(`${base}/graphql`, {
    method: 'POST', headers,
    body: JSON.stringify({
      query: 'mutation($input: SavedQueryInput!) { saveQuery(input: $input) { id } }',
      variables: { input: {
        name: 'Every 911 call', document: CALLS, columns: { rows: 'calls911.edges', pageInfo: 'calls911.pageInfo', columns: [
          { name: 'call', path: 'node.id' }, { name: 'receivedAt', path: 'node.receivedAt' }, { name: 'code', path: 'node.incidentCode' },
          { name: 'incident', path: 'node.incidentType' }, { name: 'priority', path: 'node.priority' }, { name: 'borough', path: 'node.borough' },
          { name: 'precinct', path: 'node.precinct' }, { name: 'disposition', path: 'node.disposition' }, { name: 'address', path: 'node.location.address' },
        ] },
      } },
    }),
  })).json()) as { data?: { saveQuery: { id: string } }; errors?: unknown };
  if (!saved.data) throw new Error(`saving the query failed: ${JSON.stringify(saved.errors)}`);
  const before = rssMiB(gateway.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(gateway.pid))), 50);
  const started = Date.now();
  const created = (await (await fetch(`${base}/exports`, { method: 'POST', headers, body: JSON.stringify({ savedQueryId: saved.data.saveQuery.id, format: values.format }) })).json()) as Record<string, any>;
  const exportMs = Date.now() - started;
  clearInterval(sampler);
  if (created.status !== 'READY') throw new Error(`the export failed: ${JSON.stringify(created)}`);
  const downloadStarted = Date.now();
  const file = await fetch(`${base}${created.url}`, { headers: { authorization: headers.authorization } });
  const bytes = (await file.arrayBuffer()).byteLength;
  const downloadMs = Date.now() - downloadStarted;
  const results = {
    persons: Number(values.persons), format: values.format, rows: created.rowCount, pages: Math.ceil(created.rowCount / 100), bytes,
    exportSeconds: exportMs / 1000, rowsPerSecond: Math.round(created.rowCount / (exportMs / 1000)), downloadMs,
    gatewayRssBeforeMiB: Math.round(before), gatewayPeakRssDuringExportMiB: Math.round(peak), gatewayRssGrowthMiB: Math.round(peak - before),
  };
  console.log(results);
  writeResults('savedQueryExport', results);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  })
  .finally(() => stopChildren(children, RECORD_SUBGRAPHS.length + 1));
