import { backends } from '../harness/testDatabase';
import { startTestStack, type TestStack } from '../harness/startTestStack';
import { byDocumentId, byHash, codeOf, DA, exampleOperations, extensionsOf, INVESTIGATION, NEIGHBOUR, PROSECUTION, publish, send } from './partnerRequests';

/**
 * Partner agencies under written agreements, end to end over HTTP [P14, P15] (issue 24): the
 * lawful path (agreement, published operation, client-credentials token, request, audit), the
 * agreement's lifecycle by the Privacy Officer and Legal, and an immigration agreement that
 * cannot be made. The refusals a partner meets trying to get around its agreement are in
 * test/attacks/partnerAccess-test.ts.
 */
const CREATE = `mutation C($input: AgreementInput!, $reason: String!) { createAgreement(input: $input, reason: $reason) { number status } }`;
const STATUS = `mutation S($number: String!, $status: AgreementStatus!, $reason: String!) { changeAgreementStatus(number: $number, status: $status, reason: $reason) { number status } }`;
const terms = (number: string, change: Record<string, unknown> = {}) => ({
  number,
  agency: { name: 'QUEENS COUNTY DISTRICT ATTORNEY', ori: 'NY040015A', kind: 'PROSECUTOR', immigrationEnforcement: false },
  signatories: [{ name: 'ESQ. MIRIAM STONE', title: 'AGENCY PRIVACY OFFICER', signsFor: 'DEPARTMENT' }, { name: 'QUEENS DA', title: 'DISTRICT ATTORNEY', signsFor: 'PARTNER' }],
  documentSha256: 'b'.repeat(64),
  effectiveFrom: new Date(Date.now() - 86_400_000).toISOString(),
  expiresAt: new Date(Date.now() + 200 * 86_400_000).toISOString(),
  systems: ['complaints-arrests'], categories: ['RECORD'], purposes: ['PROSECUTION'], dailyRequestCap: 100,
  clientId: 'partner-qda', certificateSha256: null, partnerUsers: [],
  conditions: { confidentiality: true, noRedisclosureWithoutApproval: true, legalProcessNotice: true },
  ...change,
});

