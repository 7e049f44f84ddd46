/**
 * `npm start`: every subgraph, the commercial providers' simulators (unless SIMULATORS=off) and
 * the gateway, each in its own process, on the embedded default (PGlite under DATA_DIR) unless
 * DATABASE_URL is set. Migrates and seeds on first start, prints the URLs, and stops everything
 * cleanly on Ctrl-C.
 *
 * Supervises the services once all are ready: one that exits on its own is restarted (its store
 * reopens; seeding happened on the first start) after a wait that doubles while it keeps failing
 * (RestartBackoff), and the others keep serving meanwhile; the gateway's /readyz says which
 * subgraph is down. A service that fails before the first start completes stops everything:
 * that is a configuration to fix, not a crash to retry.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../platform/config/loadConfig';
import { COMMERCIAL_SUBGRAPH, RECORD_SUBGRAPHS } from '../subgraphs/names';
import { RestartBackoff } from './RestartBackoff';
import { buildConsoleIfStale } from './buildConsole';
import type { ReadyMessage } from './serve';
import { answerHelp } from './answerHelp';

answerHelp(`
usage: npm start

Starts every subgraph, the commercial providers' simulators (unless SIMULATORS=off) and the
gateway, each in its own process, on the embedded default (PGlite under DATA_DIR) unless
DATABASE_URL is set; migrates and seeds on first start, restarts a service that dies, and
stops everything on Ctrl-C. Configuration: docs/operations.md.
`);

const SERVE = path.join(__dirname, 'serve.ts');
/** The running process of each service, by service name. */
const current = new Map<string, ChildProcess>();
const backoffs = new Map<string, RestartBackoff>();
const pendingRestarts = new Set<NodeJS.Timeout>();
let supervising = false;
let stopping = false;

/** A service ready, and its process id (for the operator: `kill` one, and it comes back). */
type Started = ReadyMessage & { pid: number | undefined };

/** Forks a service; resolves when it says it is ready, rejects if it exits first. */
function launch(service: string): Promise<Started> {
  const child = fork(SERVE, [service], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  current.set(service, child);
  const startedAt = Date.now();
  child.once('exit', (code, signal) => {
    if (stopping || !supervising) return;
    const backoff = backoffs.get(service) ?? new RestartBackoff();
    backoffs.set(service, backoff);
    const delay = backoff.delayAfter(Date.now() - startedAt);
    console.error(`${service} exited (${signal ?? `code ${code}`}); restarting it in ${(delay / 1000).toFixed(1)} s, the other services keep serving`);
    const timer = setTimeout(() => {
      pendingRestarts.delete(timer);
      if (stopping) return;
      launch(service).then(
        (ready) => console.error(`${service} restarted: ${ready.url} (pid ${ready.pid})`),
        () => undefined, // its exit handler has scheduled the next attempt
      );
    }, delay);
    pendingRestarts.add(timer);
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message: ReadyMessage) => resolve({ ...message, pid: child.pid }));
    child.once('exit', (code, signal) => reject(new Error(`${service} exited (${signal ?? `code ${code}`}) before it was ready`)));
  });
}

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const timer of pendingRestarts) clearTimeout(timer);
  const children = [...current.values()];
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  // A service that has not drained in 15 s is ended.
  setTimeout(() => children.forEach((child) => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')), 15_000).unref();
  Promise.all(children.map((child) => (child.exitCode !== null || child.signalCode !== null ? undefined : new Promise((r) => child.once('exit', r))))).then(() =>
    process.exit(code),
  );
}

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  // The console's build, if its sources changed since the last one (npm install builds it too).
  buildConsoleIfStale((message) => console.log(message));
  const storage = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite under ${config.dataDir}`;
  const simulators = config.commercial.simulators.enabled ? ['simulators'] : [];
  console.log(`ERMS Federation: starting ${RECORD_SUBGRAPHS.length} record subgraphs, the commercial subgraph${simulators.length ? ', the provider simulators' : ''} and the gateway on ${storage}`);
  const [subgraphs, simulated] = await Promise.all([
    Promise.all([...RECORD_SUBGRAPHS, COMMERCIAL_SUBGRAPH].map(launch)),
    Promise.all(simulators.map(launch)),
  ]);
  const gateway = await launch('gateway');
  if (stopping) return;
  supervising = true;
  console.log(`\nReady in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const ready of subgraphs) console.log(`  subgraph ${ready.service.padEnd(20)} ${ready.url}  (pid ${ready.pid})`);
  for (const ready of simulated) {
    for (const entry of ready.url.split('  ')) {
      const [provider = '', url = ''] = entry.split(' ');
      console.log(`  simulator ${provider.padEnd(19)} ${url}`);
    }
  }
  const base = gateway.url.replace(/\/graphql$/, '');
  console.log(`  gateway                       ${gateway.url}  (pid ${gateway.pid})`);
  console.log(`  explorer                      ${base}/explorer`);
  console.log(`  console                       ${base}/console`);
  console.log(`  health / readiness            ${base}/healthz  ${base}/readyz`);
  console.log('A service that stops is restarted. Press Ctrl-C to stop.');
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  stopAll(1);
});
