/**
 * `npm run bench:commercial -- [--persons 2000] [--count 300] [--hang-seconds 20]`
 *
 * What the gateway adds to a commercial search, and what a hanging provider does to everyone
 * else [P3]. The record subgraphs, the commercial subgraph and the gateway run as `npm start`
 * runs them (one process each); the five simulators run in this process, answering at once
 * (latency 0), so what is measured is our own path, not a provider's:
 *
 *  1. a TLO person search sent straight to the simulator, one at a time;
 *  2. the same search through the gateway (`commercialSearch { personReport(provider: TLO) }`),
 *     uncached (TLO's cache is off for the run), then an Accurint search served from the cache;
 *  3. a non-commercial query (a person with arrests and warrants), quiet;
 *  4. the same query while four clients keep searching TLO: first with TLO well (the control,
 *     the same extra load), then with TLO hanging: the breaker opens, TLO searches fail fast,
 *     and the other query should not move against the control.
 *
 * Prices are set to 0 for the run, so the seeded budgets never run out. Numbers to read, no
 * assertion; written to stdout and bench/results/.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COMMERCIAL_PROVIDERS } from '../subgraphs/commercial/providers/providerNames';
import { loadConfig } from '../platform/config/loadConfig';
import { RECORD_SUBGRAPHS } from '../subgraphs/names';
import { issueDevelopmentToken } from '../platform/identity/issueDevelopmentToken';
import { loadOrCreateKeyPair } from '../platform/identity/localKeys';
import { FAST_BEHAVIOUR, startSimulators } from '../simulators/startSimulators';
import { personAt, type World } from '../synthetic/world';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '2000' },
    count: { type: 'string', default: '300' },
    'hang-seconds': { type: 'string', default: '20' },
  },
});
const ROOT = path.join(__dirname, '..');
const COUNT = Number(values.count);
const PORT = 4300;
const SIMULATORS_PORT = 4401;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: path.join(ROOT, 'data', `bench-commercial-${values.persons}`),
  PORT: String(PORT),
  PERSONS: values.persons,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'development',
  SIMULATORS: 'off',
  SIMULATORS_PORT: String(SIMULATORS_PORT),
  TLO_CACHE_TTL_SECONDS: '0',
  ...Object.fromEntries(COMMERCIAL_PROVIDERS.map((p) => [`${p}_RATE_CENTS`, '0'])),
};
const children: ChildProcess[] = [];

function start(service: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, 'cli', 'serve.ts'), [service], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`${service} exited (${code}) before it was ready`)));
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) };
}
const round = (ms: number) => Math.round(ms * 10) / 10;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  const config = loadConfig(env);
  const world: World = { seed: config.seed, persons: config.persons };
  const apiKeys = Object.fromEntries(COMMERCIAL_PROVIDERS.map((p) => [p, config.commercial.providers[p].apiKey])) as Record<(typeof COMMERCIAL_PROVIDERS)[number], string>;
  const simulators = await startSimulators({ world, host: '127.0.0.1', port: SIMULATORS_PORT, apiKeys, behaviour: () => FAST_BEHAVIOUR });
  console.error('starting the record subgraphs, the commercial subgraph and the gateway (seeding on first run)...');
  await Promise.all([...RECORD_SUBGRAPHS, 'commercial'].map(start));
  const gateway = await start('gateway');
  const token = await issueDevelopmentToken(await loadOrCreateKeyPair(config.dataDir, 'local-issuer', 'ES256'), { userId: 'detective', ttlSeconds: 3600 });
  const headers = {
    'content-type': 'application/json', authorization: `Bearer ${token}`,
    'x-purpose': 'CRIMINAL_INVESTIGATION', 'x-case-number': '2025-075-000123', 'x-justification': 'Benchmark of the commercial subgraph',
    'x-permissible-purpose': 'DPPA_B1', 'x-glba-exception': 'GLBA_E5',
  };
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(gateway, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  };
  const subject = (i: number) => {
    const person = personAt(world, i % world.persons);
    return { firstName: person.firstName, lastName: person.lastName, dateOfBirth: person.dateOfBirth };
  };
  const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
  const direct = (i: number) => {
    const s = subject(i);
    return fetch(`${simulators.byProvider.TLO.url}/v1/search/person`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKeys.TLO}`, 'content-type': 'application/json' },
      body: JSON.stringify({ FirstName: s.firstName, LastName: s.lastName, DateOfBirth: usDate(s.dateOfBirth), PermissiblePurpose: { DPPA: '1', GLBA: '5' } }),
    }).then((response) => response.text());
  };
  const TLO = 'query Tlo($s: CommercialSubject!) { commercialSearch(subject: $s) { personReport(provider: TLO) { cached records { matchScore names addresses { line1 } phones { number } } } } }';
  const ACCURINT = 'query Acc($s: CommercialSubject!) { commercialSearch(subject: $s) { personReport(provider: ACCURINT) { cached records { matchScore names } } } }';
  const OTHER = 'query Other($id: ID!) { person(id: $id) { fullName arrests { number } calls911 { id } warrants { number } } }';
  const other = (i: number) => ask(OTHER, { id: `P${String((i % 50) + 1).padStart(8, '0')}` });

  // Warm every path (JIT, pools, plan cache) before measuring.
  for (let i = 0; i < 30; i++) await Promise.all([direct(i), ask(TLO, { s: subject(i) }), ask(ACCURINT, { s: subject(0) }), other(i)]);

  const results: Record<string, ReturnType<typeof summary>> = {};
  const measure = async (label: string, run: (i: number) => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < COUNT; i++) times.push(await timed(() => run(1000 + i)));
    results[label] = summary(times);
    console.error(`${label}: ${JSON.stringify(results[label])}`);
  };
  await measure('TLO search, direct to the simulator', direct);
  await measure('TLO search through the gateway (uncached)', (i) => ask(TLO, { s: subject(i) }));
  await measure('Accurint search through the gateway (from the encrypted cache)', () => ask(ACCURINT, { s: subject(0) }));
  await measure('non-commercial query through the gateway (quiet)', other);

  /**
   * Four clients keep searching TLO while the other query is measured: first with TLO well (the
   * control: the same extra load on two cores), then with TLO hanging.
   */
  const underSearchLoad = async (hanging: boolean) => {
    simulators.byProvider.TLO.behave({ fault: hanging ? { kind: 'hang' } : null });
    const until = Date.now() + Number(values['hang-seconds']) * 1000;
    const tlo: number[] = [];
    const codes = new Map<string, number>();
    const searcher = async (worker: number) => {
      for (let i = 0; Date.now() < until; i++) {
        let answer: Awaited<ReturnType<typeof ask>> | undefined;
        tlo.push(await timed(async () => (answer = await ask(TLO, { s: subject(5000 + worker * 10_000 + i) }))));
        const code = answer?.errors?.[0]?.extensions?.code ?? 'OK';
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    };
    const others: number[] = [];
    const measuring = (async () => {
      for (let i = 0; Date.now() < until; i++) others.push(await timed(() => other(i)));
    })();
    await Promise.all([measuring, ...[0, 1, 2, 3].map(searcher)]);
    const when = hanging ? 'while TLO hangs' : 'while 4 clients search a healthy TLO';
    results[`non-commercial query through the gateway ${when}`] = summary(others);
    results[`TLO search through the gateway ${when}`] = summary(tlo);
    console.error(`${when}: TLO answers by code ${JSON.stringify(Object.fromEntries(codes))}`);
    return Object.fromEntries(codes);
  };
  await underSearchLoad(false);
  const codes = await underSearchLoad(true);

  const added = (p: 'p50' | 'p99') => round(results['TLO search through the gateway (uncached)']![p] - results['TLO search, direct to the simulator']![p]);
  console.log('\n| measurement | n | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|');
  for (const [label, s] of Object.entries(results)) console.log(`| ${label} | ${s.n} | ${s.p50} | ${s.p99} | ${s.max} |`);
  console.log(`\nadded by the gateway to a TLO search: p50 ${added('p50')} ms, p99 ${added('p99')} ms`);
  console.log(`TLO answers while it hung: ${JSON.stringify(codes)}`);
  const file = path.join(ROOT, 'bench', 'results', `commercialLatency-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ persons: values.persons, count: COUNT, results, hangCodes: codes }, null, 2));
  await simulators.close();
}

function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}

main()
  .then(() => {
    stopAll();
    setTimeout(() => process.exit(0), 3_000).unref();
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    stopAll();
    process.exit(1);
  });
