import { startTestStack, type TestStack } from '../harness/startTestStack';

/**
 * Attacks (issue 22, findings 3 and 6) on the audit trail: what it names, and to whom.
 *  - 6: a supervisor filtering `auditEvents` by a juvenile arrest's number saw that arrest and
 *    the person it belongs to, though the supervisor may not see the record itself. Now such
 *    identifiers reach only a reader whose own access would show them (IAB, the Agency Privacy
 *    Officer on an audit); others see `withheldRecords: n`, and a filter on a withheld record
 *    matches nothing, exactly as a record never released [P12, P18].
 */
const AUDIT = { code: 'AUDIT' };
const EVENTS = `query E($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 50) {
  totalCount edges { node { seq userId records { type id } withheldRecords detail } } } }`;

describe('the audit trail names every record that left, and only to whom may see it', () => {
  let stack: TestStack;
  let juvenile: { number: string; person: string };
  beforeAll(async () => {
    stack = await startTestStack();
    [juvenile] = (await stack.subgraphs['complaints-arrests'].db.query<{ number: string; person: string }>(
      'SELECT number, person_id AS person FROM arrest WHERE juvenile AND NOT sealed ORDER BY number LIMIT 1',
    )) as [{ number: string; person: string }];
    // A detective, whose work needs juvenile records, reads one with its arrestee.
    const read = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, 'query A($n: String!) { arrest(number: $n) { number person { id } } }', { n: juvenile.number });
    expect(read.data.arrest).toEqual({ number: juvenile.number, person: { id: juvenile.person } });
  }, 180_000);
  afterAll(() => stack?.close());

  const events = async (user: string, filter: Record<string, unknown>) => {
    const answer = await stack.queryAs(user, AUDIT, EVENTS, { filter });
    expect(answer.errors).toBeUndefined();
    return answer.data.auditEvents as { totalCount: number; edges: { node: { userId: string; records: { type: string; id: string }[]; withheldRecords: number; detail: string } }[] };
  };
  const byRecord = (type: string, id: string) => ({ record: { type, id }, userId: 'detective' });

  it.each(['iab', 'privacy-officer'])('[P18] %s, whose own access shows juvenile records, finds the use by the arrest and sees what it released', async (reader) => {
    const found = await events(reader, byRecord('Arrest', juvenile.number));
    expect(found.totalCount).toBeGreaterThan(0);
    const { node } = found.edges[0]!;
    expect(node.records).toEqual(expect.arrayContaining([{ type: 'Arrest', id: juvenile.number }, { type: 'Person', id: juvenile.person }]));
    expect(node.withheldRecords).toBe(0);
  });

  it('[P12] a supervisor filtering by the juvenile arrest learns nothing: the same empty answer as for an arrest that does not exist', async () => {
    const filtered = await events('supervisor', byRecord('Arrest', juvenile.number));
    const missing = await events('supervisor', byRecord('Arrest', 'K99999999'));
    expect(filtered).toEqual(missing);
    expect(filtered.totalCount).toBe(0);
  });

  it('[P12] a supervisor filtering by the arrestee does not find the use that linked them to the juvenile arrest', async () => {
    const filtered = await events('supervisor', byRecord('Person', juvenile.person));
    for (const { node } of filtered.edges) expect(node.records).not.toContainEqual({ type: 'Arrest', id: juvenile.number });
    const iab = await events('iab', byRecord('Person', juvenile.person));
    expect(iab.totalCount).toBeGreaterThan(filtered.totalCount);
  });

  it('[P12, P18] a supervisor reviewing the detective sees the use, that it touched withheld records, not which', async () => {
    const all = await events('supervisor', { userId: 'detective' });
    const use = all.edges.map((e) => e.node).find((node) => node.withheldRecords > 0);
    expect(use).toBeDefined();
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
