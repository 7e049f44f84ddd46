import { startTestSubgraph, TEST_WORLD, type TestSubgraph } from '../../../test/harness/startTestSubgraph';
import { backends } from '../../../test/harness/testDatabase';
import { allCalls911, fetchAllIds, newestFirst, newYorkDate } from './generatedRecords';

const CALL_FIELDS = `id receivedAt dispatchedAt arrivedAt closedAt incidentType incidentCode priority borough precinct
  location { id } caller { id } callerNameAsRecorded callerPhone involvedPersons { person { id } nameAsRecorded role }
  disposition dispositionCode narrative respondingUnit`;

describe.each(backends())('calls subgraph: 911 calls (%s)', (backend) => {
  let subgraph: TestSubgraph;
  const calls = allCalls911(TEST_WORLD);
  const byId = new Map(calls.map((call) => [call.id, call]));
  const newest = newestFirst(calls, (call) => call.receivedAt);

  beforeAll(async () => {
    subgraph = await startTestSubgraph('calls', backend);
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  const asGraphQL = (id: string) => {
    const call = byId.get(id)!;
    return {
      id: call.id, receivedAt: call.receivedAt, dispatchedAt: call.dispatchedAt, arrivedAt: call.arrivedAt, closedAt: call.closedAt,
      incidentType: call.incidentType, incidentCode: call.incidentCode, priority: call.priority, borough: call.borough,
      precinct: call.precinct, location: { id: call.locationId }, caller: call.callerPersonId ? { id: call.callerPersonId } : null,
      callerNameAsRecorded: call.callerNameAsRecorded, callerPhone: call.callerPhone,
      involvedPersons: call.involvedPersons.map((p) => ({ person: p.personId ? { id: p.personId } : null, nameAsRecorded: p.nameAsRecorded, role: p.role })),
      disposition: call.disposition, dispositionCode: call.dispositionCode, narrative: call.narrative, respondingUnit: call.respondingUnit,
    };
  };

  it('call911(id) returns the ICAD event exactly as generated, with caller and named persons', async () => {
    const sample = calls.find((call) => call.callerPersonId && call.involvedPersons.some((p) => p.personId) && call.involvedPersons.some((p) => !p.personId))
      ?? calls.find((call) => call.callerPersonId && call.involvedPersons.length > 0)!;
    const anonymous = calls.find((call) => call.callerNameAsRecorded === null)!;
    const cancelled = calls.find((call) => call.arrivedAt === null)!;
    for (const call of [sample, anonymous, cancelled]) {
      const response = await subgraph.query(`query One($id: ID!) { call911(id: $id) { ${CALL_FIELDS} } }`, { id: call.id });
      expect(response.errors).toBeUndefined();
      expect(response.data.call911).toEqual(asGraphQL(call.id));
    }
  });

  it('call911(id) is null for an event number that does not exist', async () => {
    const response = await subgraph.query('{ call911(id: "E99010100001") { id } }');
    expect(response.data).toEqual({ call911: null });
  });

  it('calls911 lists every call newest first, page by page, with totalCount', async () => {
    const first = await subgraph.query('{ calls911(first: 5) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }');
    const connection = first.data.calls911;
    expect(connection.totalCount).toBe(calls.length);
    expect(connection.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(newest.slice(0, 5).map((call) => call.id));
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: connection.edges[4].cursor });
    const second = await subgraph.query('query Next($after: String) { calls911(first: 5, after: $after) { pageInfo { hasPreviousPage } edges { node { id } } } }', {
      after: connection.pageInfo.endCursor,
    });
    expect(second.data.calls911.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(newest.slice(5, 10).map((call) => call.id));
    expect(second.data.calls911.pageInfo.hasPreviousPage).toBe(true);
    const all = await fetchAllIds(subgraph, 'calls911', {});
    expect(all.ids).toEqual(newest.map((call) => call.id));
  });

  it('calls911 uses 20 as the default page size and refuses more than 100', async () => {
    const page = await subgraph.query('{ calls911 { edges { node { id } } } }');
    expect(page.data.calls911.edges).toHaveLength(20);
    const tooMany = await subgraph.query('{ calls911(first: 101) { edges { node { id } } } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a cursor of another shape', Buffer.from(JSON.stringify(['yesterday', 'E1'])).toString('base64url')],
  ])('calls911 answers BAD_USER_INPUT to %s as `after`', async (_, after) => {
    const response = await subgraph.query('query P($after: String) { calls911(after: $after) { edges { node { id } } } }', { after });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.data?.calls911 ?? null).toBeNull(); // root fields are nullable: a refusal nulls only itself
  });

  const [boundaryCall] = calls.filter((call) => newYorkDate(call.receivedAt) !== call.receivedAt.slice(0, 10));
  const aPrecinct = calls[3]!.precinct;
  it.each([
    ['received range (New York days)', { received: { from: '2021-03-01', to: '2022-06-30' } },
      (c: (typeof calls)[number]) => newYorkDate(c.receivedAt) >= '2021-03-01' && newYorkDate(c.receivedAt) <= '2022-06-30'],
    ['one New York day whose evening is the next UTC day', { received: { from: newYorkDate(boundaryCall!.receivedAt), to: newYorkDate(boundaryCall!.receivedAt) } },
      (c: (typeof calls)[number]) => newYorkDate(c.receivedAt) === newYorkDate(boundaryCall!.receivedAt)],
    ['received since', { received: { from: '2025-01-01' } }, (c: (typeof calls)[number]) => newYorkDate(c.receivedAt) >= '2025-01-01'],
    ['borough', { borough: 'BROOKLYN' }, (c: (typeof calls)[number]) => c.borough === 'BROOKLYN'],
    ['precinct', { precinct: aPrecinct }, (c: (typeof calls)[number]) => c.precinct === aPrecinct],
    ['incident code', { incidentCode: '10-52' }, (c: (typeof calls)[number]) => c.incidentCode === '10-52'],
    ['priority', { priority: 4 }, (c: (typeof calls)[number]) => c.priority === 4],
    ['most urgent priorities', { priorityAtMost: 3 }, (c: (typeof calls)[number]) => c.priority <= 3],
    ['disposition', { dispositionCode: '93R' }, (c: (typeof calls)[number]) => c.dispositionCode === '93R'],
    ['borough, incident and dates together', { borough: 'BRONX', incidentCode: '10-54', received: { to: '2024-12-31' } },
      (c: (typeof calls)[number]) => c.borough === 'BRONX' && c.incidentCode === '10-54' && newYorkDate(c.receivedAt) <= '2024-12-31'],
  ])('calls911 filters by %s', async (_, filter, matches) => {
    const expected = newest.filter(matches).map((call) => call.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(calls.length);
    expect(await fetchAllIds(subgraph, 'calls911', filter)).toEqual({ ids: expected, totalCount: expected.length });
  });

  it.each([
    ['an unknown incident code', { incidentCode: '10-99X' }],
    ['an unknown disposition code', { dispositionCode: '99Q' }],
    ['a priority outside 1..9', { priority: 0 }],
    ['a date range that ends before it starts', { received: { from: '2024-02-01', to: '2024-01-01' } }],
    ['a date that is not a date', { received: { from: '2024-13-45' } }],
  ])('calls911 answers BAD_USER_INPUT to %s', async (_, filter) => {
    const response = await subgraph.query('query F($filter: Call911Filter) { calls911(filter: $filter) { totalCount } }', { filter });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves Call911 references through _entities, as the gateway sends them', async () => {
    const [a, b] = [newest[0]!, newest[100]!];
    const response = await subgraph.query(
      `query E($representations: [_Any!]!) { _entities(representations: $representations) { ... on Call911 { ${CALL_FIELDS} } } }`,
      { representations: [{ __typename: 'Call911', id: a.id }, { __typename: 'Call911', id: 'E00000000000' }, { __typename: 'Call911', id: b.id }] },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([asGraphQL(a.id), null, asGraphQL(b.id)]);
  });

  it('fetches the persons named in a page of calls with the same number of statements for 5 calls as for 50', async () => {
    const cost = async (first: number) => {
      const before = subgraph.db.statementCount();
      const response = await subgraph.query(`{ calls911(first: ${first}) { edges { node { id involvedPersons { person { id } role } } } } }`);
      expect(response.data.calls911.edges).toHaveLength(first);
      return subgraph.db.statementCount() - before;
    };
    const small = await cost(5);
    expect(await cost(50)).toBe(small);
  });
});
