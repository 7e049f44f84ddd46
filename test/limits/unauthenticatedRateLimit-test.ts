import { startTestStack, type TestStack } from '../harness/startTestStack';

/**
 * RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE: failed authentications count against the source
 * address; over its limit, the address's requests without a valid identity get HTTP 429, and
 * the trail [P18] keeps the first refusal of each minute, so a flood cannot fill it. A valid
 * token from the same address is never refused by it.
 */
// Five failures at once, then one a minute: however slow the machine, none is refilled during the test.
const FAILURES = { perMinute: 1, burst: 5 };
const FLOOD = 50;

describe('failed authentications, limited per source address', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('pglite', undefined, { gateway: { unauthenticatedRateLimit: FAILURES } });
  }, 120_000);
  afterAll(() => stack?.close());

  const me = JSON.stringify({ query: '{ me { id } }' });
  const post = async (headers: Record<string, string> = {}) => {
    const response = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: me });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: unknown; errors?: { extensions: Record<string, any> }[] } };
  };
  const BAD_TOKEN = { authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJvZmZpY2VyIn0.c2lnbmF0dXJl' };
  const refusedLogons = () =>
    stack.governanceDb.query<{ event: { outcome: string; errorCodes: string[]; sourceAddress: string } }>(
      `SELECT event FROM audit_event WHERE kind = 'LOGON' AND user_id IS NULL ORDER BY seq`,
    );
  const refusalsCounted = async () => {
    const text = await (await fetch(stack.gateway.url.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${await stack.token('admin')}` } })).text();
    return Number(/erms_limit_refusals_total\{limit="unauthenticated-rate"\} (\d+)/.exec(text)?.[1] ?? 0);
  };

  it(`refuses an address with 429 RATE_LIMITED and Retry-After after ${FAILURES.burst} failed authentications, with or without a token`, async () => {
    const failures = [];
    for (let i = 0; i < FAILURES.burst; i++) failures.push(await post(i % 2 ? BAD_TOKEN : {}));
    expect(failures.map((f) => f.status)).toEqual(Array(FAILURES.burst).fill(401));
    for (const refused of [await post(BAD_TOKEN), await post()]) {
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: Number(refused.headers.get('retry-after')) });
      expect(refused.body.data ?? null).toBeNull();
    }
    expect(await refusalsCounted()).toBe(2);
  });

  it('still answers a valid token from an address over its limit', async () => {
    expect((await post(BAD_TOKEN)).status).toBe(429);
    const valid = await post({ authorization: `Bearer ${await stack.token('officer')}` });
    expect(valid.status).toBe(200);
    expect(valid.body).toEqual({ data: { me: { id: 'officer' } } });
    expect((await post()).status).toBe(429);
  });

  it(`keeps the trail bounded under a flood: ${FLOOD} refusals, the first of the minute audited, every one counted`, async () => {
    const before = await refusalsCounted();
    for (let i = 0; i < FLOOD; i++) expect((await post(BAD_TOKEN)).status).toBe(429);
    expect(await refusalsCounted()).toBe(before + FLOOD);
    const logons = await refusedLogons();
    // The failures that spent the limit, then one refusal a minute (two if the test straddles a minute).
    expect(logons.filter((l) => l.event.errorCodes[0] === 'UNAUTHENTICATED')).toHaveLength(FAILURES.burst);
    const rateRefusals = logons.filter((l) => l.event.errorCodes[0] === 'RATE_LIMITED');
    expect(rateRefusals.length).toBeGreaterThanOrEqual(1);
    expect(rateRefusals.length).toBeLessThanOrEqual(2);
    expect(rateRefusals[0]!.event).toMatchObject({ outcome: 'REFUSED', sourceAddress: '127.0.0.1' });
  });

  it(`keeps the trail bounded under a flood of malformed bodies without identity too: ${FLOOD} refused at the edge, every one counted`, async () => {
    const before = await refusalsCounted();
    const edgeEvents = async () => (await refusedLogons()).filter((l) => l.event.errorCodes[0] === 'BAD_USER_INPUT').length;
    const eventsBefore = await edgeEvents();
    for (let i = 0; i < FLOOD; i++) {
      const response = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{ not json' });
      expect(response.status).toBe(400);
    }
    expect(await refusalsCounted()).toBe(before + FLOOD);
    // The address had its refusal of this minute audited already: none, or one if a minute turned.
    expect((await edgeEvents()) - eventsBefore).toBeLessThanOrEqual(1);
  });
});
