import { arrestAt } from '../../../synthetic/arrests';
import { collisionAt } from '../../../synthetic/collisions';
import { complaintAt } from '../../../synthetic/complaintAt';
import { propertyInvoiceAt } from '../../../synthetic/propertyInvoices';
import { fullName, personAt, propertyItemAt, vehicleAt } from '../../../synthetic/world';
import { backends } from '../../../test/harness/testDatabase';
import { startTestSubgraph, TEST_WORLD, type TestSubgraph } from '../../../test/harness/startTestSubgraph';

/**
 * The federation contract: the gateway resolves this subgraph's entities through `_entities`,
 * and a response's SQL statement count must not grow with the number of entities asked for.
 */

const world = TEST_WORLD;

const PERSON_RECORDS = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person { id arrests { number charges { lawCode } location { id } } complaints { role complaint { number } } }
  }
}`;

describe.each(backends())('complaints-arrests entities (%s)', (backend) => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph('complaints-arrests', backend);
  }, 180_000);
  afterAll(() => subgraph?.close());

  async function entities(representations: Record<string, unknown>[], selection: string) {
    const response = await subgraph.query<{ _entities: any[] }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`,
      { representations },
    );
    expect(response.errors).toBeUndefined();
    return response.data!._entities;
  }

  it('resolves every entity type it owns by its key, in the order asked, null when not on file', async () => {
    const person = personAt(world, 3);
    const complaint = complaintAt(world, 2);
    const arrest = arrestAt(world, 4);
    const collision = collisionAt(world, 1);
    const invoice = propertyInvoiceAt(world, 5);
    const vehicle = vehicleAt(world, 6);
    const item = propertyItemAt(world, 7);
    const result = await entities(
      [
        { __typename: 'Person', id: person.id },
        { __typename: 'Location', id: 'L00000002' },
        { __typename: 'Vehicle', vin: vehicle.vin },
        { __typename: 'PropertyItem', serialNumber: item.serialNumber },
        { __typename: 'Complaint', number: complaint.number },
        { __typename: 'Arrest', number: arrest.number },
        { __typename: 'Collision', number: collision.number },
        { __typename: 'PropertyInvoice', number: invoice.number },
        { __typename: 'Person', id: 'P99999999' },
      ],
      `__typename
       ... on Person { fullName dateOfBirth }
       ... on Location { id borough }
       ... on Vehicle { vin plate make }
       ... on PropertyItem { serialNumber make description }
       ... on Complaint { number status }
       ... on Arrest { number disposition }
       ... on Collision { number personsInjured }
       ... on PropertyInvoice { number category }`,
    );
    expect(result).toEqual([
      { __typename: 'Person', fullName: fullName(person), dateOfBirth: person.dateOfBirth },
      { __typename: 'Location', id: 'L00000002', borough: expect.any(String) },
      { __typename: 'Vehicle', vin: vehicle.vin, plate: vehicle.plate, make: vehicle.make },
      { __typename: 'PropertyItem', serialNumber: item.serialNumber, make: item.make, description: item.description },
      { __typename: 'Complaint', number: complaint.number, status: complaint.status },
      { __typename: 'Arrest', number: arrest.number, disposition: arrest.disposition },
      { __typename: 'Collision', number: collision.number, personsInjured: collision.personsInjured },
      { __typename: 'PropertyInvoice', number: invoice.number, category: invoice.category },
      null,
    ]);
  });

  it('adds the history a vehicle or a serial number has in these records', async () => {
    const collision = collisionAt(world, 0);
    const vin = vehicleAt(world, collision.vehicles[0]!.vehicleIndex).vin;
    const invoice = propertyInvoiceAt(world, 0);
    const serial = invoice.items[0]!.serialNumber;
    const [vehicle, item] = await entities(
      [{ __typename: 'Vehicle', vin }, { __typename: 'PropertyItem', serialNumber: serial }],
      '... on Vehicle { collisions { number } } ... on PropertyItem { invoices { number items { item { serialNumber } } } }',
    );
    expect(vehicle.collisions.map((c: { number: string }) => c.number)).toContain(collision.number);
    expect(item.invoices.map((i: { number: string }) => i.number)).toContain(invoice.number);
    for (const listed of item.invoices) expect(listed.items.map((i: any) => i.item.serialNumber)).toContain(serial);
  });

  it("a Person's records cost the same number of statements for 5 persons as for 50", async () => {
    const rows = await subgraph.db.query<{ id: string }>(
      `SELECT person_id AS id FROM arrest GROUP BY person_id
       HAVING person_id IN (SELECT person_id FROM complaint_party) ORDER BY person_id LIMIT 50`,
    );
    expect(rows).toHaveLength(50);
    const cost = async (ids: string[]) => {
      const before = subgraph.db.statementCount();
      const response = await subgraph.query<{ _entities: any[] }>(PERSON_RECORDS, {
        representations: ids.map((id) => ({ __typename: 'Person', id })),
      });
      expect(response.errors).toBeUndefined();
      expect(response.data!._entities).toHaveLength(ids.length);
      for (const person of response.data!._entities) {
        expect(person.arrests.length).toBeGreaterThan(0);
        expect(person.arrests[0].location.id).toMatch(/^L\d{8}$/);
        expect(person.complaints.length).toBeGreaterThan(0);
      }
      return subgraph.db.statementCount() - before;
    };
    const ids = rows.map((row) => row.id);
    const five = await cost(ids.slice(0, 5));
    const fifty = await cost(ids);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
  });

  it('premise history of many locations costs the same as of a few', async () => {
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Location { complaints(limit: 3) { number parties { person { id } } } arrests(since: "2022-01-01") { number } collisions { number } } } }`;
    const cost = async (count: number) => {
      const before = subgraph.db.statementCount();
      const representations = Array.from({ length: count }, (_, i) => ({ __typename: 'Location', id: `L${String(i + 1).padStart(8, '0')}` }));
      const response = await subgraph.query<{ _entities: any[] }>(query, { representations });
      expect(response.errors).toBeUndefined();
      for (const location of response.data!._entities) expect(location.complaints.length).toBeLessThanOrEqual(3);
      return subgraph.db.statementCount() - before;
    };
    expect(await cost(40)).toBe(await cost(4));
  });
});
