import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';

/**
 * Bounded work per request [issue 20, parts 2 and 5]: one officer's request must not take a
 * record subgraph away from every other user. Oversized arguments are refused before planning
 * (the recording proxies prove no subgraph was asked) and again by the subgraph itself; pattern
 * characters in a description match literally; lists nested under a record are paged.
 */
const INVESTIGATION = { code: 'CRIMINAL_INVESTIGATION' };
const DESCRIBE = 'query D($d: PersonDescription!) { searchByDescription(description: $d, first: 100) { totalCount edges { node { id identifyingMarks } } } }';

interface Oversized {
  rule: string;
  query: string;
  variables?: Record<string, unknown>;
  user?: string;
  field: string | undefined;
  argument: string | undefined;
  reason?: string;
}

const ATTACKS: Oversized[] = [
  {
    rule: 'an identifying mark of 900 KB, inline',
    query: `{ searchByDescription(description: { identifyingMark: "${'X'.repeat(900_000)}" }) { totalCount } }`,
    field: 'Query.searchByDescription',
    argument: 'description.identifyingMark',
  },
  {
    // Past MAX_VARIABLES_BYTES (256 KiB): refused at the edge, before the document is even read.
    rule: 'an identifying mark of 900 KB, in a variable',
    query: DESCRIBE,
    variables: { d: { identifyingMark: 'TATTOO '.repeat(130_000) } },
    field: undefined,
    argument: undefined,
    reason: 'VARIABLES_TOO_LARGE',
  },
  {
    rule: 'an identifying mark of 70 KB, in a variable (under the variables limit)',
    query: DESCRIBE,
    variables: { d: { identifyingMark: 'TATTOO '.repeat(10_000) } },
    field: 'Query.searchByDescription',
    argument: 'description.identifyingMark',
  },
  {
    rule: 'a name repeated 9,000 times (about 100 KB), in a variable',
    query: DESCRIBE,
    variables: { d: { name: 'JOHN SMITH '.repeat(9_000), sex: 'M' } },
    field: 'Query.searchByDescription',
    argument: 'description.name',
  },
  {
    rule: 'a name search over its declared 100 characters',
    query: 'query S($n: String!) { searchPersons(name: $n) { totalCount } }',
    variables: { n: 'A'.repeat(101) },
    field: 'Query.searchPersons',
    argument: 'name',
  },
  {
    rule: 'a string argument without a declared bound: the default 256 characters',
    query: 'query C($n: String!) { complaint(number: $n) { number } }',
    variables: { n: '2024-075-'.padEnd(257, '0') },
    field: 'Query.complaint',
    argument: 'number',
  },
  {
    rule: 'a string argument of a nested field, inline',
    query: `{ person(id: "P00000001") { calls911Connection(after: "${'a'.repeat(300)}") { totalCount } } }`,
    field: 'Person.calls911Connection',
    argument: 'after',
  },
  {
    rule: 'a list argument over 100 items',
    user: 'admin',
    query: 'mutation R($roles: [Role!]!) { setUserRoles(userId: "officer", roles: $roles) { id } }',
    variables: { roles: Array.from({ length: 101 }, () => 'OFFICER') },
    field: 'Mutation.setUserRoles',
    argument: 'roles',
  },
];

