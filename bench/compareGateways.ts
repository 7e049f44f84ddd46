/**
 * `npm run bench -- [--duration 3] [--connections 16] [--persons 5000] [--rounds 10] [--operation name]... [--profile [a,b,c]] [--port 4400]`
 *
 * The same realistic operations, at fixed concurrency, against (a) a bare `@apollo/gateway`
 * (bench/bareGateway.ts), (b) this gateway with authentication, purpose, field policy and the
 * audit, and (c) Hive Gateway (bench/hiveGateway.ts), over the same subgraphs, supergraph and
 * data, in one run. Each gateway runs in its own process; rounds take turns, a, b, c then c, b, a,
 * so drift on a noisy machine favours none. Reports requests/s, p50/p99 latency, CPU milliseconds per
 * request and peak memory of each gateway process, and the ratios b/a and b/c, to stdout and
 * bench/results/. No assertion: numbers for people to read.
 *
 * Storage is the embedded default (PGlite under data/bench-<persons>, seeded on first run), or
 * PostgreSQL when DATABASE_URL is set (its stores are used as they are seeded). `--profile`
 * runs (b), or the gateways named (`--profile a,b`), under `node --cpu-prof` and prints where
 * each one's CPU time goes (.bench/profiles/<run>/<gateway>/).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { stopChildren, writeResults } from './benchProcesses';
import { loadConfig } from '../platform/config/loadConfig';
import { RECORD_SUBGRAPHS } from '../subgraphs/names';
import { issueDevelopmentToken } from '../platform/identity/issueDevelopmentToken';
import { loadOrCreateKeyPair } from '../platform/identity/localKeys';
import type { World } from '../synthetic/world';
import { BenchUsageError, benchOptions, type BenchOptions } from './benchOptions';
import { OPERATIONS, type BenchOperation } from './operations';
import { topFunctions } from './summarizeCpuProfile';
import { GATEWAY_NAMES, markdownTable, ratios, summarize, type GatewayKey, type Measurement } from './summarizeComparison';

let options: BenchOptions;
try {
  options = benchOptions(process.argv.slice(2), OPERATIONS.map((op) => op.name));
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const ROOT = path.join(__dirname, '..');
const PROFILES = path.join(ROOT, '.bench', 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
const DATA_DIR = path.join(ROOT, 'data', `bench-${options.persons}`);
const BASE_PORT = options.port;
const env = { ...process.env, DATA_DIR, PORT: String(BASE_PORT), PERSONS: String(options.persons), LOG_LEVEL: 'warn', NODE_ENV: 'development' };
const children: ChildProcess[] = [];
const PROFILED = options.profile;
const profileArgs = (key: GatewayKey) => (PROFILED.includes(key) ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROFILES, key)}`] : []);

function start(script: string, args: string[], execArgv: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, script), args, { env, execArgv: [...execArgv, '--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    child.once('message', (message: { url: string }) => resolve({ url: message.url, child }));
    child.once('exit', (code) => reject(new Error(`${script} ${args.join(' ')} exited (${code})`)));
  });
}

/** CPU time (ms) and peak resident memory (MiB) of a process, from /proc (Linux). */
function usage(pid: number): { cpuMs: number; peakMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuMs: (ticks * 1000) / 100, peakMiB: Number(hwm?.[1] ?? 0) / 1024 };
}

interface Target {
  key: GatewayKey;
  pid: number;
  url: string;
  headers: Record<string, string>;
}

async function measure(target: Target, subgraphPids: number[], operation: string, bodies: string[], seconds: number, round: number): Promise<Measurement> {
  const subgraphCpu = () => subgraphPids.reduce((sum, pid) => sum + usage(pid).cpuMs, 0);
  const before = usage(target.pid);
  const subgraphsBefore = subgraphCpu();
  let next = 0;
  const result = await autocannon({
    url: target.url, method: 'POST', headers: { 'content-type': 'application/json', ...target.headers },
    connections: options.connections, duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
    // An answer with errors is a failure, not a fast answer (counted as a mismatch).
    verifyBody: (body) => !String(body).includes('"errors"'),
  });
  const after = usage(target.pid);
  const answered = Math.max(1, result.requests.total);
  return {
    gateway: target.key,
    operation,
    round,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.mismatches,
    non2xx: result.non2xx,
    cpuMsPerRequest: (after.cpuMs - before.cpuMs) / answered,
    subgraphCpuMsPerRequest: (subgraphCpu() - subgraphsBefore) / answered,
    peakMiB: after.peakMiB,
  };
}

