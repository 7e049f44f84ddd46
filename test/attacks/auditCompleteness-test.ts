import { fullName, personAt } from '../../synthetic/world';
import { startTestStack, type TestStack } from '../harness/startTestStack';
import { TEST_WORLD } from '../harness/startTestSubgraph';

/**
 * Attacks (issue 22, findings 3 and 6) on the audit trail: what it names, and to whom.
 *  - 3: cursors encoded record keys (an arrest cursor decoded to its number and date), so a
 *    caller selecting only `edges { cursor }` received identifiers the audit never named. Now a
 *    cursor is sealed (AES-256-GCM): it reads as nothing, still pages, and a tampered or forged
 *    one is BAD_USER_INPUT; and an edge selected without its node still names its record [P18].
 *  - 6: a supervisor filtering `auditEvents` by a juvenile arrest's number saw that arrest and
 *    the person it belongs to, though the supervisor may not see the record itself. Now such
 *    identifiers reach only a reader whose own access would show them (IAB, the Agency Privacy
 *    Officer on an audit); others see `withheldRecords: n`, and a filter on a withheld record
 *    matches nothing, exactly as a record never released [P12, P18].
 */
const AUDIT = { code: 'AUDIT' };
/** What oversight read before issue 22 (no withheldRecords): the filters are tested with this. */
const EVENTS = `query E($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 50) {
  totalCount edges { node { seq userId records { type id } detail } } } }`;
const EVENTS_WITH_COUNT = EVENTS.replace('records { type id }', 'records { type id } withheldRecords');

