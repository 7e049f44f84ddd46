import { createHash } from 'node:crypto';
import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';
import { TrustedDocuments } from '../../subgraphs/governance/agreements/TrustedDocuments';

/**
 * Operation limits, the body limit, batching, the rate limit and field suggestions, through
 * the whole secured stack in production mode [issue 7]. Every refusal comes before planning:
 * the recording proxies prove no subgraph was asked.
 */
const INVESTIGATION = { code: 'CRIMINAL_INVESTIGATION' };
// A burst of 30, then one a minute: however slow the machine, no request of the test is refilled.
const RATE = { perMinute: 1, burst: 30 };
const MAX_BODY_BYTES = 200_000;

/** Depth 2 + 2 × levels, at almost no cost: one arrest at a place, its place, one arrest there... */
const nested = (levels: number) => `{ location(id: "L00000001") { ${'arrests(limit: 1) { location { '.repeat(levels)}id${' } }'.repeat(levels)} } }`;
/** About 1060 tokens in an operation that is not run: tokens count for the whole document. */
const LONG_DOCUMENT = `query Run { me { id } } query NotRun { person(id: "P00000001") { ${Array.from({ length: 350 }, (_, i) => `a${i}: id`).join(' ')} } }`;
const roots = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `p${i}: person(id: "P0000000${i}") { id }`).join(' ')} }`;

interface Case {
  rule: string;
  user: string;
  query: string;
  limit: string | null;
  variables?: Record<string, unknown>;
  /** [P14] a partner sends only operations approved for its agreement: published there first, sent by id. */
  agreement?: string;
  operationName?: string;
}

const PEOPLE_AND_CHARGES = '{ arrests(first: 100) { edges { node { number person { fullName arrests(first: 10) { number } } charges { lawCode } } } } }'; // cost 2602
const PEOPLE_AND_THEIR_CHARGES = '{ arrests(first: 100) { edges { node { number person { fullName arrests(first: 10) { number charges { lawCode } } } } } } }'; // cost 12502

// officer: depth 8, aliases 10, root fields 5, tokens 1000, cost 2000; analyst: 12, 50, 20, 5000, 20000; partner: 6, 5, 3, 500, 500
const CASES: Case[] = [
  { rule: 'depth: patrol may nest 8 levels', user: 'officer', query: nested(3), limit: null },
  { rule: 'depth: patrol may not nest 9', user: 'officer', query: nested(4), limit: 'depth' },
  { rule: 'depth: an analyst may', user: 'analyst', query: nested(4), limit: null },
  { rule: 'root fields: patrol may not ask for 6 records at once', user: 'officer', query: roots(6), limit: 'rootFields' },
  { rule: 'root fields: a detective may', user: 'detective', query: roots(6), limit: null },
  { rule: 'root fields: a partner agency may not ask for 4', user: 'partner-npd', query: roots(4), limit: 'rootFields', agreement: 'PD-NASSAU-2026-01' },
  { rule: 'aliases: patrol may not alias 11 fields', user: 'officer', query: `{ person(id: "P00000001") { ${Array.from({ length: 11 }, (_, i) => `a${i}: id`).join(' ')} } }`, limit: 'aliases' },
  { rule: 'cost: patrol may not page 100 arrests with their people, arrests and charges', user: 'officer', query: PEOPLE_AND_CHARGES, limit: 'cost' },
  { rule: 'cost: a detective may page them', user: 'detective', query: PEOPLE_AND_CHARGES, limit: null },
  { rule: 'cost: a detective may not page them with the charges of each person\'s arrests', user: 'detective', query: PEOPLE_AND_THEIR_CHARGES, limit: 'cost' },
  { rule: 'cost: an analyst may', user: 'analyst', query: PEOPLE_AND_THEIR_CHARGES, limit: null },
  { rule: 'cost: a page size in a variable counts too', user: 'officer', query: PEOPLE_AND_CHARGES.replace('{ arrests(first: 100)', 'query Q($n: Int) { arrests(first: $n)'), variables: { n: 100 }, limit: 'cost' },
  { rule: 'tokens: patrol may not send over 1000 tokens', user: 'officer', query: LONG_DOCUMENT, operationName: 'Run', limit: 'tokens' },
  { rule: 'tokens: an analyst may', user: 'analyst', query: LONG_DOCUMENT, operationName: 'Run', limit: null },
  { rule: 'tokens: nobody may send over 5000: the parser stops there', user: 'analyst', query: `{ person(id: "P00000001") { ${'id '.repeat(20_000)}} }`, limit: 'tokens' },
  { rule: 'validation: fields graphql-js would take too long to check against one another', user: 'analyst', query: `{ person(id: "P00000001") { ${'id '.repeat(1500)}} }`, limit: 'validation' },
];

describe('operation limits, through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('pglite', undefined, { recordSubgraphRequests: true, gateway: { production: true, rateLimit: RATE, maxBodyBytes: MAX_BODY_BYTES } });
  }, 120_000);
  afterAll(() => stack?.close());

  const post = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, any> }[] } };
  };
  const as = async (user: string) => ({ authorization: `Bearer ${await stack.token(user)}`, ...purposeHeaders(INVESTIGATION) });
  /** The request body: the text, or for a partner the id of the text approved for its agreement. */
  const bodyOf = async (query: string, agreement: string | undefined, rest: Record<string, unknown>) => {
    if (!agreement) return JSON.stringify({ query, ...rest });
    const sha256 = createHash('sha256').update(query).digest('hex');
    await new TrustedDocuments(stack.governanceDb).publish({ agreement }, `Op${sha256.slice(0, 8)}`, query, sha256, 'test', 'privacy-officer');
    return JSON.stringify({ documentId: sha256, ...rest });
  };
  const metric = async (name: string, label: string) => {
    const text = await (await fetch(stack.gateway.url.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${await stack.token('admin')}` } })).text();
    return Number(new RegExp(`${name}\\{limit="${label}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  };

  it.each(CASES.map((c) => [c.rule, c] as const))('%s', async (_rule, { user, query, limit, variables, operationName, agreement }) => {
    const before = stack.subgraphRequests.length;
    const result = await post(await bodyOf(query, agreement, { variables, operationName }), await as(user));
    if (limit === null) {
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
      return;
    }
    expect(result.status).toBe(400);
    expect(result.body.data ?? null).toBeNull();
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
    const { value, maximum } = result.body.errors![0]!.extensions;
    if (limit !== 'validation') expect(value).toBeGreaterThan(maximum);
    expect(stack.subgraphRequests.length).toBe(before); // refused before planning
  });

  it('counts every refusal by limit at /metrics, and audits it', async () => {
    for (const limit of ['depth', 'rootFields', 'aliases', 'cost', 'tokens', 'validation']) {
      expect(await metric('erms_limit_refusals_total', limit)).toBe(CASES.filter((c) => c.limit === limit).length);
    }
    const audited = await stack.governanceDb.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE event->'errorCodes' ? 'QUERY_TOO_COMPLEX' AND event->>'outcome' = 'REFUSED'`,
    );
    expect(audited[0]!.n).toBe(CASES.filter((c) => c.limit).length);
  });

  it('refuses a body over MAX_BODY_BYTES with HTTP 413 and BAD_USER_INPUT, before authentication', async () => {
    const { status, body } = await post(JSON.stringify({ query: `{ ${'a'.repeat(MAX_BODY_BYTES)} }` }));
    expect(status).toBe(413);
    expect(body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toBe(`request body over ${MAX_BODY_BYTES} bytes`);
  });

  it('answers headers over 16 KiB (a long GET query) with HTTP 431 and BAD_USER_INPUT, not Node\'s bare status line', async () => {
    const response = await fetch(`${stack.gateway.url}?query=${encodeURIComponent(`{ ${'a '.repeat(10_000)}}`)}`);
    expect(response.status).toBe(431);
    expect(await response.json()).toEqual({ errors: [{ message: 'request headers too large', extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it.each([
    ['detective', '{ person(id: "P00000001") { id fullName } }', undefined],
    ['partner-npd', 'query Mine { warrants(first: 1) { totalCount } }', 'PD-NASSAU-2026-01'],
  ])('refuses an unknown operation name with HTTP 400 before planning (the gateway answered 500) (%s)', async (user, query, agreement) => {
    const before = stack.subgraphRequests.length;
    const { status, body } = await post(await bodyOf(query, agreement, { operationName: 'Other' }), await as(user));
    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ message: 'Unknown operation named "Other".', extensions: { code: 'BAD_USER_INPUT', reason: 'OPERATION_RESOLUTION_FAILURE' } }] });
    expect(stack.subgraphRequests.length).toBe(before);
  });

  it('refuses a batch with HTTP 400 and BAD_USER_INPUT that says why', async () => {
    const { status, body } = await post(JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]), await as('detective'));
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ message: 'batched requests are not accepted: send one operation per request', extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' } }]);
  });

  it('gives no field suggestions in production', async () => {
    const result = await stack.queryAs('detective', INVESTIGATION, '{ person(id: "P00000001") { fullNam } }');
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([
      { message: 'Cannot query field "fullNam" on type "Person".', locations: [{ line: 1, column: 29 }], extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
    const enumValue = await stack.queryAs('detective', INVESTIGATION, 'query Q($s: Sex) { searchByDescription(description: { sex: $s, name: "JON" }) { totalCount } }', { s: 'FF' });
    expect(enumValue.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('limits each user to RATE_LIMIT_PER_MINUTE with HTTP 429 and Retry-After, audited and counted; others go on', async () => {
    const headers = { authorization: `Bearer ${await stack.token('vendor')}` };
    const me = JSON.stringify({ query: '{ me { id } }' });
    const answers = [];
    for (let i = 0; i < RATE.burst; i++) answers.push(await post(me, headers));
    expect(answers.map((a) => a.status)).toEqual(Array(RATE.burst).fill(200));
    const refused = await post(me, headers);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: Number(refused.headers.get('retry-after')) });
    expect(refused.body.data ?? null).toBeNull();
    expect((await stack.queryAs('admin', null, '{ me { id } }')).status).toBe(200);
    expect(await metric('erms_limit_refusals_total', 'rate')).toBe(1);
    const audited = await stack.governanceDb.query<{ user_id: string; event: { outcome: string } }>(`SELECT user_id, event FROM audit_event WHERE event->'errorCodes' ? 'RATE_LIMITED'`);
    expect(audited.map((row) => [row.user_id, row.event.outcome])).toEqual([['vendor', 'REFUSED']]);
  });
});
