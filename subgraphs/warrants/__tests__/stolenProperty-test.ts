import { TEST_WORLD, startTestSubgraph, type TestSubgraph } from '../../../test/harness/startTestSubgraph';
import { backends } from '../../../test/harness/testDatabase';
import { stolenPropertyAt, type SyntheticStolenProperty } from '../../../synthetic/stolenProperty';
import { scaleOf } from '../../../synthetic/world';

const world = TEST_WORLD;
const generated = Array.from({ length: scaleOf(world).stolenProperty }, (_, k) => stolenPropertyAt(world, k));
const newestFirst = (a: SyntheticStolenProperty, b: SyntheticStolenProperty) =>
  a.reportedOn === b.reportedOn ? (a.id < b.id ? 1 : -1) : a.reportedOn < b.reportedOn ? 1 : -1;

const STOLEN_FIELDS = `id kind reportedOn status reportingAgency { name ori } description item { serialNumber }
  vehicle { vin } complaint { number } location { id }`;

function expected(s: SyntheticStolenProperty) {
  return {
    id: s.id,
    kind: s.kind,
    reportedOn: s.reportedOn,
    status: s.status,
    reportingAgency: { name: s.agency.name, ori: s.agency.ori },
    description: s.description,
    item: s.serialNumber ? { serialNumber: s.serialNumber } : null,
    vehicle: s.vin ? { vin: s.vin } : null,
    complaint: s.complaintNumber ? { number: s.complaintNumber } : null,
    location: s.locationId ? { id: s.locationId } : null,
  };
}

const article = generated.find((s) => s.kind === 'ARTICLE')!;
const vehicle = generated.find((s) => s.kind === 'VEHICLE')!;
const outsideAgency = generated.find((s) => s.agency.ori !== 'NY0303000')!;

describe.each(backends())('warrants subgraph: stolen property (%s)', (backend) => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph('warrants', backend);
  });
  afterAll(() => subgraph.close());

  const FILTERS: [string, Record<string, unknown>, (s: SyntheticStolenProperty) => boolean][] = [
    ['no filter', {}, () => true],
    ['kind VEHICLE', { kind: 'VEHICLE' }, (s) => s.kind === 'VEHICLE'],
    ['kind FIREARM', { kind: 'FIREARM' }, (s) => s.kind === 'FIREARM'],
    ['status RECOVERED', { status: 'RECOVERED' }, (s) => s.status === 'RECOVERED'],
    ['reported between two days', { reported: { from: '2020-01-01', to: '2023-12-31' } }, (s) => s.reportedOn >= '2020-01-01' && s.reportedOn <= '2023-12-31'],
    ['serial number', { serialNumber: article.serialNumber }, (s) => s.serialNumber === article.serialNumber],
    ['serial number typed in lower case with a space', { serialNumber: ` ${article.serialNumber!.toLowerCase()}` }, (s) => s.serialNumber === article.serialNumber],
    ['VIN', { vin: vehicle.vin }, (s) => s.vin === vehicle.vin],
    ["reporting agency's ORI", { reportingAgencyOri: outsideAgency.agency.ori }, (s) => s.agency.ori === outsideAgency.agency.ori],
  ];

  test.each(FILTERS)('filter by %s returns exactly the matching entries, newest first', async (_name, filter, matches) => {
    const want = generated.filter(matches).sort(newestFirst).map(expected);
    expect(want.length).toBeGreaterThan(0);
    const response = await subgraph.query(
      `query ($filter: StolenPropertyFilter) { stolenProperty(filter: $filter, first: 100) { totalCount edges { node { ${STOLEN_FIELDS} } } } }`,
      { filter },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.stolenProperty.edges.map((edge: { node: unknown }) => edge.node)).toEqual(want);
    expect(response.data.stolenProperty.totalCount).toBe(want.length);
  });

  test('pages continue after the cursor with no overlap and no gap', async () => {
    const first = await subgraph.query(`{ stolenProperty(first: 15) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`);
    const next = await subgraph.query(
      `query ($after: String) { stolenProperty(first: 100, after: $after) { pageInfo { hasNextPage hasPreviousPage } edges { node { id } } } }`,
      { after: first.data.stolenProperty.pageInfo.endCursor },
    );
    const ids = [...first.data.stolenProperty.edges, ...next.data.stolenProperty.edges].map((edge: { node: { id: string } }) => edge.node.id);
    expect(first.data.stolenProperty.pageInfo.hasNextPage).toBe(true);
    expect(next.data.stolenProperty.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    expect(ids).toEqual([...generated].sort(newestFirst).map((s) => s.id));
  });

  test('a bad cursor is refused with BAD_USER_INPUT', async () => {
    const response = await subgraph.query(`{ stolenProperty(after: "WyJ4Il0") { totalCount } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test("the department's own entries point at its theft complaint and the place of the theft", () => {
    const nypd = generated.filter((s) => s.agency.ori === 'NY0303000');
    expect(nypd.some((s) => s.complaintNumber !== null)).toBe(true);
    for (const s of generated) {
      if (s.agency.ori !== 'NY0303000') expect([s.complaintNumber, s.locationId]).toEqual([null, null]);
      if (s.complaintNumber) expect(s.complaintNumber).toMatch(/^20\d\d-\d{3}-\d{6}$/);
    }
  });

  test('_entities resolves StolenProperty, PropertyItem.stolenReports and Vehicle.stolenReports', async () => {
    const neverStolen = 'ZZ0000000Z';
    const response = await subgraph.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
         ... on StolenProperty { ${STOLEN_FIELDS} }
         ... on PropertyItem { serialNumber stolenReports { id kind } }
         ... on Vehicle { vin stolenReports { id kind } } } }`,
      {
        representations: [
          { __typename: 'StolenProperty', id: article.id },
          { __typename: 'PropertyItem', serialNumber: article.serialNumber },
          { __typename: 'PropertyItem', serialNumber: neverStolen },
          { __typename: 'Vehicle', vin: vehicle.vin },
        ],
      },
    );
    expect(response.errors).toBeUndefined();
    const reportsOf = (matches: (s: SyntheticStolenProperty) => boolean) =>
      generated.filter(matches).sort(newestFirst).map((s) => ({ id: s.id, kind: s.kind }));
    expect(response.data._entities).toEqual([
      expected(article),
      { serialNumber: article.serialNumber, stolenReports: reportsOf((s) => s.serialNumber === article.serialNumber) },
      { serialNumber: neverStolen, stolenReports: [] },
      { vin: vehicle.vin, stolenReports: reportsOf((s) => s.vin === vehicle.vin) },
    ]);
  });
});
