import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_WORLD, startTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../../test/harness/startTestSubgraph';
import { backends } from '../../../test/harness/testDatabase';
import { immigrationDetainerAt, warrantAt } from '../../../synthetic/warrants';
import { scaleOf } from '../../../synthetic/world';

/**
 * [P15, SPEC §4] Civil immigration detainers and administrative immigration warrants are held
 * in the same source table as judicial warrants, and are not criminal warrants: no field, filter
 * or count may ever reveal one.
 */
const world = TEST_WORLD;
const scale = scaleOf(world);
const criminal = Array.from({ length: scale.warrants }, (_, k) => warrantAt(world, k));
const detainers = Array.from({ length: scale.immigrationDetainers }, (_, k) => immigrationDetainerAt(world, k));
const detainerNumbers = new Set(detainers.map((d) => d.number));

describe.each(backends())('[P15] immigration detainers never leave the warrants subgraph (%s)', (backend) => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph('warrants', backend);
  });
  afterAll(() => subgraph.close());

  const allWarrantNumbers = async (filter: Record<string, unknown> | null) => {
    const numbers: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const response: GraphQLResponse = await subgraph.query(
        `query ($filter: WarrantFilter, $after: String) { warrants(filter: $filter, first: 10, after: $after) {
           totalCount pageInfo { hasNextPage endCursor } edges { node { number subject { id } } } } }`,
        { filter, after },
      );
      expect(response.errors).toBeUndefined();
      totalCount = response.data.warrants.totalCount;
      numbers.push(...response.data.warrants.edges.map((edge: { node: { number: string } }) => edge.node.number));
      if (!response.data.warrants.pageInfo.hasNextPage) return { numbers, totalCount };
      after = response.data.warrants.pageInfo.endCursor;
    }
  };

  test('the source does hold them (so the checks below can fail)', async () => {
    const rows = await subgraph.db.query<{ number: string; kind: string }>(
      `SELECT number, kind FROM warrant WHERE immigration ORDER BY number`,
    );
    const want = [...detainers].sort((a, b) => (a.number < b.number ? -1 : 1)).map((d) => ({ number: d.number, kind: d.kind }));
    expect(want.length).toBeGreaterThan(0);
    expect(rows).toEqual(want);
  });

  test('warrant(number) of a detainer is null', async () => {
    for (const d of detainers) {
      const response = await subgraph.query(`query ($n: String!) { warrant(number: $n) { number } }`, { n: d.number });
      expect(response.errors).toBeUndefined();
      expect(response.data.warrant).toBeNull();
    }
  });

  test('_entities with a detainer number resolves to null', async () => {
    const response = await subgraph.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Warrant { number subject { id } } } }`,
      { representations: detainers.map((d) => ({ __typename: 'Warrant', number: d.number })) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual(detainers.map(() => null));
  });

  const FILTERS: [string, Record<string, unknown> | null, (status: string, issuedOn: string) => boolean][] = [
    ['no filter', null, () => true],
    ["a detainer's status", { status: detainers[0]!.status }, (status) => status === detainers[0]!.status],
    ["another detainer's status", { status: detainers[1]!.status }, (status) => status === detainers[1]!.status],
    ['issued since 2017', { issued: { from: '2017-01-01' } }, (_status, issuedOn) => issuedOn >= '2017-01-01'],
  ];

  test.each(FILTERS)('warrants (%s): every page and the count hold criminal warrants only', async (_name, filter, matches) => {
    const { numbers, totalCount } = await allWarrantNumbers(filter);
    const want = criminal.filter((w) => matches(w.status, w.issuedOn)).map((w) => w.number);
    expect(numbers.filter((number) => detainerNumbers.has(number))).toEqual([]);
    expect(numbers.sort()).toEqual(want.sort());
    expect(totalCount).toBe(want.length);
    // The detainers match these filters too: a count that included them would differ.
    expect(detainers.some((d) => matches(d.status, d.issuedOn))).toBe(true);
  });

  test("Person.warrants of a detainer's subject lists only the person's judicial warrants", async () => {
    const subjects = [...new Set(detainers.map((d) => d.subjectId))];
    const response = await subgraph.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id warrants { number type } } } }`,
      { representations: subjects.map((id) => ({ __typename: 'Person', id })) },
    );
    expect(response.errors).toBeUndefined();
    for (const [i, id] of subjects.entries()) {
      const got: { number: string }[] = response.data._entities[i].warrants;
      expect(got.map((w) => w.number).sort()).toEqual(criminal.filter((w) => w.subjectId === id).map((w) => w.number).sort());
    }
  });

  test('the schema cannot express them: WarrantType is ARREST and BENCH only, and no name mentions immigration', async () => {
    const response = await subgraph.query(`{ _service { sdl } __type(name: "WarrantType") { enumValues { name } } }`);
    expect(response.data.__type.enumValues.map((value: { name: string }) => value.name)).toEqual(['ARREST', 'BENCH']);
    const names = response.data._service.sdl.replace(/"""[\s\S]*?"""|"[^"\n]*"/g, '');
    expect(names).not.toMatch(/immigra|detainer|I-?2(47|00|05)|alien/i);
  });

  test('the source refuses an immigration record disguised as a criminal warrant', async () => {
    const insert = subgraph.db.query(
      `INSERT INTO warrant (number, kind, immigration, status, issued_on, issuing_authority, signed_by, subject_id,
         subject_name_as_recorded, entered_at, court_kind, county, borough, docket_number)
       VALUES ('X-1', 'ARREST', true, 'ACTIVE', '2024-01-01', 'DHS', 'SDDO X', 'P00000001', 'X', now(), 'CRIMINAL', 'Kings County', 'BROOKLYN', 'CR-1')`,
    );
    await expect(insert).rejects.toThrow(/check constraint/i);
  });
});

test('[P15] every warrant read in the store goes through the view criminal_warrant, never the source table', () => {
  const folder = path.join(__dirname, '..');
  for (const file of ['store.ts', 'loaders.ts', 'records.ts', 'resolvers.ts']) {
    const source = readFileSync(path.join(folder, file), 'utf8');
    expect({ file, reads: source.match(/\b(FROM|JOIN)\s+warrant\b/gi) }).toEqual({ file, reads: null });
  }
  const store = readFileSync(path.join(folder, 'store.ts'), 'utf8');
  expect(store).not.toMatch(/['"`]warrant['"`]/);
  expect(store).toMatch(/'criminal_warrant'/);
  const loaders = readFileSync(path.join(folder, 'loaders.ts'), 'utf8');
  expect(loaders).toMatch(/FROM criminal_warrant WHERE number = ANY/);
  expect(loaders).toMatch(/FROM criminal_warrant\s+WHERE subject_id = ANY/);
});