/** The variable sets every gateway answers without an error (the first one must). */
async function answerable(targets: Target[], operation: BenchOperation, world: World): Promise<string[]> {
  const bodies = operation.variables(world).map((variables) => JSON.stringify({ query: operation.query, variables }));
  const kept: string[] = [];
  for (const body of bodies) {
    const problems: string[] = [];
    for (const target of targets) {
      const check = await fetch(target.url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...target.headers } });
      const answer = (await check.json()) as { errors?: unknown[] };
      if (check.status !== 200 || answer.errors) problems.push(`${target.key}: ${check.status} ${JSON.stringify(answer.errors ?? '').slice(0, 300)}`);
    }
    if (!problems.length) kept.push(body);
    else if (!kept.length && body === bodies[0]) throw new Error(`${operation.name} ${body}: ${problems.join('; ')}`);
  }
  if (kept.length < bodies.length) console.warn(`${operation.name}: ${bodies.length - kept.length} of ${bodies.length} variable sets left out (an error from some gateway)`);
  return kept;
}

/** Hive Gateway is a third party's: if it cannot start here, the comparison runs without it. */
async function startHive(): Promise<{ url: string; child: ChildProcess } | null> {
  try {
    return await start('bench/hiveGateway.ts', [String(BASE_PORT + 60)], profileArgs('c'));
  } catch (error) {
    console.warn(`(c) Hive Gateway did not start, comparing a and b only: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

async function main(): Promise<void> {
  const storage = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite under ${path.relative(ROOT, DATA_DIR)}`;
  console.log(`starting subgraphs and the gateways (${options.persons} persons, ${storage}; the first run seeds)`);
  const subgraphs = await Promise.all(RECORD_SUBGRAPHS.map((name) => start('cli/serve.ts', [name])));
  const secured = await start('cli/serve.ts', ['gateway'], profileArgs('b'));
  const bare = await start('bench/bareGateway.ts', [String(BASE_PORT + 50)], profileArgs('a'));
  const hive = await startHive();
  const token = await issueDevelopmentToken(await loadOrCreateKeyPair(DATA_DIR, 'local-issuer', 'ES256'), { userId: 'detective', ttlSeconds: 7200 });
  const securedHeaders = {
    authorization: `Bearer ${token}`,
    'x-purpose': 'CRIMINAL_INVESTIGATION',
    'x-case-number': '2025-075-000123',
    'x-justification': 'Benchmark of the policy stages, synthetic data',
  };
  const targets: Target[] = [
    { key: 'a', pid: bare.child.pid!, url: bare.url, headers: {} },
    { key: 'b', pid: secured.child.pid!, url: secured.url, headers: securedHeaders },
    ...(hive ? [{ key: 'c' as const, pid: hive.child.pid!, url: hive.url, headers: {} }] : []),
  ];
  const subgraphPids = subgraphs.map((s) => s.child.pid!);
  const operations = OPERATIONS.filter((op) => !options.operations.length || options.operations.includes(op.name));
  const measurements: Measurement[] = [];
  const world = { seed: loadConfig(env).seed, persons: options.persons };
  for (const operation of operations) {
    const bodies = await answerable(targets, operation, world);
    for (const target of targets) await measure(target, subgraphPids, operation.name, bodies, 3, 0); // warm-up: plans cached, pools open, JIT warm
    for (let round = 1; round <= options.rounds; round++) {
      // a, b, c, then c, b, a: a machine that slows down (or speeds up) during a run favours none.
      const order = round % 2 ? targets : [...targets].reverse();
      for (const target of order) measurements.push(await measure(target, subgraphPids, operation.name, bodies, options.duration, round));
    }
  }
  report(measurements);
}

function report(measurements: Measurement[]): void {
  const rows = summarize(measurements);
  const ratioList = ratios(measurements);
  console.table(rows.map((r) => ({
    operation: r.operation, gateway: `${r.gateway}: ${GATEWAY_NAMES[r.gateway]}`, 'req/s': r.requestsPerSecond, 'p50 ms': r.p50, 'p99 ms': r.p99,
    'CPU ms/req': r.cpuMsPerRequest, 'subgraphs CPU ms/req': r.subgraphCpuMsPerRequest, 'peak MiB': r.peakMiB, failures: r.failures,
  })));
  for (const r of ratioList) {
    console.log(`${r.operation}: b/${r.against} requests/s ${r.requestsPerSecond.toFixed(2)}, p99 ${r.p99.toFixed(2)}, CPU/request ${r.cpuMsPerRequest.toFixed(2)}`);
  }
  const table = markdownTable(rows, ratioList);
  console.log(`\n${table}\n`);
  const machine = { cpus: (readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm) ?? []).length, node: process.version };
  writeResults('compareGateways', { options, machine, rows, ratios: ratioList, markdown: table, measurements });
}

const stopAll = () => stopChildren(children, RECORD_SUBGRAPHS.length);

async function printProfile(): Promise<void> {
  for (const key of PROFILED) {
    console.log(`\nwhere (${key}) spends its CPU (self time, ${path.relative(ROOT, path.join(PROFILES, key))}):`);
    for (const line of topFunctions(path.join(PROFILES, key), 25)) console.log(line);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    await printProfile();
  });
