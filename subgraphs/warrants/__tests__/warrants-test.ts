import { TEST_WORLD, startTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../../test/harness/startTestSubgraph';
import { backends } from '../../../test/harness/testDatabase';
import { warrantAt, type SyntheticWarrant } from '../../../synthetic/warrants';
import { scaleOf } from '../../../synthetic/world';

const world = TEST_WORLD;
const generated = Array.from({ length: scaleOf(world).warrants }, (_, k) => warrantAt(world, k));
const newestFirst = (a: SyntheticWarrant, b: SyntheticWarrant) =>
  a.issuedOn === b.issuedOn ? (a.number < b.number ? 1 : -1) : a.issuedOn < b.issuedOn ? 1 : -1;

const WARRANT_FIELDS = `number type status issuedOn issuingCourt { name kind county borough } judge docketNumber
  charges { lawCode description category offenseClass } subject { id } subjectNameAsRecorded
  subjectDateOfBirthAsRecorded lastKnownAddress { id } extraditable enteredAt`;

/** The warrant as the API must return it, from the generator alone. */
function expected(w: SyntheticWarrant) {
  return {
    number: w.number,
    type: w.kind,
    status: w.status,
    issuedOn: w.issuedOn,
    issuingCourt: { name: w.court.name, kind: w.court.kind, county: w.court.county, borough: w.court.borough },
    judge: w.judge,
    docketNumber: w.docketNumber,
    charges: w.charges.map(({ lawCode, description, category, offenseClass }) => ({ lawCode, description, category, offenseClass })),
    subject: { id: w.subjectId },
    subjectNameAsRecorded: w.subjectNameAsRecorded,
    subjectDateOfBirthAsRecorded: w.subjectDateOfBirthAsRecorded,
    lastKnownAddress: w.lastKnownLocationId ? { id: w.lastKnownLocationId } : null,
    extraditable: w.extraditable,
    enteredAt: w.enteredAt,
  };
}

describe.each(backends())('warrants subgraph: judicial warrants (%s)', (backend) => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph('warrants', backend);
  });
  afterAll(() => subgraph.close());

  const listNumbers = async (filter: Record<string, unknown>) => {
    const response = await subgraph.query(
      `query ($filter: WarrantFilter) { warrants(filter: $filter, first: 100) { totalCount edges { node { number } } } }`,
      { filter },
    );
    expect(response.errors).toBeUndefined();
    const numbers: string[] = response.data.warrants.edges.map((edge: { node: { number: string } }) => edge.node.number);
    return { numbers, totalCount: response.data.warrants.totalCount as number };
  };

  test('warrant(number) returns the record the generator made, field for field', async () => {
    for (const w of [generated[0]!, generated[7]!, generated[generated.length - 1]!]) {
      const response = await subgraph.query(`query ($n: String!) { warrant(number: $n) { ${WARRANT_FIELDS} } }`, { n: w.number });
      expect(response.errors).toBeUndefined();
      expect(response.data.warrant).toEqual(expected(w));
    }
  });

  test('warrant(number) of an unknown number is null', async () => {
    const response = await subgraph.query(`{ warrant(number: "WK24-9999999") { number } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.warrant).toBeNull();
  });

  test('warrants pages newest first through every record, with a count and page state', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const response: GraphQLResponse = await subgraph.query(
        `query ($after: String) { warrants(first: 7, after: $after) {
           totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { number } } } }`,
        { after },
      );
      expect(response.errors).toBeUndefined();
      const connection = response.data.warrants;
      expect(connection.totalCount).toBe(generated.length);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...connection.edges.map((edge: { node: { number: string } }) => edge.node.number));
      pages++;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(generated.length / 7));
    expect(seen).toEqual([...generated].sort(newestFirst).map((w) => w.number));
  });

  const FILTERS: [string, Record<string, unknown>, (w: SyntheticWarrant) => boolean][] = [
    ['type BENCH', { type: 'BENCH' }, (w) => w.kind === 'BENCH'],
    ['type ARREST', { type: 'ARREST' }, (w) => w.kind === 'ARREST'],
    ['status ACTIVE', { status: 'ACTIVE' }, (w) => w.status === 'ACTIVE'],
    ['borough (county of the court) BROOKLYN', { borough: 'BROOKLYN' }, (w) => w.court.borough === 'BROOKLYN'],
    ['court FAMILY', { court: 'FAMILY' }, (w) => w.court.kind === 'FAMILY'],
    ['issued between two days', { issued: { from: '2018-01-01', to: '2023-06-30' } }, (w) => w.issuedOn >= '2018-01-01' && w.issuedOn <= '2023-06-30'],
    ['issued from a day on', { issued: { from: '2024-01-01' } }, (w) => w.issuedOn >= '2024-01-01'],
    ['several at once', { status: 'ACTIVE', type: 'BENCH', issued: { to: '2025-12-31' } },
      (w) => w.status === 'ACTIVE' && w.kind === 'BENCH' && w.issuedOn <= '2025-12-31'],
  ];

  test.each(FILTERS)('filter by %s returns exactly the matching warrants', async (_name, filter, matches) => {
    const want = generated.filter(matches).sort(newestFirst).map((w) => w.number);
    expect(want.length).toBeGreaterThan(0);
    const { numbers, totalCount } = await listNumbers(filter);
    expect(numbers).toEqual(want);
    expect(totalCount).toBe(want.length);
  });

  test('a cursor this API did not issue is refused with BAD_USER_INPUT', async () => {
    const response = await subgraph.query(`{ warrants(after: "not-a-cursor") { totalCount } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('a page larger than 100 is refused with BAD_USER_INPUT', async () => {
    const response = await subgraph.query(`{ warrants(first: 101) { totalCount } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('_entities resolves Warrant references as the gateway sends them', async () => {
    const [a, b] = [generated[3]!, generated[11]!];
    const response = await subgraph.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Warrant { ${WARRANT_FIELDS} } } }`,
      { representations: [{ __typename: 'Warrant', number: a.number }, { __typename: 'Warrant', number: 'WK24-9999999' }, { __typename: 'Warrant', number: b.number }] },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([expected(a), null, expected(b)]);
  });

  test('Person.warrants lists every warrant naming the person, newest first', async () => {
    const subjects = [...new Set(generated.map((w) => w.subjectId))].slice(0, 6);
    const response = await subgraph.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id warrants { number subject { id } } } } }`,
      { representations: [...subjects, 'P99999999'].map((id) => ({ __typename: 'Person', id })) },
    );
    expect(response.errors).toBeUndefined();
    for (const [i, id] of subjects.entries()) {
      const want = generated.filter((w) => w.subjectId === id).sort(newestFirst).map((w) => ({ number: w.number, subject: { id } }));
      expect(response.data._entities[i]).toEqual({ id, warrants: want });
    }
    expect(response.data._entities[subjects.length]).toEqual({ id: 'P99999999', warrants: [] });
  });
});
