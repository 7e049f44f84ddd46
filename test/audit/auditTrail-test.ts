import { verifyAuditChain } from '../../governance/audit/verifyAuditChain';
import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';

/** [P18] every use leaves an audit event, committed before the answer leaves ("nothing is lost"). */
describe('audit trail through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 120_000);
  afterAll(() => stack?.close());

  const events = () => stack.governanceDb.query<{ seq: string; kind: string; user_id: string | null; request_id: string; event: any }>('SELECT * FROM audit_event ORDER BY seq');

  it('records an answered operation: who, why, what was asked, removed and called, and the outcome', async () => {
    const before = (await events()).length;
    const result = await stack.queryAs('officer', { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000777' }, 'query Who($id: ID!) { person(id: $id) { fullName warrants { number } } }', { id: 'P00000001' });
    expect(result.data.person.fullName).toEqual(expect.any(String));
    const added = (await events()).slice(before);
    expect(added).toHaveLength(1);
    const { event } = added[0]!;
    expect(added[0]!.user_id).toBe('officer');
    expect(event).toMatchObject({
      user: 'officer', roles: ['OFFICER'], command: '075 PCT',
      purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000777' },
      operationName: 'Who', outcome: 'PARTIAL', errorCodes: ['FIELD_NOT_AUTHORIZED'],
      subgraphs: ['complaints-arrests'],
    });
    expect(event.fieldsRemoved).toContainEqual({ field: 'Person.warrants', reason: 'MISSING_TRAINING' });
    expect(event.fieldsRequested).toEqual(expect.arrayContaining(['Query.person', 'Person.fullName', 'Person.warrants']));
    expect(event.variables.id).toMatch(/^sha256:[0-9a-f]{64}$/); // identifying inputs are hashed, not stored
    expect(JSON.stringify(event)).not.toContain('"P00000001"');
  });

  it('records refusals made before the operation is parsed, and attempts without identity', async () => {
    const before = (await events()).length;
    const refused = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION', justification: 'Serve the ICE detainer' }, '{ me { id } }');
    expect(refused.errors![0]!.extensions!.code).toBe('IMMIGRATION_ENFORCEMENT_BLOCKED');
    await stack.query('{ me { id } }', {}, purposeHeaders({ code: 'AUDIT' }));
    const added = (await events()).slice(before);
    expect(added.map((e) => [e.kind, e.user_id, e.event.outcome, e.event.errorCodes])).toEqual([
      ['OPERATION', 'detective', 'REFUSED', ['IMMIGRATION_ENFORCEMENT_BLOCKED']],
      ['LOGON', null, 'REFUSED', ['UNAUTHENTICATED']],
    ]);
  });

  it('releases no answer whose audit event cannot be stored, and recovers when the store does', async () => {
    await stack.governanceDb.exec('ALTER TABLE audit_head RENAME TO audit_head_unavailable');
    try {
      const result = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, '{ person(id: "P00000001") { fullName } }');
      expect(result.status).toBe(503);
      expect(result.data ?? null).toBeNull();
      expect(result.errors!.map((e) => e.extensions!.code)).toEqual(['AUDIT_UNAVAILABLE']);
      expect(JSON.stringify(result)).not.toMatch(/fullName"\s*:\s*"/);
    } finally {
      await stack.governanceDb.exec('ALTER TABLE audit_head_unavailable RENAME TO audit_head');
    }
    const after = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, '{ person(id: "P00000001") { fullName } }');
    expect(after.data.person.fullName).toEqual(expect.any(String));
    expect(await verifyAuditChain(stack.governanceDb)).toMatchObject({ ok: true });
  });
});
