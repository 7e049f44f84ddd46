/**
 * `npm run bench:neighbour -- [--persons 5000] [--idle 15] [--duration 60] [--connections 4] [--rounds 1] [--port 5200]`
 *
 * Does one officer's heaviest lawful request slow everyone else down [issue 20]? Starts the
 * record subgraphs and the secured gateway (embedded PGlite under data/bench-<persons>, seeded
 * on first run; PostgreSQL when DATABASE_URL is set), then, each round: measures a detective's
 * person lookups (one connection) for `--idle` seconds alone, then again for `--duration`
 * seconds while an officer sends the heaviest request the limits allow (five aliased
 * description and name searches at their longest arguments and largest page) in a loop over
 * `--connections` connections. Prints the detective's p50/p99 idle and loaded, the p99 ratio
 * (target: within 3x) and the officer's own latency, to stdout and bench/results/. With
 * several rounds, the median ratio. No assertion: numbers for people to read.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { stopChildren, writeResults } from './benchProcesses';
import { RECORD_SUBGRAPHS } from '../subgraphs/names';
import { issueDevelopmentToken } from '../platform/identity/issueDevelopmentToken';
import { loadOrCreateKeyPair } from '../platform/identity/localKeys';
import { personId } from '../synthetic/world';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '5000' },
    idle: { type: 'string', default: '15' },
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '1' },
    // This benchmark's own range, clear of npm start's and npm run bench's.
    port: { type: 'string', default: '5200' },
  },
});
const number = (name: keyof typeof values) => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} must be a positive integer, not ${values[name]}`);
    process.exit(2);
  }
  return value;
};
const options = {
  persons: number('persons'), idle: number('idle'), duration: number('duration'),
  connections: number('connections'), rounds: number('rounds'), port: number('port'),
};

const ROOT = path.join(__dirname, '..');
const DATA_DIR = path.join(ROOT, 'data', `bench-${options.persons}`);
const env = { ...process.env, DATA_DIR, PORT: String(options.port), PERSONS: String(options.persons), LOG_LEVEL: 'warn', NODE_ENV: 'development' };
const children: ChildProcess[] = [];

/** What a detective asks all day: one person, a few of their records. */
const DETECTIVE_QUERY = `query Person($id: ID!) { person(id: $id) { id fullName dateOfBirth arrests(first: 5) { number } calls911(first: 5) { id receivedAt } } }`;

/**
 * The heaviest request an officer's limits allow: five root fields (the officer's maximum),
 * each a search at its longest strings (name 100, identifying mark 64 characters) and a page of
 * 100, with counts; a common name repeated, so the trigram search meets many candidates.
 */
function heaviestOfficerRequest(): string {
  const name = 'MARIA RODRIGUEZ JOSE GARCIA '.repeat(4).slice(0, 100);
  const mark = 'TATTOO '.repeat(10).slice(0, 64);
  const describe = (alias: string, description: string) =>
    `${alias}: searchByDescription(description: ${description}, first: 100) { totalCount edges { node { id fullName } } }`;
  const query = `{ ${[
    describe('d1', `{ name: "${name}", identifyingMark: "${mark}" }`),
    describe('d2', `{ name: "${name.split('').reverse().join('')}" }`),
    describe('d3', `{ identifyingMark: "${'A'.repeat(64)}", hairColor: "BLACK" }`),
    `s1: searchPersons(name: "${name}", first: 100) { totalCount edges { score node { id } } }`,
    `s2: searchPersons(name: "${name.toLowerCase().replace(/a/g, 'e')}", first: 100) { totalCount edges { score node { id } } }`,
  ].join(' ')} }`;
  return JSON.stringify({ query });
}

function start(script: string, args: string[]): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, script), args, { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    child.once('message', (message: { url: string }) => resolve({ url: message.url, child }));
    child.once('exit', (code) => reject(new Error(`${script} ${args.join(' ')} exited (${code})`)));
  });
}