describe('bounded work per request', () => {
  let stack: TestStack;
  let mostCalls: { id: string; calls: number };
  beforeAll(async () => {
    stack = await startTestStack('pglite', undefined, { recordSubgraphRequests: true });
    const [top] = await stack.subgraphs.calls.db.query<{ id: string; calls: number }>(
      `SELECT key AS id, count(DISTINCT call_id)::int AS calls FROM (
         SELECT caller_person_id AS key, id AS call_id FROM call911 WHERE caller_person_id IS NOT NULL
         UNION SELECT person_id, call_id FROM call911_involved WHERE person_id IS NOT NULL) linked
       GROUP BY key ORDER BY calls DESC, key LIMIT 1`,
    );
    mostCalls = top!;
  }, 120_000);
  afterAll(() => stack?.close());

  const as = (user: string, query: string, variables?: Record<string, unknown>) => stack.queryAs(user, INVESTIGATION, query, variables);

  describe('an argument over its bound is refused before planning, with BAD_USER_INPUT naming it', () => {
    it.each(ATTACKS.map((a) => [a.rule, a] as const))('%s', async (_rule, { query, variables, user, field, argument, reason }) => {
      const before = stack.subgraphRequests.length;
      const started = Date.now();
      const result = await as(user ?? 'officer', query, variables);
      expect(result.status).toBe(400);
      expect(result.errors).toHaveLength(1);
      if (reason) expect(result.errors![0]).toMatchObject({ message: expect.stringMatching(/variables/i), extensions: { code: 'BAD_USER_INPUT' } });
      else expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, argument });
      expect(stack.subgraphRequests.length).toBe(before);
      // Refused on sight: no statement ran for it, however slow the machine.
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });

  it('the record subgraph refuses the same argument itself (defence in depth)', async () => {
    const result = await stack.subgraphs['complaints-arrests'].query(DESCRIBE, { d: { identifyingMark: 'X'.repeat(900_000) } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'description.identifyingMark' });
    expect(result.data ?? null).toBeNull();
  });

  it('[P7] a lone `%` is no criterion at all: the description is refused, not run as a scan', async () => {
    const result = await as('detective', DESCRIBE, { d: { identifyingMark: '%' } });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.data?.searchByDescription ?? null).toBeNull();
  });

  describe('pattern characters in a description match literally', () => {
    const marks = async (identifyingMark: string) => {
      const result = await as('detective', DESCRIBE, { d: { identifyingMark } });
      expect(result.errors).toBeUndefined();
      return result.data!.searchByDescription as { totalCount: number; edges: { node: { identifyingMarks: string[] } }[] };
    };
    it('a plain part of a mark finds the persons who bear it', async () => {
      const found = await marks('TATTOO NECK');
      expect(found.totalCount).toBeGreaterThan(0);
      for (const edge of found.edges) expect(edge.node.identifyingMarks.some((m) => m.includes('TATTOO NECK'))).toBe(true);
    });
    it.each([
      ['`_` is one underscore, not any character', 'TATTOO_NECK'],
      ['`%` is a percent sign, not any text', 'TATTOO%NECK'],
      ['`\\` is a backslash, not an escape', 'TATTOO\\ NECK'],
    ])('%s', async (_rule, pattern) => {
      expect((await marks(pattern)).totalCount).toBe(0);
    });
  });

  describe('lists nested under a record are bounded and paged', () => {
    const calls = `query C($id: ID!, $first: Int) { person(id: $id) { calls911(first: $first) { id } } }`;
    it('the person with the most 911 calls has more than a short page of them (the premise)', () => {
      expect(mostCalls.calls).toBeGreaterThan(3);
    });
    it('without `first`, an existing client gets the default page of 20 at most', async () => {
      const result = await as('detective', 'query C($id: ID!) { person(id: $id) { calls911 { id } } }', { id: mostCalls.id });
      expect(result.errors).toBeUndefined();
      expect(result.data.person.calls911).toHaveLength(Math.min(20, mostCalls.calls));
    });
    it('`first` bounds the list', async () => {
      const result = await as('detective', calls, { id: mostCalls.id, first: 3 });
      expect(result.errors).toBeUndefined();
      expect(result.data.person.calls911).toHaveLength(3);
    });
    it('`first` over 100 is refused with BAD_USER_INPUT', async () => {
      const result = await as('detective', calls, { id: mostCalls.id, first: 101 });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(result.data?.person?.calls911 ?? null).toBeNull();
    });
    it('the connection pages through every call, newest first, with paging info', async () => {
      const page = `query P($id: ID!, $after: String) { person(id: $id) { calls911Connection(first: 3, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id receivedAt } } } } }`;
      const seen: { id: string; receivedAt: string }[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const result = await as('detective', page, { id: mostCalls.id, after });
        expect(result.errors).toBeUndefined();
        const connection = result.data.person.calls911Connection;
        expect(connection.totalCount).toBe(mostCalls.calls);
        expect(connection.edges.length).toBeLessThanOrEqual(3);
        seen.push(...connection.edges.map((e: { node: { id: string; receivedAt: string } }) => e.node));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(new Set(seen.map((c) => c.id)).size).toBe(mostCalls.calls);
      const times = seen.map((c) => c.receivedAt);
      expect([...times].sort().reverse()).toEqual(times);
    });
    it('the cost model multiplies nested `first`s: 100 arrests × 100 calls of each arrestee is refused', async () => {
      const before = stack.subgraphRequests.length;
      const result = await as('detective', '{ arrests(first: 100) { edges { node { person { calls911(first: 100) { id incidentCode } } } } } }');
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
      expect(stack.subgraphRequests.length).toBe(before);
    });
  });
});
