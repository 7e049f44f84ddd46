import type { SubgraphCallContext } from '../../../platform/identity/subgraphContextToken';
import type { Purpose, Role } from '../../../policy/vocabulary';
import type { DeclaredException } from '../../../policy/statutoryExceptions';
import { backends } from '../../../test/harness/testDatabase';
import { startTestSubgraph, type TestSubgraph } from '../../../test/harness/startTestSubgraph';
import { ALL_TRAININGS } from '../../../test/harness/testContext';

/**
 * Sealed records only for a purpose the sealing law permits, juvenile records only for the
 * roles that need them [P12], enforced by this subgraph itself whatever reaches it: by number,
 * through `_entities`, in lists and their counts, in a person's and a place's history. Hidden
 * means absent, not announced: no error says a record exists.
 */

const caller = (roles: Role[], purpose: Purpose, exception?: DeclaredException): SubgraphCallContext => ({
  requestId: 'visibility-test',
  subject: { id: 'someone', kind: 'USER', roles, command: '075 PCT', assignment: 'PATROL', agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: ALL_TRAININGS },
  purpose: { code: purpose, caseNumber: '2025-075-000123', ...(exception ? { exception } : {}) },
});
const PATROL = caller(['OFFICER'], 'CRIMINAL_INVESTIGATION');
const DETECTIVE = caller(['DETECTIVE'], 'CRIMINAL_INVESTIGATION');
/** [P12] a detective under a court order that opens sealed records (CPL 160.50(1)(d)(ii)). */
const UNDER_COURT_ORDER = caller(['DETECTIVE'], 'CRIMINAL_INVESTIGATION', { code: 'CPL_160_50_1_D_II', reference: 'ORDER-2026-0042' });

describe.each(backends())('sealed and juvenile records (%s)', (backend) => {
  let subgraph: TestSubgraph;
  let sealed: { number: string; person: string; location: string; complaint: string };
  let juvenile: { number: string; person: string };
  beforeAll(async () => {
    subgraph = await startTestSubgraph('complaints-arrests', backend);
    [sealed] = await subgraph.db.query<typeof sealed>(
      `SELECT a.number, a.person_id AS person, a.location_id AS location, a.complaint_number AS complaint
       FROM arrest a JOIN complaint c ON c.number = a.complaint_number
       WHERE a.sealed AND NOT a.juvenile AND c.sealed AND NOT c.juvenile ORDER BY a.number LIMIT 1`,
    ) as [typeof sealed];
    [juvenile] = await subgraph.db.query<typeof juvenile>(
      `SELECT number, person_id AS person FROM arrest WHERE juvenile AND NOT sealed ORDER BY number LIMIT 1`,
    ) as [typeof juvenile];
  }, 180_000);
  afterAll(() => subgraph?.close());

  async function as<Data = any>(who: SubgraphCallContext, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
    const response = await subgraph.queryAs<Data>(who, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  }
  const count = async (sql: string) => (await subgraph.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`))[0]!.n;

  it('[P12] a sealed arrest and its complaint are not there for an investigation, by number or by reference', async () => {
    const query = `query($a: String!, $c: String!, $r: [_Any!]!) {
      arrest(number: $a) { number } complaint(number: $c) { number }
      _entities(representations: $r) { ... on Arrest { number } ... on Complaint { number } } }`;
    const variables = { a: sealed.number, c: sealed.complaint, r: [{ __typename: 'Arrest', number: sealed.number }, { __typename: 'Complaint', number: sealed.complaint }] };
    expect(await as(DETECTIVE, query, variables)).toEqual({ arrest: null, complaint: null, _entities: [null, null] });
    expect(await as(UNDER_COURT_ORDER, query, variables)).toEqual({
      arrest: { number: sealed.number }, complaint: { number: sealed.complaint },
      _entities: [{ number: sealed.number }, { number: sealed.complaint }],
    });
  });

  it('[P12] lists and counts leave out what the caller may not see', async () => {
    const query = `{ arrests(first: 100) { totalCount edges { node { number sealed juvenile } } }
      complaints(first: 100) { totalCount edges { node { sealed juvenile } } } }`;
    const patrol = await as(PATROL, query);
    expect(patrol.arrests.totalCount).toBe(await count('arrest WHERE NOT sealed AND NOT juvenile'));
    expect(patrol.complaints.totalCount).toBe(await count('complaint WHERE NOT sealed AND NOT juvenile'));
    expect(patrol.arrests.edges).toHaveLength(Math.min(100, patrol.arrests.totalCount));
    expect(patrol.arrests.totalCount).toBeGreaterThan(0);
    for (const { node } of [...patrol.arrests.edges, ...patrol.complaints.edges]) expect(node).toMatchObject({ sealed: false, juvenile: false });

    const detective = await as(DETECTIVE, query);
    expect(detective.arrests.totalCount).toBe(await count('arrest WHERE NOT sealed'));
    const prosecution = await as(UNDER_COURT_ORDER, query);
    expect(prosecution.arrests.totalCount).toBe(await count('arrest'));
  });

  it("[P12] a person's and a place's history hold no hidden record, nor a party of a hidden complaint", async () => {
    const query = `query($p: ID!, $l: ID!) {
      person(id: $p) { arrests { number } complaints { complaint { number } } }
      location(id: $l) { arrests { number } complaints { number } } }`;
    const variables = { p: sealed.person, l: sealed.location };
    const hidden = await as(DETECTIVE, query, variables);
    expect(hidden.person.arrests.map((a: any) => a.number)).not.toContain(sealed.number);
    expect(hidden.person.complaints.map((c: any) => c.complaint.number)).not.toContain(sealed.complaint);
    expect(hidden.location.arrests.map((a: any) => a.number)).not.toContain(sealed.number);
    expect(hidden.location.complaints.map((c: any) => c.number)).not.toContain(sealed.complaint);
    const shown = await as(UNDER_COURT_ORDER, query, variables);
    expect(shown.person.arrests.map((a: any) => a.number)).toContain(sealed.number);
    expect(shown.person.complaints.map((c: any) => c.complaint.number)).toContain(sealed.complaint);
    expect(shown.location.arrests.map((a: any) => a.number)).toContain(sealed.number);
  });

  it('a juvenile arrest is there for a detective, never for patrol', async () => {
    const query = `query($a: String!, $p: ID!) { arrest(number: $a) { number } person(id: $p) { arrests { number } } }`;
    const variables = { a: juvenile.number, p: juvenile.person };
    const patrol = await as(PATROL, query, variables);
    expect(patrol.arrest).toBeNull();
    expect(patrol.person.arrests.map((a: any) => a.number)).not.toContain(juvenile.number);
    const detective = await as(DETECTIVE, query, variables);
    expect(detective.arrest).toEqual({ number: juvenile.number });
    expect(detective.person.arrests.map((a: any) => a.number)).toContain(juvenile.number);
  });
});