describe('the audit trail names every record that left, and only to whom may see it', () => {
  let stack: TestStack;
  let juvenile: { number: string; person: string };
  /** The request in which the detective read the juvenile arrest. */
  let readRequest: string;
  beforeAll(async () => {
    stack = await startTestStack();
    [juvenile] = (await stack.subgraphs['complaints-arrests'].db.query<{ number: string; person: string }>(
      'SELECT number, person_id AS person FROM arrest WHERE juvenile AND NOT sealed ORDER BY number LIMIT 1',
    )) as [{ number: string; person: string }];
    // A detective, whose work needs juvenile records, reads one with its arrestee.
    const read = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, 'query A($n: String!) { arrest(number: $n) { number person { id } } }', { n: juvenile.number });
    expect(read.data.arrest).toEqual({ number: juvenile.number, person: { id: juvenile.person } });
    [{ request_id: readRequest }] = (await stack.governanceDb.query<{ request_id: string }>(
      "SELECT request_id FROM audit_event WHERE kind = 'OPERATION' AND (event -> 'records' -> 'Arrest') ? $1", [juvenile.number],
    )) as [{ request_id: string }];
  }, 400_000);
  afterAll(() => stack?.close());

  const events = async (user: string, filter: Record<string, unknown>, query = EVENTS) => {
    const answer = await stack.queryAs(user, AUDIT, query, { filter });
    expect(answer.errors).toBeUndefined();
    return answer.data.auditEvents as { totalCount: number; edges: { node: { userId: string; records: { type: string; id: string }[]; withheldRecords: number; detail: string } }[] };
  };
  const byRecord = (type: string, id: string) => ({ record: { type, id }, userId: 'detective' });

  const operations = async () =>
    (await stack.governanceDb.query<{ event: any }>("SELECT event FROM audit_event WHERE kind = 'OPERATION' ORDER BY seq DESC LIMIT 1"))[0]!.event;

  it('[P18] a cursor carries no readable record key, still pages, and is refused when tampered with or forged', async () => {
    const page = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, '{ arrests(first: 3) { edges { cursor node { number arrestedAt } } pageInfo { endCursor } } }');
    expect(page.errors).toBeUndefined();
    const edges = page.data.arrests.edges as { cursor: string; node: { number: string; arrestedAt: string } }[];
    for (const { cursor, node } of edges) {
      const decoded = Buffer.from(cursor, 'base64url').toString('latin1');
      expect(decoded).not.toContain(node.number);
      expect(decoded).not.toContain(node.arrestedAt.slice(0, 10));
      expect(cursor).not.toContain(node.number);
    }
    const next = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, 'query N($after: String) { arrests(first: 3, after: $after) { edges { node { number } } } }', { after: page.data.arrests.pageInfo.endCursor });
    expect(next.errors).toBeUndefined();
    expect(next.data.arrests.edges.map((e: any) => e.node.number)).not.toContain(edges[2]!.node.number);
    const cursor = edges[0]!.cursor;
    const tampered = cursor.slice(0, -2) + (cursor.endsWith('AA') ? 'BB' : 'AA');
    const forged = Buffer.from(JSON.stringify([edges[0]!.node.arrestedAt, edges[0]!.node.number])).toString('base64url');
    for (const after of [tampered, forged]) {
      const refused = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, 'query N($after: String) { arrests(first: 3, after: $after) { totalCount } }', { after });
      expect(refused.data?.arrests ?? null).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it.each([
    ['only the cursors', '{ cursor }'],
    ['only the score and the name that matched', '{ score matchedName }'],
  ])('[P18] a person search selecting %s names every person it released', async (_what, edge) => {
    const name = fullName(personAt(TEST_WORLD, 0));
    const answer = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, `query S($name: String!) { searchPersons(name: $name, first: 5) { edges ${edge} } }`, { name });
    expect(answer.errors).toBeUndefined();
    const released = answer.data.searchPersons.edges.length;
    expect(released).toBeGreaterThan(0);
    const event = await operations();
    expect(event.records.Person).toHaveLength(released);
    expect(event.resultCount).toBe(released);
  });

  it.each(['iab', 'privacy-officer'])('[P18] %s, whose own access shows juvenile records, finds the use by the arrest and sees what it released', async (reader) => {
    const found = await events(reader, byRecord('Arrest', juvenile.number));
    expect(found.totalCount).toBeGreaterThan(0);
    const { node } = found.edges[0]!;
    expect(node.records).toEqual(expect.arrayContaining([{ type: 'Arrest', id: juvenile.number }, { type: 'Person', id: juvenile.person }]));
  });

  it('[P12] a supervisor filtering by the juvenile arrest learns nothing: the same empty answer as for an arrest that does not exist', async () => {
    const filtered = await events('supervisor', byRecord('Arrest', juvenile.number));
    const missing = await events('supervisor', byRecord('Arrest', 'K99999999'));
    expect(filtered).toEqual(missing);
    expect(filtered.totalCount).toBe(0);
  });

  it('[P12] a focused audit of the juvenile arrest, asked by a supervisor, completes as for an arrest never released', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const audit = async (reader: string, id: string) => {
      const requested = await stack.queryAs(reader, AUDIT, 'mutation($input: FocusedAuditInput!) { requestFocusedAudit(input: $input) { id } }', {
        input: { record: { type: 'Arrest', id }, from, to, reason: 'Review of juvenile record access (test)' },
      });
      expect(requested.errors).toBeUndefined();
      for (let i = 0; i < 100; i++) {
        const found = (await stack.queryAs(reader, AUDIT, `{ focusedAudit(id: "${requested.data.requestFocusedAudit.id}") { status eventCount } }`)).data.focusedAudit;
        if (found.status === 'COMPLETED') return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('focused audit did not complete');
    };
    expect(await audit('supervisor', juvenile.number)).toEqual(await audit('supervisor', 'K99999999'));
    expect((await audit('iab', juvenile.number)).eventCount).toBeGreaterThan(0);
  });

  it('[P12] a supervisor filtering by the arrestee does not find the use that linked them to the juvenile arrest', async () => {
    const filtered = await events('supervisor', byRecord('Person', juvenile.person));
    for (const { node } of filtered.edges) expect(node.records).not.toContainEqual({ type: 'Arrest', id: juvenile.number });
    const iab = await events('iab', byRecord('Person', juvenile.person));
    expect(iab.totalCount).toBeGreaterThan(filtered.totalCount);
  });

  it('[P12, P18] a supervisor reviewing the detective sees the use, that it touched withheld records, not which', async () => {
    const found = await events('supervisor', { requestId: readRequest, kind: 'OPERATION' }, EVENTS_WITH_COUNT);
    expect(found.totalCount).toBe(1);
    const use = found.edges[0]!.node;
    expect(use.userId).toBe('detective');
    expect(use!.withheldRecords).toBe(2); // the arrest, and the person it belongs to
    expect(use!.records).toEqual([]);
    expect(use!.detail).not.toContain(juvenile.number);
    expect(use!.detail).not.toContain(juvenile.person);
    // usesToReview reads the same events the same way.
    const review = await stack.queryAs('supervisor', AUDIT, '{ usesToReview(first: 100) { edges { node { records { id } withheldRecords detail } } } }');
    const text = JSON.stringify(review.data);
    expect(text).not.toContain(juvenile.number);
    expect(review.data.usesToReview.edges.some((e: any) => e.node.withheldRecords === 2)).toBe(true);
  });
});
