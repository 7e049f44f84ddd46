import { Supergraph } from '@apollo/federation-internals';
import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { Agent, request } from 'undici';
import { readPolicyMap } from '../../directives/readPolicyMap';
import { readPurpose } from '../../gateway/stages/purpose/readPurpose';
import { SEED_USERS } from '../../subgraphs/governance/directory/seedUsers';
import type { DeclaredPurpose, Subject } from '../../policy/Subject';
import { startTestStack, type TestStack } from '../harness/startTestStack';
import type { ValuePool } from './buildDocument';
import { problemsOf, type Answer } from './checkAnswer';
import { fuzzCaseArbitrary, toRequest, type FuzzCase, type FuzzRequest, type Tokens } from './fuzzRequest';
import { PolicyOracle } from './policyOracle';

/**
 * Property-based fuzzing of the running gateway [issue 7]: FUZZ_RUNS documents (default
 * 10,000), built from the supergraph's schema and mutated, with fuzzed variables, purpose
 * headers, tokens and body shapes, sent CONCURRENCY at a time. For every answer:
 *  - no 5xx from the gateway, a JSON body, every error with a code of the contract (SPEC §5);
 *  - no internal detail (stack, SQL, errno, host, port, path, URL) the request did not contain;
 *  - no field with a value that the policy denies this caller for this purpose [P5, P8, P16].
 * The seed is fixed (FUZZ_SEED, default below) so a run is reproducible; fast-check prints the
 * seed and path of a failure, and FUZZ_SEED + FUZZ_PATH replay it.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const CONCURRENCY = 16;

describe('the gateway under fuzzing', () => {
  let stack: TestStack;
  let agent: Agent;
  let oracle: PolicyOracle;
  let schema: GraphQLSchema;
  const subjects = new Map<string, Subject>();
  const pool: { strings: string[]; ints: number[] } = { strings: [], ints: [0, 1, 2, 3, 5, 10, 20, 100, 101, -1, 2_147_483_647] };
  let tokens: Tokens;
  const users = [...SEED_USERS.map((u) => u.id), 'ghost'];

  beforeAll(async () => {
    stack = await startTestStack('pglite');
    agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 10_000 });
    const api = Supergraph.build(stack.gateway.supergraphSdl).apiSchema().toGraphQLJSSchema();
    schema = api;
    oracle = new PolicyOracle(api, readPolicyMap(stack.gateway.supergraphSdl));
    for (const user of SEED_USERS) {
      const subject = await stack.directory.subject(user.id, false, false);
      if (subject) subjects.set(user.id, subject);
    }
    // Real keys of the seeded world, so lookups find records and the policy check has values to check.
    const keys = async (subgraph: keyof TestStack['subgraphs'], sql: string) => (await stack.subgraphs[subgraph].db.query<{ key: string }>(sql)).map((r) => r.key);
    pool.strings.push(
      ...(await keys('complaints-arrests', 'SELECT id AS key FROM person ORDER BY id LIMIT 3')),
      ...(await keys('complaints-arrests', 'SELECT id AS key FROM location ORDER BY id LIMIT 2')),
      ...(await keys('complaints-arrests', 'SELECT number AS key FROM arrest ORDER BY number LIMIT 3')),
      ...(await keys('complaints-arrests', 'SELECT number AS key FROM complaint ORDER BY number LIMIT 2')),
      ...(await keys('complaints-arrests', 'SELECT number AS key FROM collision ORDER BY number LIMIT 1')),
      ...(await keys('complaints-arrests', 'SELECT number AS key FROM property_invoice ORDER BY number LIMIT 1')),
      ...(await keys('calls', 'SELECT id AS key FROM call911 ORDER BY id LIMIT 2')),
      ...(await keys('calls', 'SELECT id AS key FROM service_request_311 ORDER BY id LIMIT 1')),
      ...(await keys('warrants', 'SELECT number AS key FROM warrant ORDER BY number LIMIT 2')),
      ...(await keys('warrants', 'SELECT number AS key FROM order_of_protection ORDER BY number LIMIT 1')),
      'JON SMYTH', "O'BRIEN", '', 'P99999999', 'Robert\u0000Tables', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'Ꭺ'.repeat(40), "1' OR '1'='1",
    );
    const valid = new Map<string, string>();
    const remoteNoMfa = new Map<string, string>();
    for (const user of users) {
      valid.set(user, await stack.token(user));
      remoteNoMfa.set(user, await stack.token(user, { remote: true }));
    }
    tokens = { valid, remoteNoMfa };
  }, 120_000);
  afterAll(async () => {
    await agent?.close();
    await stack?.close();
  });

  const tally = { sent: 0, statuses: new Map<number, number>(), codes: new Map<string, number>(), withData: 0, fieldsChecked: 0 };
  const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

  async function send(fuzz: FuzzRequest): Promise<Answer> {
    const response = await request(`${stack.gateway.url.replace('/graphql', '')}${fuzz.path}`, { method: fuzz.method, headers: fuzz.headers, body: fuzz.body, dispatcher: agent });
    const text = await response.body.text();
    let json: Answer['json'];
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.statusCode, text, json };
  }

  /** The purpose the gateway reads from these headers, or 'malformed' when it must refuse them. */
  function purposeOf(headers: Record<string, string>): DeclaredPurpose | null | 'malformed' {
    try {
      return readPurpose(headers).purpose;
    } catch {
      return 'malformed';
    }
  }

  async function check(fuzz: FuzzCase): Promise<string[]> {
    const sent = toRequest(fuzz, schema, pool as ValuePool, tokens);
    const answer = await send(sent);
    tally.sent++;
    bump(tally.statuses, answer.status);
    for (const error of answer.json?.errors ?? []) bump(tally.codes, String(error.extensions?.code));
    const problems = problemsOf(answer, `${sent.path}\n${sent.body ?? ''}\n${JSON.stringify(sent.headers)}`);
    const data = answer.json?.data;
    if (data !== undefined && data !== null) {
      tally.withData++;
      const subject = subjects.get(fuzz.user);
      const purpose = purposeOf(sent.headers);
      if (fuzz.auth !== 'valid' || !subject) problems.push(`data for a caller who is not authenticated (${fuzz.auth}, ${fuzz.user})`);
      else if (purpose === 'malformed') problems.push('data despite malformed purpose headers');
      else if (sent.operation) {
        const denied = await oracle.deniedButReturned(subject, purpose, sent.operation, data);
        tally.fieldsChecked++;
        if (denied.length) problems.push(`fields the policy denies ${fuzz.user} for ${purpose?.code ?? 'no purpose'}: ${denied.join(', ')}`);
      }
    }
    if (problems.length) {
      problems.push(`request: ${JSON.stringify({ ...sent, body: sent.body?.slice(0, 2000) })}`, `answer: HTTP ${answer.status} ${answer.text.slice(0, 2000)}`);
    }
    return problems;
  }

  it(`answers ${RUNS} fuzzed requests with no 5xx, no internal detail and no field the policy denies`, async () => {
    const started = Date.now();
    const batch = fc.array(fuzzCaseArbitrary(users), { minLength: CONCURRENCY, maxLength: CONCURRENCY });
    await fc.assert(
      fc.asyncProperty(batch, async (cases) => {
        const problems = (await Promise.all(cases.map(check))).flat();
        if (problems.length) throw new Error(problems.join('\n'));
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / CONCURRENCY), ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}), endOnFailure: !!process.env.FUZZ_NO_SHRINK },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const top = (map: Map<string | number, number>) => [...map].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(
      `fuzz: ${tally.sent} requests in ${seconds} s (seed ${SEED}); ${tally.withData} with data, ${tally.fieldsChecked} checked against the policy\n` +
        `  statuses: ${top(tally.statuses)}\n  codes: ${top(tally.codes)}`,
    );
    expect(tally.sent).toBeGreaterThanOrEqual(RUNS);
  }, Math.max(600_000, RUNS * 60));
});
