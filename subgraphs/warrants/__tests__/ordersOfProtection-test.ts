import { TEST_WORLD, startTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../../test/harness/startTestSubgraph';
import { backends } from '../../../test/harness/testDatabase';
import { orderOfProtectionAt, type SyntheticOrderOfProtection } from '../../../synthetic/ordersOfProtection';
import { scaleOf } from '../../../synthetic/world';

const world = TEST_WORLD;
const generated = Array.from({ length: scaleOf(world).ordersOfProtection }, (_, k) => orderOfProtectionAt(world, k));
const newestFirst = (a: SyntheticOrderOfProtection, b: SyntheticOrderOfProtection) =>
  a.issuedOn === b.issuedOn ? (a.number < b.number ? 1 : -1) : a.issuedOn < b.issuedOn ? 1 : -1;
const activeOn = (o: SyntheticOrderOfProtection, day: string) =>
  o.issuedOn <= day && o.expiresOn >= day && (o.vacatedOn === null || o.vacatedOn > day);

const ORDER_FIELDS = `number type status issuingCourt { name kind county borough } judge docketNumber issuedOn expiresOn
  vacatedOn respondent { id } respondentNameAsRecorded protectedParty { id } protectedPartyNameAsRecorded
  protectedPartyAddress { id } conditions firearmsSurrendered`;

function expected(o: SyntheticOrderOfProtection) {
  return {
    number: o.number,
    type: o.type,
    status: o.status,
    issuingCourt: { name: o.court.name, kind: o.court.kind, county: o.court.county, borough: o.court.borough },
    judge: o.judge,
    docketNumber: o.docketNumber,
    issuedOn: o.issuedOn,
    expiresOn: o.expiresOn,
    vacatedOn: o.vacatedOn,
    respondent: { id: o.respondentId },
    respondentNameAsRecorded: o.respondentNameAsRecorded,
    protectedParty: { id: o.protectedPartyId },
    protectedPartyNameAsRecorded: o.protectedPartyNameAsRecorded,
    protectedPartyAddress: o.protectedPartyLocationId ? { id: o.protectedPartyLocationId } : null,
    conditions: o.conditions,
    firearmsSurrendered: o.firearmsSurrendered,
  };
}

describe.each(backends())('warrants subgraph: orders of protection (%s)', (backend) => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph('warrants', backend);
  });
  afterAll(() => subgraph.close());

  test('orderOfProtection(number) returns the record the generator made, and null for an unknown number', async () => {
    for (const o of [generated[0]!, generated[generated.length - 1]!]) {
      const response = await subgraph.query(`query ($n: String!) { orderOfProtection(number: $n) { ${ORDER_FIELDS} } }`, { n: o.number });
      expect(response.errors).toBeUndefined();
      expect(response.data.orderOfProtection).toEqual(expected(o));
    }
    const missing = await subgraph.query(`{ orderOfProtection(number: "OP-2024-K-9999999") { number } }`);
    expect(missing.data.orderOfProtection).toBeNull();
  });

  test('ordersOfProtection pages newest first through every order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const response: GraphQLResponse = await subgraph.query(
        `query ($after: String) { ordersOfProtection(first: 6, after: $after) {
           totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { number } } } }`,
        { after },
      );
      expect(response.errors).toBeUndefined();
      const connection = response.data.ordersOfProtection;
      expect(connection.totalCount).toBe(generated.length);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...connection.edges.map((edge: { node: { number: string } }) => edge.node.number));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([...generated].sort(newestFirst).map((o) => o.number));
  });

  const someActiveDay = generated.find((o) => o.status === 'EXPIRED')!.expiresOn;
  const FILTERS: [string, Record<string, unknown>, (o: SyntheticOrderOfProtection) => boolean][] = [
    ['type TEMPORARY', { type: 'TEMPORARY' }, (o) => o.type === 'TEMPORARY'],
    ['type FINAL', { type: 'FINAL' }, (o) => o.type === 'FINAL'],
    ['status ACTIVE', { status: 'ACTIVE' }, (o) => o.status === 'ACTIVE'],
    ['status EXPIRED', { status: 'EXPIRED' }, (o) => o.status === 'EXPIRED'],
    ['active on the last day of an expired order', { activeOn: someActiveDay }, (o) => activeOn(o, someActiveDay)],
    ['active on 2026-01-01', { activeOn: '2026-01-01' }, (o) => activeOn(o, '2026-01-01')],
    ['type and active on a day', { type: 'FINAL', activeOn: '2025-06-01' }, (o) => o.type === 'FINAL' && activeOn(o, '2025-06-01')],
  ];

  test.each(FILTERS)('filter by %s returns exactly the matching orders', async (_name, filter, matches) => {
    const want = generated.filter(matches).sort(newestFirst).map((o) => o.number);
    expect(want.length).toBeGreaterThan(0);
    const response = await subgraph.query(
      `query ($filter: OrderOfProtectionFilter) { ordersOfProtection(filter: $filter, first: 100) { totalCount edges { node { number } } } }`,
      { filter },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.ordersOfProtection.edges.map((edge: { node: { number: string } }) => edge.node.number)).toEqual(want);
    expect(response.data.ordersOfProtection.totalCount).toBe(want.length);
  });

  test('an order expired on a day is no longer active the day after', async () => {
    const expired = generated.find((o) => o.status === 'EXPIRED' && o.vacatedOn === null)!;
    const dayAfter = new Date(Date.parse(`${expired.expiresOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const numbersActiveOn = async (day: string) => {
      const response = await subgraph.query(
        `query ($day: Date) { ordersOfProtection(filter: { activeOn: $day }, first: 100) { edges { node { number } } } }`,
        { day },
      );
      return response.data.ordersOfProtection.edges.map((edge: { node: { number: string } }) => edge.node.number);
    };
    expect(await numbersActiveOn(expired.expiresOn)).toContain(expired.number);
    expect(await numbersActiveOn(dayAfter)).not.toContain(expired.number);
  });

  test('a day that is not a calendar day is refused with BAD_USER_INPUT', async () => {
    const response = await subgraph.query(`query ($day: Date) { ordersOfProtection(filter: { activeOn: $day }) { totalCount } }`, { day: '2024-13-45' });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.data).toBeUndefined();
  });

  test('_entities resolves OrderOfProtection references', async () => {
    const o = generated[4]!;
    const response = await subgraph.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on OrderOfProtection { ${ORDER_FIELDS} } } }`,
      { representations: [{ __typename: 'OrderOfProtection', number: o.number }] },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([expected(o)]);
  });

  test('Person.ordersOfProtection lists orders where the person is respondent or protected party, with the role', async () => {
    const people = [...new Set(generated.flatMap((o) => [o.respondentId, o.protectedPartyId]))].slice(0, 12);
    const response = await subgraph.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
         ... on Person { id ordersOfProtection { role nameAsRecorded order { number respondent { id } protectedParty { id } } } } } }`,
      { representations: people.map((id) => ({ __typename: 'Person', id })) },
    );
    expect(response.errors).toBeUndefined();
    for (const [i, id] of people.entries()) {
      const want = [...generated].sort(newestFirst).flatMap((o) => [
        ...(o.respondentId === id ? [{ role: 'RESPONDENT', nameAsRecorded: o.respondentNameAsRecorded, order: { number: o.number, respondent: { id }, protectedParty: { id: o.protectedPartyId } } }] : []),
        ...(o.protectedPartyId === id ? [{ role: 'PROTECTED_PARTY', nameAsRecorded: o.protectedPartyNameAsRecorded, order: { number: o.number, respondent: { id: o.respondentId }, protectedParty: { id } } }] : []),
      ]);
      expect(want.length).toBeGreaterThan(0);
      expect(response.data._entities[i]).toEqual({ id, ordersOfProtection: want });
    }
  });
});