const headersOf = (token: string, justification: string) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${token}`,
  'x-purpose': 'CRIMINAL_INVESTIGATION',
  'x-case-number': '2025-075-000123',
  'x-justification': justification,
});

interface Latency {
  requests: number;
  failures: number;
  p50: number;
  p99: number;
}

function load(url: string, headers: Record<string, string>, bodies: string[], connections: number, seconds: number): Promise<Latency> {
  let next = 0;
  return autocannon({
    url, method: 'POST', headers, connections, duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
    verifyBody: (body) => !String(body).includes('"errors"'),
  }).then((result) => ({
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.mismatches + result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
  }));
}

async function mustAnswer(url: string, headers: Record<string, string>, body: string, who: string): Promise<number> {
  const started = Date.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const answer = (await response.json()) as { errors?: unknown[] };
  if (response.status !== 200 || answer.errors) throw new Error(`${who}'s request is refused: ${response.status} ${JSON.stringify(answer.errors).slice(0, 400)}`);
  return Date.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const storage = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite under ${path.relative(ROOT, DATA_DIR)}`;
  console.log(`starting the record subgraphs and the gateway (${options.persons} persons, ${storage}; the first run seeds)`);
  await Promise.all(RECORD_SUBGRAPHS.map((name) => start('cli/serve.ts', [name])));
  const gateway = await start('cli/serve.ts', ['gateway']);
  const issuer = await loadOrCreateKeyPair(DATA_DIR, 'local-issuer', 'ES256');
  const detective = headersOf(await issueDevelopmentToken(issuer, { userId: 'detective', ttlSeconds: 7200 }), 'Benchmark: the neighbour of a heavy request');
  const officer = headersOf(await issueDevelopmentToken(issuer, { userId: 'officer', ttlSeconds: 7200 }), 'Benchmark: the heaviest request the limits allow');
  const lookups = Array.from({ length: 64 }, (_, i) => JSON.stringify({ query: DETECTIVE_QUERY, variables: { id: personId((i * 7919) % options.persons) } }));
  const heavy = heaviestOfficerRequest();
  await mustAnswer(gateway.url, detective, lookups[0]!, 'the detective');
  const alone = await mustAnswer(gateway.url, officer, heavy, 'the officer');
  console.log(`the heaviest officer request, alone, once: ${alone} ms`);

  const rounds = [];
  for (let round = 1; round <= options.rounds; round++) {
    await load(gateway.url, detective, lookups, 1, 3); // warm-up: plans cached, pools open, JIT warm
    const idle = await load(gateway.url, detective, lookups, 1, options.idle);
    const [loaded, heavyLoad] = await Promise.all([
      load(gateway.url, detective, lookups, 1, options.duration),
      load(gateway.url, officer, [heavy], options.connections, options.duration),
    ]);
    // A request that timed out has no latency in autocannon's histogram: any failure of the
    // detective's fails the round (an infinite ratio), never a flattering p99.
    const p99Ratio = loaded.failures > 0 ? Number.POSITIVE_INFINITY : loaded.p99 / Math.max(1, idle.p99);
    const row = { round, idle, loaded, officer: heavyLoad, p99Ratio };
    rounds.push(row);
    console.log(
      `round ${round}: detective idle p50 ${idle.p50} ms p99 ${idle.p99} ms (${idle.requests} requests); ` +
        `under load p50 ${loaded.p50} ms p99 ${loaded.p99} ms (${loaded.requests} requests, ${loaded.failures} failed); ` +
        `p99 ratio ${row.p99Ratio.toFixed(2)}; officer's heavy request p50 ${heavyLoad.p50} ms p99 ${heavyLoad.p99} ms (${heavyLoad.requests} sent, ${heavyLoad.failures} failed)`,
    );
  }
  const ratio = median(rounds.map((r) => r.p99Ratio));
  console.log(`detective p99 under the heaviest neighbour / idle: ${ratio.toFixed(2)} (median of ${rounds.length}; target: within 3)`);
  writeResults('heavyNeighbour', { options, aloneMs: alone, rounds, medianP99Ratio: ratio });
}

/** The gateway first: a request still in flight must not meet a subgraph going away. */
const stopAll = () => stopChildren(children, RECORD_SUBGRAPHS.length);

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(stopAll);
