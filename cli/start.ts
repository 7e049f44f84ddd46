/**
 * `npm start`: every subgraph, the commercial providers' simulators (unless SIMULATORS=off) and
 * the gateway, each in its own process, on the embedded default (PGlite under DATA_DIR) unless
 * DATABASE_URL is set. Migrates and seeds on first start, prints the URLs, and stops everything
 * cleanly on Ctrl-C.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { COMMERCIAL_SUBGRAPH, loadConfig, RECORD_SUBGRAPHS } from '../config/loadConfig';
import type { ReadyMessage } from './serve';

const SERVE = path.join(__dirname, 'serve.ts');
const children: ChildProcess[] = [];

function startService(service: string): Promise<ReadyMessage> {
  return new Promise((resolve, reject) => {
    const child = fork(SERVE, [service], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(child);
    child.once('message', (message: ReadyMessage) => resolve(message));
    child.once('exit', (code) => reject(new Error(`${service} exited with code ${code} before it was ready`)));
  });
}

let stopping = false;
function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  // A service that has not drained in 15 s is ended.
  setTimeout(() => children.forEach((child) => child.exitCode === null && child.kill('SIGKILL')), 15_000).unref();
  Promise.all(children.map((child) => (child.exitCode !== null ? undefined : new Promise((r) => child.once('exit', r))))).then(() =>
    process.exit(code),
  );
}

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const storage = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite under ${config.dataDir}`;
  const simulators = config.commercial.simulators.enabled ? ['simulators'] : [];
  console.log(`ERMS Federation: starting ${RECORD_SUBGRAPHS.length} record subgraphs, the commercial subgraph${simulators.length ? ', the provider simulators' : ''} and the gateway on ${storage}`);
  const [subgraphs, simulated] = await Promise.all([
    Promise.all([...RECORD_SUBGRAPHS, COMMERCIAL_SUBGRAPH].map(startService)),
    Promise.all(simulators.map(startService)),
  ]);
  const gateway = await startService('gateway');
  console.log(`\nReady in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const ready of subgraphs) console.log(`  subgraph ${ready.service.padEnd(20)} ${ready.url}`);
  for (const ready of simulated) {
    for (const entry of ready.url.split('  ')) {
      const [provider = '', url = ''] = entry.split(' ');
      console.log(`  simulator ${provider.padEnd(19)} ${url}`);
    }
  }
  const base = gateway.url.replace(/\/graphql$/, '');
  console.log(`  gateway                       ${gateway.url}`);
  console.log(`  explorer                      ${base}/explorer`);
  console.log(`  health / readiness            ${base}/healthz  ${base}/readyz`);
  console.log('Press Ctrl-C to stop.');
  for (const child of children) {
    child.on('exit', (code) => {
      if (stopping) return;
      console.error(`a service exited (code ${code}); stopping the others`);
      stopAll(1);
    });
  }
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  stopAll(1);
});