describe.each(backends())('partner agencies under written agreements [P14] (%s)', (backend) => {
  let stack: TestStack;
  let da: Record<string, string>;
  let neighbour: Record<string, string>;
  const agreementEvents = () =>
    stack.governanceDb.query<{ user_id: string; event: Record<string, any> }>("SELECT user_id, event FROM audit_event WHERE kind = 'AGREEMENT_CHANGE' ORDER BY seq");

  beforeAll(async () => {
    stack = await startTestStack(backend);
    da = await publish(stack, { agreement: DA }, exampleOperations(DA));
    neighbour = await publish(stack, { agreement: NEIGHBOUR }, exampleOperations(NEIGHBOUR));
  }, 180_000);
  afterAll(() => stack?.close());

  it('the DA runs an approved operation by its id with a client-credentials token, and the audit event names the agreement', async () => {
    const result = await send(stack, 'partner-da', PROSECUTION, byHash(da.RecentArrests!, { first: 3 }));
    expect(result.errors).toBeUndefined();
    expect(result.data.arrests.edges.length).toBeGreaterThan(0);
    const [event] = await stack.governanceDb.query<{ event: Record<string, any> }>(
      "SELECT event FROM audit_event WHERE kind = 'OPERATION' AND user_id = 'partner-da' ORDER BY seq DESC LIMIT 1",
    );
    expect(event!.event).toMatchObject({ agreement: DA, outcome: 'ALLOWED', trustedDocument: { name: 'RecentArrests', version: 1, sha256: da.RecentArrests } });
    expect(event!.event.authentication).toMatchObject({ clientId: 'partner-da' });
  });

  it('the same operation by documentId, and through a nested entity the agreement grants (arrest → person → warrants)', async () => {
    const recent = await send(stack, 'partner-da', PROSECUTION, byDocumentId(da.RecentArrests!, { first: 1 }));
    const number = recent.data.arrests.edges[0].node.number;
    const result = await send(stack, 'partner-da', PROSECUTION, byDocumentId(da.ArrestForProsecution!, { number }));
    expect(result.errors).toBeUndefined();
    expect(result.data.arrest).toMatchObject({ number });
  });

  it('a partner user the agreement names works too, with a remote multi-factor session', async () => {
    const result = await send(stack, 'partner-ada', PROSECUTION, byHash(da.RecentArrests!, { first: 1 }), { remote: true, mfa: true });
    expect(result.errors).toBeUndefined();
    expect(result.data.arrests.edges).toHaveLength(1);
  });

  it('the neighbouring department sees warrants, and never arrests', async () => {
    const warrants = await send(stack, 'partner-npd', INVESTIGATION, byHash(neighbour.ActiveWarrants!, { first: 3 }));
    expect(warrants.errors).toBeUndefined();
    expect(warrants.data.warrants.edges.length).toBeGreaterThan(0);
    // Publishing an arrests operation for it is refused, naming the field ...
    await expect(publish(stack, { agreement: NEIGHBOUR }, exampleOperations(DA).filter((f) => f.file === 'RecentArrests.graphql'))).rejects.toThrow(
      /Query\.arrests is outside agreement PD-NASSAU-2026-01/,
    );
    // ... and the DA's approved arrests operation is not approved for it.
    const arrests = await send(stack, 'partner-npd', INVESTIGATION, byHash(da.RecentArrests!, { first: 3 }));
    expect(codeOf(arrests)).toBe('OPERATION_NOT_APPROVED');
    expect(arrests.data ?? null).toBeNull();
  });

  it('[P15] an agreement for immigration enforcement cannot be created, and the attempt is recorded', async () => {
    for (const [input, reason] of [
      [terms('ICE-2026-01', { purposes: ['PROSECUTION', 'IMMIGRATION_ENFORCEMENT'] }), 'IMMIGRATION_PURPOSE'],
      [terms('ICE-2026-02', { agency: { name: 'U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT', ori: 'DCICE0000', kind: 'FEDERAL_AGENCY', immigrationEnforcement: false } }), 'IMMIGRATION_AGENCY'],
      [terms('ICE-2026-03', { categories: ['RECORD', 'IMMIGRATION_STATUS'] }), 'IMMIGRATION_CATEGORY'],
    ] as const) {
      const result = await stack.queryAs('privacy-officer', null, CREATE, { input, reason: 'requested by the agency' });
      expect(extensionsOf(result)).toMatchObject({ code: 'IMMIGRATION_ENFORCEMENT_BLOCKED', reason });
      const [stored] = await stack.governanceDb.query('SELECT number FROM agreement WHERE number = $1', [input.number]);
      expect(stored).toBeUndefined();
    }
    const refused = (await agreementEvents()).filter((e) => e.event.outcome === 'REFUSED' && e.event.change === 'createAgreement');
    expect(refused.map((e) => e.event.reason)).toEqual(['IMMIGRATION_PURPOSE', 'IMMIGRATION_AGENCY', 'IMMIGRATION_CATEGORY']);
    expect(refused.every((e) => e.user_id === 'privacy-officer' && e.event.errorCodes[0] === 'IMMIGRATION_ENFORCEMENT_BLOCKED')).toBe(true);
  });

  it('the lifecycle: Legal drafts, the Privacy Officer approves (never the drafter) and activates, a suspension refuses the partner at once', async () => {
    await stack.governanceDb.query(
      `INSERT INTO directory_user (id, kind, display_name, agency_name, agency_ori, remote_access_allowed) VALUES ('partner-qda', 'CLIENT', 'QUEENS DA', 'QUEENS COUNTY DISTRICT ATTORNEY', 'NY040015A', true)`,
    );
    await stack.governanceDb.query(`INSERT INTO user_role (user_id, role, granted_by) VALUES ('partner-qda', 'PARTNER', 'test')`);
    await stack.governanceDb.query(`INSERT INTO assignment (user_id, command, assignment, effective_from) VALUES ('partner-qda', 'QUEENS DA', 'PARTNER AGENCY', current_date - 1)`);
    await stack.governanceDb.query(`INSERT INTO training (user_id, course, completed_on) VALUES ('partner-qda', 'ERMS-INTERNAL-RECORDS', current_date - 1)`);
    const created = await stack.queryAs('legal', null, CREATE, { input: terms('DA-QUEENS-2026-01'), reason: 'signed 2026-01-02' });
    expect(created.data.createAgreement).toEqual({ number: 'DA-QUEENS-2026-01', status: 'DRAFT' });
    const selfApproval = await stack.queryAs('legal', null, STATUS, { number: 'DA-QUEENS-2026-01', status: 'APPROVED', reason: 'looks fine' });
    expect(extensionsOf(selfApproval)).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_APPROVAL' });
    const skipped = await stack.queryAs('privacy-officer', null, STATUS, { number: 'DA-QUEENS-2026-01', status: 'ACTIVE', reason: 'in a hurry' });
    expect(extensionsOf(skipped)).toMatchObject({ code: 'FORBIDDEN', reason: 'TRANSITION' });
    for (const status of ['APPROVED', 'ACTIVE']) {
      const step = await stack.queryAs('privacy-officer', null, STATUS, { number: 'DA-QUEENS-2026-01', status, reason: `reviewed: ${status}` });
      expect(step.data.changeAgreementStatus.status).toBe(status);
    }
    const ops = await publish(stack, { agreement: 'DA-QUEENS-2026-01' }, exampleOperations(DA).filter((f) => f.file === 'RecentArrests.graphql'));
    const before = await send(stack, 'partner-qda', PROSECUTION, byHash(ops.RecentArrests!, { first: 1 }));
    expect(before.errors).toBeUndefined();
    await stack.queryAs('privacy-officer', null, STATUS, { number: 'DA-QUEENS-2026-01', status: 'SUSPENDED', reason: 'breach of confidentiality under review' });
    const after = await send(stack, 'partner-qda', PROSECUTION, byHash(ops.RecentArrests!, { first: 1 }));
    expect(extensionsOf(after)).toMatchObject({ code: 'AGREEMENT_SCOPE', reason: 'AGREEMENT_SUSPENDED', agreement: 'DA-QUEENS-2026-01' });
    const changes = (await agreementEvents()).filter((e) => e.event.agreement === 'DA-QUEENS-2026-01' && e.event.outcome === 'ALLOWED');
    expect(changes.map((e) => [e.user_id, e.event.to, e.event.why])).toEqual([
      ['legal', 'DRAFT', 'signed 2026-01-02'],
      ['privacy-officer', 'APPROVED', 'reviewed: APPROVED'],
      ['privacy-officer', 'ACTIVE', 'reviewed: ACTIVE'],
      ['privacy-officer', 'SUSPENDED', 'breach of confidentiality under review'],
    ]);
  });

  it('a detective cannot touch agreements; a partner cannot change its own', async () => {
    const detective = await stack.queryAs('detective', INVESTIGATION, STATUS, { number: DA, status: 'TERMINATED', reason: 'x' });
    expect(detective.data?.changeAgreementStatus ?? null).toBeNull();
    expect(codeOf(detective)).toBe('FIELD_NOT_AUTHORIZED');
    const partner = await send(stack, 'partner-da', PROSECUTION, { query: STATUS, variables: { number: DA, status: 'ACTIVE', reason: 'x' } });
    expect(codeOf(partner)).toBe('OPERATION_NOT_APPROVED');
  });

  it('legal process: the DA reports a subpoena; the Privacy Officer sees it open and closes it with an outcome', async () => {
    const reported = await send(stack, 'partner-da', null, byHash(da.ReportSubpoena!, {
      input: { kind: 'SUBPOENA', documentSha256: 'c'.repeat(64), receivedOn: '2026-11-30', dueOn: '2026-12-14', description: 'Defense subpoena for arrest records' },
    }));
    expect(reported.errors).toBeUndefined();
    expect(reported.data.recordLegalProcessNotice).toMatchObject({ agreementNumber: DA, kind: 'SUBPOENA', dueOn: '2026-12-14' });
    const open = await stack.queryAs('privacy-officer', null, '{ openLegalProcessNotices { id agreementNumber dueOn } }');
    expect(open.data.openLegalProcessNotices).toEqual([{ id: reported.data.recordLegalProcessNotice.id, agreementNumber: DA, dueOn: '2026-12-14' }]);
    const closed = await stack.queryAs('privacy-officer', null, 'mutation X($id: ID!) { closeLegalProcessNotice(id: $id, outcome: "Motion to quash filed") { outcome closedBy } }', { id: reported.data.recordLegalProcessNotice.id });
    expect(closed.data.closeLegalProcessNotice).toEqual({ outcome: 'Motion to quash filed', closedBy: 'privacy-officer' });
  });

  it('oversight: per agreement and month, uses, records released and refusals by code; agreements expiring within 30 days', async () => {
    await send(stack, 'partner-da', PROSECUTION, { query: '{ arrests(first: 1) { edges { node { number } } } }' });
    const month = new Date().toISOString().slice(0, 7);
    const oversight = await stack.queryAs('privacy-officer', null, 'query O($n: String!, $m: String!) { agreementOversight(number: $n, fromMonth: $m, toMonth: $m) { month uses recordsReleased refusals { code count } } }', { n: DA, m: month });
    const [row] = oversight.data.agreementOversight;
    expect(row.month).toBe(month);
    expect(row.uses).toBeGreaterThanOrEqual(4);
    expect(row.recordsReleased).toBeGreaterThan(0);
    expect(row.refusals).toEqual(expect.arrayContaining([{ code: 'OPERATION_NOT_APPROVED', count: expect.any(Number) }]));
    const expiring = await stack.queryAs('privacy-officer', null, '{ expiringAgreements(days: 30) { number } }');
    expect(expiring.data.expiringAgreements.map((a: { number: string }) => a.number)).toEqual([NEIGHBOUR]);
  });
});
