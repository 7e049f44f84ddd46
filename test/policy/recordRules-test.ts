import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';
import type { SubgraphCallContext } from '../../platform/identity/subgraphContextToken';
import { ALL_TRAININGS } from '../harness/testContext';

/**
 * Record-level rules, enforced by the subgraphs with graphql-shield and the same rule objects as
 * the gateway [P12]: sealed records only for a purpose the sealing law permits; juvenile records
 * only for roles that need them; a protected party's address only for roles that need it.
 */
const INVESTIGATION = { code: 'CRIMINAL_INVESTIGATION' };
const AUDIT = { code: 'AUDIT' };

describe('record rules', () => {
  let stack: TestStack;
  let sealed: { number: string; person: { id: string } };
  let juvenile: { number: string; person: { id: string } };
  let everyArrest: number;

  beforeAll(async () => {
    stack = await startTestStack();
    // Internal Affairs on an audit sees every record: find one sealed and one juvenile arrest.
    const all = await stack.queryAs('iab', AUDIT, `{ arrests(first: 100) { totalCount edges { node { number sealed juvenile person { id } } } } }`);
    expect(all.errors).toBeUndefined();
    const nodes = all.data.arrests.edges.map((e: any) => e.node);
    everyArrest = all.data.arrests.totalCount;
    sealed = nodes.find((n: any) => n.sealed && !n.juvenile);
    juvenile = nodes.find((n: any) => n.juvenile && !n.sealed);
    expect(sealed).toBeDefined();
    expect(juvenile).toBeDefined();
  }, 120_000);
  afterAll(() => stack?.close());

  const ARREST = `query A($number: String!) { arrest(number: $number) { number sealed } }`;

  it('[P12] hides a sealed arrest from an investigation, by number, in lists and in counts', async () => {
    const byNumber = await stack.queryAs('detective', INVESTIGATION, ARREST, { number: sealed.number });
    expect(byNumber.data.arrest).toBeNull();
    expect(byNumber.errors).toBeUndefined(); // hidden, not announced

    const list = await stack.queryAs('detective', INVESTIGATION, `{ arrests(first: 100) { totalCount edges { node { number sealed } } } }`);
    const numbers = list.data.arrests.edges.map((e: any) => e.node.number);
    expect(numbers).not.toContain(sealed.number);
    expect(list.data.arrests.edges.every((e: any) => e.node.sealed === false)).toBe(true);
    expect(list.data.arrests.totalCount).toBeLessThan(everyArrest);

    const person = await stack.queryAs('detective', INVESTIGATION, `query P($id: ID!) { person(id: $id) { arrests { number } } }`, { id: sealed.person.id });
    expect(person.data.person.arrests.map((a: any) => a.number)).not.toContain(sealed.number);
  });

  it('[P12] shows the sealed arrest under a statutory exception with its reference (a court order), never for a purpose alone', async () => {
    const token = await stack.token('detective');
    const headers = { authorization: `Bearer ${token}`, ...purposeHeaders(INVESTIGATION), 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': 'ORDER-2026-0042' };
    const result = await stack.query(ARREST, { number: sealed.number }, headers);
    expect(result.data.arrest).toEqual({ number: sealed.number, sealed: true });
  });

  it('shows a juvenile arrest to a detective, never to patrol', async () => {
    expect((await stack.queryAs('detective', INVESTIGATION, ARREST, { number: juvenile.number })).data.arrest.number).toBe(juvenile.number);
    expect((await stack.queryAs('officer', INVESTIGATION, ARREST, { number: juvenile.number })).data.arrest).toBeNull();
  });

  it('keeps a protected party\'s address from roles that do not need it', async () => {
    const list = await stack.queryAs('detective', INVESTIGATION, `{ ordersOfProtection(first: 1) { edges { node { number protectedPartyAddress { id } } } } }`);
    const order = list.data.ordersOfProtection.edges[0].node;
    expect(order.protectedPartyAddress).not.toBeNull();
    const analyst = await stack.queryAs('analyst', INVESTIGATION, `query O($n: String!) { orderOfProtection(number: $n) { number protectedPartyAddress { id } } }`, { n: order.number });
    expect(analyst.data.orderOfProtection).toEqual({ number: order.number, protectedPartyAddress: null });
    expect(analyst.errors![0]!.extensions).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED', field: 'OrderOfProtection.protectedPartyAddress' });
  });

  describe('in the subgraph itself (defence in depth, and the known graphql-shield pitfalls)', () => {
    const officer: SubgraphCallContext = {
      requestId: 'r', purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-1' },
      subject: { id: 'officer', kind: 'USER', roles: ['OFFICER'], command: '075 PCT', assignment: 'PATROL', agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: ALL_TRAININGS },
    };

    it('answers _entities for a juvenile or sealed arrest with null', async () => {
      const result = await stack.subgraphs['complaints-arrests'].queryAs(
        officer,
        `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Arrest { number } } }`,
        { r: [{ __typename: 'Arrest', number: juvenile.number }, { __typename: 'Arrest', number: sealed.number }] },
      );
      expect(result.data._entities).toEqual([null, null]);
    });

    it('still serves _service (federation needs it) under a deny-by-default shield', async () => {
      const result = await stack.subgraphs.warrants.queryAs(officer, `{ _service { sdl } }`);
      expect(result.data._service.sdl).toContain('type Warrant');
    });

    it('refuses a field the caller may not see even when the gateway is bypassed with a valid context', async () => {
      const result = await stack.subgraphs.warrants.queryAs(officer, `{ ordersOfProtection(first: 1) { edges { node { protectedPartyAddress { id } } } } }`);
      expect(result.errors![0]!.extensions!.code).toBe('FIELD_NOT_AUTHORIZED');
    });
  });
});
