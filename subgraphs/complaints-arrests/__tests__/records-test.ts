import { arrestAt } from '../../../synthetic/arrests';
import { collisionAt } from '../../../synthetic/collisions';
import { newYorkDay } from '../../../synthetic/complaints';
import { complaintAt } from '../../../synthetic/complaintAt';
import { propertyInvoiceAt } from '../../../synthetic/propertyInvoices';
import { fullName, locationAt, personAt, scaleOf, vehicleAt } from '../../../synthetic/world';
import { backends } from '../../../test/harness/testDatabase';
import { startTestSubgraph, TEST_WORLD, type TestSubgraph } from '../../../test/harness/startTestSubgraph';

/** The root fields: one record by number or id, and the filtered, newest-first lists. */

const world = TEST_WORLD;
const scale = scaleOf(world);

interface Page<Node> {
  totalCount: number;
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

describe.each(backends())('complaints-arrests records (%s)', (backend) => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph('complaints-arrests', backend);
  }, 180_000);
  afterAll(() => subgraph?.close());

  async function data<Data>(query: string, variables?: Record<string, unknown>): Promise<Data> {
    const response = await subgraph.query<Data>(query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  }

  describe('one record, as the generator made it', () => {
    it('complaint(number)', async () => {
      const expected = complaintAt(world, 11);
      const { complaint } = await data<{ complaint: Record<string, unknown> }>(
        `query($n: String!) { complaint(number: $n) { number reportedAt occurredAt offense { lawCode description category offenseClass }
          status borough precinct premiseType location { id precinct } juvenile sealed sealingStatute
          parties { role nameAsRecorded person { id } } arrests { number } } }`,
        { n: expected.number },
      );
      expect(complaint).toEqual({
        number: expected.number,
        reportedAt: expected.reportedAt,
        occurredAt: expected.occurredAt,
        offense: {
          lawCode: expected.offense.lawCode, description: expected.offense.description, category: expected.offense.category,
          offenseClass: expected.offense.offenseClass,
        },
        status: expected.status,
        borough: expected.borough,
        precinct: expected.precinct,
        premiseType: expected.premiseType,
        location: { id: expected.locationId, precinct: expected.precinct },
        juvenile: expected.juvenile,
        sealed: expected.sealed,
        sealingStatute: expected.sealingStatute,
        parties: expected.parties.map((p) => ({ role: p.role, nameAsRecorded: p.nameAsRecorded, person: p.personId ? { id: p.personId } : null })),
        arrests: expected.arrestIndices.map((k) => ({ number: arrestAt(world, k).number })),
      });
    });

    it('arrest(number), with its officer, charges and complaint', async () => {
      const expected = Array.from({ length: scale.arrests }, (_, k) => arrestAt(world, k)).find((a) => a.complaintNumber && a.charges.length > 1)!;
      const { arrest } = await data<{ arrest: Record<string, unknown> }>(
        `query($n: String!) { arrest(number: $n) { number arrestedAt person { id } nameAsRecorded nysid charges { lawCode } topCharge { lawCode }
          arrestingOfficer { taxId name rank command } command borough precinct location { id } complaint { number }
          ageAtArrest disposition juvenile sealed sealingStatute } }`,
        { n: expected.number },
      );
      expect(arrest).toEqual({
        number: expected.number,
        arrestedAt: expected.arrestedAt,
        person: { id: expected.personId },
        nameAsRecorded: expected.nameAsRecorded,
        nysid: expected.nysid,
        charges: expected.charges.map((c) => ({ lawCode: c.lawCode })),
        topCharge: { lawCode: expected.charges[0]!.lawCode },
        arrestingOfficer: { taxId: expected.officer.taxId, name: expected.officer.name, rank: expected.officer.rank, command: expected.officer.command },
        command: expected.command,
        borough: expected.borough,
        precinct: expected.precinct,
        location: { id: expected.locationId },
        complaint: { number: expected.complaintNumber },
        ageAtArrest: expected.ageAtArrest,
        disposition: expected.disposition,
        juvenile: expected.juvenile,
        sealed: expected.sealed,
        sealingStatute: expected.sealingStatute,
      });
    });

    it('collision(number), with vehicles and drivers', async () => {
      const expected = collisionAt(world, 4);
      const { collision } = await data<{ collision: Record<string, unknown> }>(
        `query($n: String!) { collision(number: $n) { number occurredAt location { id } personsInjured personsKilled pedestriansInjured cyclistsInjured
          vehicles { vehicle { vin make } driver { id } driverNameAsRecorded contributingFactor } } }`,
        { n: expected.number },
      );
      expect(collision).toEqual({
        number: expected.number,
        occurredAt: expected.occurredAt,
        location: { id: expected.locationId },
        personsInjured: expected.personsInjured,
        personsKilled: expected.personsKilled,
        pedestriansInjured: expected.pedestriansInjured,
        cyclistsInjured: expected.cyclistsInjured,
        vehicles: expected.vehicles.map((v) => ({
          vehicle: { vin: vehicleAt(world, v.vehicleIndex).vin, make: vehicleAt(world, v.vehicleIndex).make },
          driver: v.driverId ? { id: v.driverId } : null,
          driverNameAsRecorded: v.driverNameAsRecorded,
          contributingFactor: v.contributingFactor,
        })),
      });
    });

    it('propertyInvoice(number), with items, arrest and owner', async () => {
      const expected = Array.from({ length: scale.propertyInvoices }, (_, k) => propertyInvoiceAt(world, k)).find((i) => i.arrestNumber)!;
      const { propertyInvoice } = await data<{ propertyInvoice: Record<string, unknown> }>(
        `query($n: String!) { propertyInvoice(number: $n) { number invoicedAt category command borough
          items { item { serialNumber } quantity value } arrest { number } complaint { number } owner { id } } }`,
        { n: expected.number },
      );
      expect(propertyInvoice).toEqual({
        number: expected.number,
        invoicedAt: expected.invoicedAt,
        category: expected.category,
        command: expected.command,
        borough: expected.borough,
        items: expected.items.map((i) => ({ item: { serialNumber: i.serialNumber }, quantity: i.quantity, value: i.value })),
        arrest: { number: expected.arrestNumber },
        complaint: expected.complaintNumber ? { number: expected.complaintNumber } : null,
        owner: { id: expected.ownerId },
      });
    });

    it('person(id), with every name on file and the records naming them', async () => {
      const expected = personAt(world, 0);
      const { person } = await data<{ person: Record<string, any> }>(
        `{ person(id: "${expected.id}") { id firstName middleName lastName fullName dateOfBirth sex race nysid identifyingMarks
          homeAddress { id } names { name kind } complaints { role complaint { number reportedAt } } arrests { number arrestedAt person { id } }
          collisions { number vehicles { driver { id } } } } }`,
      );
      expect(person).toMatchObject({
        id: expected.id, firstName: expected.firstName, middleName: expected.middleName, lastName: expected.lastName,
        fullName: fullName(expected), dateOfBirth: expected.dateOfBirth, sex: expected.sex, race: expected.race,
        identifyingMarks: expected.identifyingMarks, homeAddress: { id: locationAt(world, expected.homeLocationIndex).id },
      });
      expect(person.names[0]).toEqual({ name: fullName(expected), kind: 'PRIMARY' });
      expect(person.names.map((n: { name: string }) => n.name)).toEqual(expect.arrayContaining([...expected.aliases]));
      // Person 0 is the most recorded person of a skewed world: the lists are long and newest first.
      expect(person.arrests.length).toBeGreaterThan(1);
      expect(person.complaints.length).toBeGreaterThan(1);
      expect(person.nysid).toMatch(/^\d{8}[A-Z]$/);
      for (const arrest of person.arrests) expect(arrest.person.id).toBe(expected.id);
      const dates = person.arrests.map((a: { arrestedAt: string }) => a.arrestedAt);
      expect(dates).toEqual([...dates].sort().reverse());
      const reported = person.complaints.map((c: { complaint: { reportedAt: string } }) => c.complaint.reportedAt);
      expect(reported).toEqual([...reported].sort().reverse());
      for (const collision of person.collisions) expect(collision.vehicles.map((v: any) => v.driver?.id)).toContain(expected.id);
    });

    it('location(id), with its premise history newest first, windowed by since and limit', async () => {
      const { location } = await data<{ location: any }>(
        `{ location(id: "L00000001") { id address borough precinct
            complaints { number reportedAt } recent: complaints(since: "2024-01-01", limit: 2) { number reportedAt }
            arrests { number arrestedAt } collisions { number occurredAt } } }`,
      );
      const expected = locationAt(world, 0);
      expect(location).toMatchObject({ id: expected.id, address: `${expected.houseNumber} ${expected.street}`, borough: expected.borough, precinct: expected.precinct });
      expect(location.complaints.length).toBeGreaterThan(2);
      const reported = location.complaints.map((c: { reportedAt: string }) => c.reportedAt);
      expect(reported).toEqual([...reported].sort().reverse());
      expect(location.recent).toEqual(location.complaints.filter((c: { reportedAt: string }) => newYorkDay(c.reportedAt) >= '2024-01-01').slice(0, 2));
    });

    it('answers null for numbers and ids that are not on file', async () => {
      const result = await data<Record<string, unknown>>(
        `{ complaint(number: "2019-001-999999") { number } arrest(number: "X") { number } collision(number: "X") { number }
           propertyInvoice(number: "X") { number } person(id: "P99999999") { id } location(id: "L99999999") { id } }`,
      );
      expect(Object.values(result)).toEqual([null, null, null, null, null, null]);
    });
  });

  describe('lists: filtered, newest first, keyset pages', () => {
    const LISTS = {
      complaints: { instant: 'reportedAt', fields: 'number reportedAt borough precinct status offense { lawCode category }' },
      arrests: { instant: 'arrestedAt', fields: 'number arrestedAt borough precinct disposition charges { lawCode category }' },
      collisions: { instant: 'occurredAt', fields: 'number occurredAt borough precinct personsInjured personsKilled' },
      propertyInvoices: { instant: 'invoicedAt', fields: 'number invoicedAt borough category' },
    } as const;
    type ListName = keyof typeof LISTS;

    async function list(name: ListName, variables: Record<string, unknown>) {
      const response = await subgraph.query<Record<string, Page<any>>>(
        `query($filter: ${name === 'propertyInvoices' ? 'PropertyInvoice' : name.slice(0, 1).toUpperCase() + name.slice(1, -1)}Filter, $first: Int, $after: String) {
          ${name}(filter: $filter, first: $first, after: $after) {
            totalCount edges { cursor node { ${LISTS[name].fields} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
        variables,
      );
      return response;
    }

    it.each(Object.keys(LISTS) as ListName[])('%s: pages through every record once, newest first', async (name) => {
      const seen: any[] = [];
      let after: string | null = null;
      let total = -1;
      for (let round = 0; round < 100; round++) {
        const response = await list(name, { first: 40, after });
        expect(response.errors).toBeUndefined();
        const page: Page<any> = response.data![name]!;
        total = page.totalCount;
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...page.edges.map((e) => e.node));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const expected = { complaints: scale.complaints, arrests: scale.arrests, collisions: scale.collisions, propertyInvoices: scale.propertyInvoices }[name];
      expect(total).toBe(expected);
      expect(seen).toHaveLength(expected);
      expect(new Set(seen.map((n) => n.number)).size).toBe(expected);
      const keys = seen.map((n) => `${n[LISTS[name].instant]} ${n.number}`);
      expect(keys).toEqual([...keys].sort().reverse());
    });

    it.each([
      ['complaints', { borough: 'BROOKLYN' }, (n: any) => n.borough === 'BROOKLYN'],
      ['complaints', { precinct: 75 }, (n: any) => n.precinct === 75],
      ['complaints', { status: 'OPEN' }, (n: any) => n.status === 'OPEN'],
      ['complaints', { category: 'FELONY' }, (n: any) => n.offense.category === 'FELONY'],
      ['complaints', { lawCode: 'PL 155.25' }, (n: any) => n.offense.lawCode === 'PL 155.25'],
      ['complaints', { reported: { from: '2021-01-01', to: '2021-12-31' } }, (n: any) => newYorkDay(n.reportedAt).startsWith('2021')],
      ['arrests', { borough: 'BRONX' }, (n: any) => n.borough === 'BRONX'],
      ['arrests', { disposition: 'DISMISSED' }, (n: any) => n.disposition === 'DISMISSED'],
      ['arrests', { category: 'MISDEMEANOR' }, (n: any) => n.charges[0].category === 'MISDEMEANOR'],
      ['arrests', { lawCode: 'PL 120.00' }, (n: any) => n.charges.some((c: any) => c.lawCode === 'PL 120.00')],
      ['arrests', { arrested: { from: '2023-03-01', to: '2023-03-31' } }, (n: any) => newYorkDay(n.arrestedAt).startsWith('2023-03')],
      ['collisions', { withInjuries: true }, (n: any) => n.personsInjured + n.personsKilled > 0],
      ['collisions', { withInjuries: false, borough: 'QUEENS' }, (n: any) => n.personsInjured + n.personsKilled === 0 && n.borough === 'QUEENS'],
      ['propertyInvoices', { category: 'FOUND_PROPERTY' }, (n: any) => n.category === 'FOUND_PROPERTY'],
      ['propertyInvoices', { invoiced: { to: '2019-06-30' }, borough: 'MANHATTAN' }, (n: any) => newYorkDay(n.invoicedAt) < '2019-07' && n.borough === 'MANHATTAN'],
    ] as const)('%s filtered by %j holds only and all matching records', async (name, filter, matches) => {
      const all = (await list(name, { first: 100 })).data![name]!;
      const response = await list(name, { filter, first: 100 });
      expect(response.errors).toBeUndefined();
      const filtered = response.data![name]!;
      expect(filtered.totalCount).toBeGreaterThan(0);
      expect(filtered.edges.every((e) => matches(e.node))).toBe(true);
      // Within the newest 100 of the whole list, the filter keeps exactly the matching ones.
      const oldestShown = all.edges[all.edges.length - 1]!.node;
      const instant = LISTS[name].instant;
      const expectedNewest = all.edges.filter((e) => matches(e.node)).map((e) => e.node.number);
      expect(filtered.edges.filter((e) => e.node[instant] >= oldestShown[instant]).map((e) => e.node.number)).toEqual(expectedNewest);
      expect(filtered.totalCount).toBeLessThan(all.totalCount);
    });

    it.each([
      ['an undecodable cursor', { after: '%%%' }],
      ['a cursor of the person search', { after: Buffer.from(JSON.stringify([0.5, 'P00000001'])).toString('base64url') }],
      ['a negative page size', { first: -1 }],
      ['a date range that ends before it starts', { filter: { reported: { from: '2024-02-01', to: '2024-01-01' } } }],
    ])('refuses %s with BAD_USER_INPUT', async (_, variables) => {
      const response = await list('complaints', variables);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('refuses a malformed date with BAD_USER_INPUT', async () => {
      const response = await list('arrests', { filter: { arrested: { from: '2024-13-45' } } });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
