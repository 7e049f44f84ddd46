import { TEST_WORLD, startTestSubgraph, type TestSubgraph } from '../../../test/harness/startTestSubgraph';
import { backends } from '../../../test/harness/testDatabase';
import { propertyItemAt, personId, scaleOf, vehicleAt } from '../../../synthetic/world';
import { warrantAt } from '../../../synthetic/warrants';

/** A response's statement count must not grow with its size (SPEC §3): 5 and 50 parents cost the same. */
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const CASES: [string, string, (n: number) => Record<string, unknown>[]][] = [
  [
    'Person warrants and orders of protection',
    `... on Person { id warrants { number type charges { lawCode } } ordersOfProtection { role order { number conditions } } }`,
    (n) => range(n).map((i) => ({ __typename: 'Person', id: personId(i) })),
  ],
  [
    'PropertyItem stolen reports',
    `... on PropertyItem { serialNumber stolenReports { id kind item { serialNumber } } }`,
    (n) => range(n).map((i) => ({ __typename: 'PropertyItem', serialNumber: propertyItemAt(TEST_WORLD, i).serialNumber })),
  ],
  [
    'Vehicle stolen reports',
    `... on Vehicle { vin stolenReports { id kind vehicle { vin } } }`,
    (n) => range(n).map((i) => ({ __typename: 'Vehicle', vin: vehicleAt(TEST_WORLD, i).vin })),
  ],
  [
    'Warrant references',
    `... on Warrant { number charges { lawCode } subject { id } }`,
    (n) => range(n).map((k) => ({ __typename: 'Warrant', number: warrantAt(TEST_WORLD, k % scaleOf(TEST_WORLD).warrants).number })),
  ],
];

describe.each(backends())('warrants subgraph: batching (%s)', (backend) => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph('warrants', backend);
  });
  afterAll(() => subgraph.close());

  const statementsFor = async (selection: string, representations: Record<string, unknown>[]) => {
    const before = subgraph.db.statementCount();
    const response = await subgraph.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`,
      { representations },
    );
    expect(response.errors).toBeUndefined();
    return { statements: subgraph.db.statementCount() - before, entities: response.data._entities as Record<string, unknown[]>[] };
  };

  test.each(CASES)('%s: 5 and 50 representations cost the same statements', async (_name, selection, representations) => {
    const small = await statementsFor(selection, representations(5));
    const large = await statementsFor(selection, representations(50));
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeGreaterThan(0);
    // The larger answer really holds more linked records, so the equality above means something.
    const linked = (answer: typeof small) =>
      answer.entities.reduce((sum, entity) => sum + Object.values(entity).reduce((n, value) => n + (Array.isArray(value) ? value.length : 0), 0), 0);
    expect(linked(large)).toBeGreaterThan(linked(small));
  });
});
