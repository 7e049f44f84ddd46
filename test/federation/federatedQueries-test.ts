import { backends } from '../harness/testDatabase';
import { startTestStack, type TestStack } from '../harness/startTestStack';

const INVESTIGATION = { code: 'CRIMINAL_INVESTIGATION' };

/**
 * The supergraph as a client sees it: one query, records from every source, through the
 * gateway over HTTP, on each storage backend.
 */
describe.each(backends())('federated queries through the gateway (%s)', (backend) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(backend);
  }, 120_000);
  afterAll(() => stack?.close());

  const PERSON_EVERYWHERE = /* GraphQL */ `
    query PersonEverywhere($id: ID!) {
      person(id: $id) {
        id
        fullName
        arrests { number topCharge { lawCode offenseClass } }
        calls911 { id incidentType }
        warrants { number type }
      }
    }`;

  it('returns one person with records from all three subgraphs in one answer', async () => {
    // Persons with low ids recur most in the synthetic sources; find one present in all three.
    let found: any;
    for (let index = 1; index <= 20 && !found; index++) {
      const id = `P${String(index).padStart(8, '0')}`;
      const result = await stack.queryAs('detective', INVESTIGATION, PERSON_EVERYWHERE, { id });
      expect(result.errors).toBeUndefined();
      const person = result.data.person;
      if (person.arrests.length && person.calls911.length && person.warrants.length) found = person;
    }
    expect(found).toBeDefined();
    expect(found.arrests[0].number).toMatch(/^[MBKQS]\d{8}$/);
    expect(found.warrants[0].type).toMatch(/^(ARREST|BENCH)$/);
  });

  it('keeps the rest of a subgraph\'s answer when one of its fields refuses bad input', async () => {
    const result = await stack.queryAs('detective', INVESTIGATION, '{ person(id: "P00000001") { fullName } arrests(first: 500) { edges { node { number } } } }');
    expect(result.status).toBe(200);
    expect(result.data.person.fullName).toEqual(expect.any(String));
    expect(result.data.arrests).toBeNull();
    expect(result.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['arrests'], 'BAD_USER_INPUT']]);
  });

  it('resolves a premise history across subgraphs from one location', async () => {
    const arrests = await stack.queryAs('detective', INVESTIGATION, `{ arrests(first: 1) { edges { node { location { id } } } } }`);
    const locationId = arrests.data.arrests.edges[0].node.location.id;
    const result = await stack.queryAs('detective', INVESTIGATION, 
      `query Premise($id: ID!) { location(id: $id) { address borough arrests { number } calls911 { id } } }`,
      { id: locationId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.location.arrests.length).toBeGreaterThan(0);
    expect(Array.isArray(result.data.location.calls911)).toBe(true);
  });

  it('costs the same number of SQL statements for 5 persons as for 50 (every fetch is batched)', async () => {
    const query = /* GraphQL */ `
      query PersonsWithRecords($first: Int!) {
        arrests(first: $first) {
          edges { node { number person {
            id fullName
            arrests { number }
            calls911 { id }
            warrants { number }
            ordersOfProtection { role }
          } } }
        }
      }`;
    const count = async (first: number) => {
      const before = stack.statements();
      // Internal Affairs on an audit sees every arrest, so a page of 50 is 50 persons.
      const result = await stack.queryAs('iab', { code: 'AUDIT' }, query, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data.arrests.edges).toHaveLength(first);
      return stack.statements() - before;
    };
    const five = await count(5);
    const fifty = await count(50);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
  });

  it('answers /healthz, and /readyz only while every subgraph is reachable', async () => {
    const base = stack.gateway.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, status: 'ready', down: [], subgraphs: { 'complaints-arrests': 'up', calls: 'up', warrants: 'up', governance: 'up' } });
  });
});
