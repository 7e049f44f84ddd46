import { purposeHeaders, startTestStack, type Purpose, type TestStack } from '../harness/startTestStack';

/**
 * [P18] Oversight reads the trail within its scope: IAB (and the Privacy Officer) everything,
 * an ICO or commanding officer their command, a supervisor their people. Reading the trail,
 * exporting it and acknowledging uses are recorded in it too.
 */
describe('oversight of the audit trail', () => {
  let stack: TestStack;
  const AUDIT: Purpose = { code: 'AUDIT', caseNumber: 'IAB-2026-0042', justification: 'Focused audit of record access, test case' };
  const INVESTIGATION: Purpose = { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2026-075-000901', justification: 'Burglary pattern, canvass of priors' };

  const EVENTS = `query Events($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { seq kind requestId userId command purpose caseNumber justification outcome guards records { type id } resultCount acknowledgement { by comment } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  const users = async (reader: string, filter: Record<string, unknown> = {}) => {
    const result = await stack.queryAs(reader, AUDIT, EVENTS, { filter, first: 100 });
    expect(result.errors).toBeUndefined();
    return new Set<string>(result.data.auditEvents.edges.map((e: { node: { userId: string | null } }) => e.node.userId));
  };

  beforeAll(async () => {
    stack = await startTestStack('pglite', undefined, { reviewOverdueHours: 1 });
    // Uses by people in three places: the 075 precinct (officer, trainee), the 075 detective squad, and the Intelligence Division.
    await stack.queryAs('officer', INVESTIGATION, '{ person(id: "P00000002") { fullName } }');
    await stack.queryAs('trainee', INVESTIGATION, '{ person(id: "P00000003") { fullName } }');
    await stack.queryAs('detective', INVESTIGATION, '{ person(id: "P00000002") { fullName arrests { number } } }');
    await stack.queryAs('intel', INVESTIGATION, '{ person(id: "P00000004") { fullName } }');
    await stack.queryAs('officer', { ...INVESTIGATION, justification: 'Serve the ICE detainer on him' }, '{ me { id } }');
  }, 120_000);
  afterAll(() => stack?.close());

  it('IAB sees every user\'s events', async () => {
    const seen = await users('iab');
    for (const user of ['officer', 'trainee', 'detective', 'intel']) expect(seen).toContain(user);
  });

  it('an ICO sees their command only', async () => {
    const seen = await users('ico');
    expect(seen).toContain('officer');
    expect(seen).toContain('trainee');
    expect(seen).not.toContain('detective'); // 075 DET SQUAD
    expect(seen).not.toContain('intel');
  });

  it('a commanding officer sees their command only', async () => {
    const seen = await users('co');
    expect(seen).toContain('officer');
    expect(seen).not.toContain('detective');
    expect(seen).not.toContain('intel');
  });

  it('a supervisor sees the people they supervise only', async () => {
    const seen = await users('supervisor');
    for (const user of ['officer', 'trainee', 'detective']) expect(seen).toContain(user);
    expect(seen).not.toContain('intel');
    expect(seen).not.toContain('iab');
  });

  it('a filter never widens the scope: an ICO asking for a detective gets nothing', async () => {
    expect(await users('ico', { userId: 'detective' })).toEqual(new Set());
  });

  it.each([
    // [P5] AUDIT is not a purpose patrol or a detective may declare: refused at the purpose stage.
    ['an officer', 'officer', AUDIT, 'FORBIDDEN'],
    ['a detective', 'detective', AUDIT, 'FORBIDDEN'],
    ['an administrator', 'admin', AUDIT, 'FIELD_NOT_AUTHORIZED'],
    ['a supervisor without the AUDIT purpose', 'supervisor', INVESTIGATION, 'FIELD_NOT_AUTHORIZED'],
  ])('%s cannot read the trail', async (_who, user, purpose, code) => {
    const result = await stack.queryAs(user, purpose, EVENTS, { first: 5 });
    expect(result.data?.auditEvents ?? null).toBeNull();
    expect(result.errors![0]!.extensions!.code).toBe(code);
  });

  /** A use through the gateway, as its user sees it: the `x-request-id` of the answer. */
  const requestIdOfUse = async (userId: string, query: string): Promise<string> => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(userId)}`, ...purposeHeaders(INVESTIGATION) },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(200);
    await response.text();
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toEqual(expect.any(String));
    return requestId!;
  };
  const eventsOfRequest = async (reader: string, requestId: string) => {
    const result = await stack.queryAs(reader, AUDIT, EVENTS, { filter: { requestId }, first: 100 });
    expect(result.errors).toBeUndefined();
    return result.data.auditEvents.edges.map((e: { node: { seq: string; requestId: string; userId: string; kind: string } }) => e.node);
  };

  it('finds the events of one answer by the x-request-id its user quotes, and only those', async () => {
    const requestId = await requestIdOfUse('detective', '{ person(id: "P00000003") { fullName } }');
    const stored = await stack.governanceDb.query<{ seq: string }>('SELECT seq FROM audit_event WHERE request_id = $1 ORDER BY seq DESC', [requestId]);
    expect(stored.length).toBeGreaterThan(0);
    const found = await eventsOfRequest('iab', requestId);
    expect(found.map((n: { seq: string }) => n.seq)).toEqual(stored.map((row) => String(row.seq)));
    expect(found).toContainEqual(expect.objectContaining({ kind: 'OPERATION', userId: 'detective', requestId }));
    for (const node of found) expect(node.requestId).toBe(requestId);
    // The detective's supervisor finds it too: it is within their scope.
    expect((await eventsOfRequest('supervisor', requestId)).map((n: { seq: string }) => n.seq)).toEqual(stored.map((row) => String(row.seq)));
  });

  it('a request id never widens the scope: a supervisor gets nothing for a use by someone they do not supervise', async () => {
    const requestId = await requestIdOfUse('intel', '{ person(id: "P00000004") { fullName } }');
    expect(await eventsOfRequest('iab', requestId)).toContainEqual(expect.objectContaining({ userId: 'intel', requestId }));
    expect(await eventsOfRequest('supervisor', requestId)).toEqual([]);
    expect(await eventsOfRequest('ico', requestId)).toEqual([]);
  });

  it('filters by record, guard, purpose, outcome and user, and pages without overlap', async () => {
    const byRecord = await stack.queryAs('iab', AUDIT, EVENTS, { filter: { record: { type: 'Person', id: 'P00000002' }, kind: 'OPERATION' } });
    expect(byRecord.data.auditEvents.edges.map((e: any) => e.node.userId).sort()).toEqual(['detective', 'officer']);
    expect(byRecord.data.auditEvents.totalCount).toBe(2);
    const byGuard = await stack.queryAs('iab', AUDIT, EVENTS, { filter: { guard: 'IMMIGRATION_ENFORCEMENT_BLOCKED' } });
    expect(byGuard.data.auditEvents.edges.map((e: any) => [e.node.userId, e.node.outcome])).toEqual([['officer', 'REFUSED']]);
    // The immigration refusal, and the officer's attempt to declare AUDIT above.
    const byOutcome = await stack.queryAs('iab', AUDIT, EVENTS, { filter: { outcome: 'REFUSED', userId: 'officer' } });
    expect(byOutcome.data.auditEvents.totalCount).toBe(2);
    const byPurpose = await stack.queryAs('iab', AUDIT, EVENTS, { filter: { purpose: 'CRIMINAL_INVESTIGATION', userId: 'detective', kind: 'OPERATION' } });
    expect(byPurpose.data.auditEvents.edges[0].node).toMatchObject({ caseNumber: '2026-075-000901', justification: 'Burglary pattern, canvass of priors' });

    const first = await stack.queryAs('iab', AUDIT, EVENTS, { first: 3 });
    const second = await stack.queryAs('iab', AUDIT, EVENTS, { first: 3, after: first.data.auditEvents.pageInfo.endCursor });
    const seqs = [...first.data.auditEvents.edges, ...second.data.auditEvents.edges].map((e: any) => Number(e.node.seq));
    expect(first.data.auditEvents.pageInfo.hasNextPage).toBe(true);
    expect(new Set(seqs).size).toBe(6);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a)); // newest first
  });

  it('records every read of the trail, with what was read', async () => {
    const result = await stack.queryAs('ico', AUDIT, EVENTS, { filter: { userId: 'officer' }, first: 2 });
    const returned = result.data.auditEvents.edges.map((e: any) => Number(e.node.seq));
    const [read] = await stack.governanceDb.query<{ event: any; request_id: string }>("SELECT event, request_id FROM audit_event WHERE kind = 'AUDIT_READ' AND user_id = 'ico' ORDER BY seq DESC LIMIT 1");
    expect(read!.event).toMatchObject({ read: 'auditEvents', filter: { userId: 'officer' }, returned, scope: { all: false, commands: ['075 PCT'] } });
    // The same request as the gateway's own event for it.
    const [operation] = await stack.governanceDb.query<{ request_id: string }>("SELECT request_id FROM audit_event WHERE kind = 'OPERATION' AND user_id = 'ico' ORDER BY seq DESC LIMIT 1");
    expect(read!.request_id).toBe(operation!.request_id);
  });

  it('runs a focused audit to completion and exports it as CSV and JSON, recording each export', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const requested = await stack.queryAs('iab', AUDIT, `mutation($input: FocusedAuditInput!) { requestFocusedAudit(input: $input) { id status } }`, {
      input: { record: { type: 'Person', id: 'P00000002' }, from, to, reason: 'Complaint of misuse of a record (test)' },
    });
    const id = requested.data.requestFocusedAudit.id;
    expect(['REQUESTED', 'RUNNING', 'COMPLETED']).toContain(requested.data.requestFocusedAudit.status);
    let audit;
    for (let i = 0; i < 50; i++) {
      audit = (await stack.queryAs('iab', AUDIT, `{ focusedAudit(id: "${id}") { status eventsScanned eventCount completedAt } }`)).data.focusedAudit;
      if (audit.status === 'COMPLETED') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(audit).toMatchObject({ status: 'COMPLETED', eventCount: 2, completedAt: expect.any(String) });
    expect(audit.eventsScanned).toBeGreaterThan(0);

    const csv = await stack.queryAs('iab', AUDIT, `mutation { exportFocusedAudit(id: "${id}", format: CSV) { filename contentType content sha256 eventCount } }`);
    const file = csv.data.exportFocusedAudit;
    expect(file).toMatchObject({ filename: `focused-audit-${id}.csv`, contentType: expect.stringContaining('text/csv'), eventCount: 2 });
    const lines = file.content.trim().split('\r\n');
    expect(lines[0]).toMatch(/^"seq","occurredAt","kind","user",/);
    expect(lines).toHaveLength(3);
    expect(file.content).toContain('"Person:P00000002"');

    const json = await stack.queryAs('iab', AUDIT, `mutation { exportFocusedAudit(id: "${id}", format: JSON) { content eventCount } }`);
    const parsed = JSON.parse(json.data.exportFocusedAudit.content);
    expect(parsed.events.map((e: any) => e.userId).sort()).toEqual(['detective', 'officer']);
    expect(parsed.events[0].hash).toMatch(/^[0-9a-f]{64}$/);

    const exports = await stack.governanceDb.query<{ event: any }>("SELECT event FROM audit_event WHERE kind = 'EXPORT' ORDER BY seq");
    expect(exports.map((e) => [e.event.focusedAudit, e.event.format, e.event.sha256 === file.sha256 || e.event.format === 'JSON'])).toEqual([
      [id, 'CSV', true],
      [id, 'JSON', true],
    ]);
    // Someone else's audit is not theirs to read or export.
    const other = await stack.queryAs('ico', AUDIT, `mutation { exportFocusedAudit(id: "${id}", format: CSV) { content } }`);
    expect(other.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('limits an ICO\'s focused audit to their command', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const requested = await stack.queryAs('ico', AUDIT, `mutation($input: FocusedAuditInput!) { requestFocusedAudit(input: $input) { id } }`, {
      input: { record: { type: 'Person', id: 'P00000002' }, from, to, reason: 'Audit of access to one record (test)' },
    });
    const id = requested.data.requestFocusedAudit.id;
    const exported = await stack.queryAs('ico', AUDIT, `mutation { exportFocusedAudit(id: "${id}", format: JSON) { content } }`);
    expect(JSON.parse(exported.data.exportFocusedAudit.content).events.map((e: any) => e.userId)).toEqual(['officer']);
  });

  it('[P18] refuses a focused audit of a user outside the requester\'s scope, rather than completing it with no events', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const request = (user: string, target: string) =>
      stack.queryAs(user, AUDIT, `mutation($input: FocusedAuditInput!) { requestFocusedAudit(input: $input) { id } }`, {
        input: { userId: target, from, to, reason: 'Audit of one member\'s use (test)' },
      });
    // The ICO of the 75 precinct: the Intelligence Division's detective is not theirs to audit.
    const outside = await request('ico', 'intel');
    expect(outside.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(outside.errors?.[0]?.message).toMatch(/outside your audit scope/);
    // A supervisor audits only the people they supervise, not a colleague of the same command.
    expect((await request('supervisor', 'ico')).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // Inside the scope it runs: the ICO's own command, the supervisor's own people, anyone for IAB.
    for (const [user, target] of [['ico', 'officer'], ['supervisor', 'detective'], ['iab', 'intel']]) {
      const inside = await request(user!, target!);
      expect(inside.errors).toBeUndefined();
      expect(inside.data.requestFocusedAudit.id).toEqual(expect.any(String));
    }
  });

  it('lets a supervisor acknowledge their people\'s uses with a comment, once, and lists the ones still waiting', async () => {
    const review = `{ usesToReview(first: 50) { edges { node { seq userId justification acknowledgement { by } } } } }`;
    const waiting = (await stack.queryAs('supervisor', AUDIT, review)).data.usesToReview.edges.map((e: any) => e.node);
    expect(waiting.map((n: any) => n.userId)).toEqual(expect.arrayContaining(['officer', 'trainee', 'detective']));
    expect(waiting.some((n: any) => n.userId === 'intel')).toBe(false);
    const use = waiting.find((n: any) => n.userId === 'detective' && n.justification === INVESTIGATION.justification);
    expect(use).toBeDefined();

    const ack = await stack.queryAs('supervisor', AUDIT, `mutation { acknowledgeUse(seq: "${use.seq}", comment: "Discussed at turnout; case 901 is open") { seq acknowledgement { by comment } } }`);
    expect(ack.data.acknowledgeUse.acknowledgement).toEqual({ by: 'supervisor', comment: 'Discussed at turnout; case 901 is open' });
    const again = await stack.queryAs('supervisor', AUDIT, `mutation { acknowledgeUse(seq: "${use.seq}", comment: "twice") { seq } }`);
    expect(again.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const after = (await stack.queryAs('supervisor', AUDIT, review)).data.usesToReview.edges.map((e: any) => e.node.seq);
    expect(after).not.toContain(use.seq);
    const [recorded] = await stack.governanceDb.query<{ event: any }>("SELECT event FROM audit_event WHERE kind = 'REVIEW' ORDER BY seq DESC LIMIT 1");
    expect(recorded!.event).toMatchObject({ acknowledged: Number(use.seq), of: 'detective' });

    // Not one of theirs: an ICO cannot acknowledge, and a supervisor cannot acknowledge intel's use.
    const [intelUse] = await stack.governanceDb.query<{ seq: string }>("SELECT seq FROM audit_event WHERE kind = 'OPERATION' AND user_id = 'intel' LIMIT 1");
    const notTheirs = await stack.queryAs('supervisor', AUDIT, `mutation { acknowledgeUse(seq: "${intelUse!.seq}", comment: "not mine") { seq } }`);
    expect(notTheirs.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('lists uses unacknowledged past the configured age as overdue', async () => {
    const overdue = `{ overdueReviews(first: 50) { edges { node { seq userId } } } }`;
    // Nothing is an hour old yet in this run.
    expect((await stack.queryAs('supervisor', AUDIT, overdue)).data.overdueReviews.edges).toEqual([]);
    // An event from two hours ago, written as the gateway would (the chain stays whole).
    await stack.audit.append({ kind: 'OPERATION', occurredAt: new Date(Date.now() - 2 * 3_600_000), requestId: 'old', userId: 'trainee', event: { user: 'trainee', command: '075 PCT', outcome: 'ALLOWED' } });
    const listed = (await stack.queryAs('supervisor', AUDIT, overdue)).data.overdueReviews.edges.map((e: any) => e.node.userId);
    expect(listed).toEqual(['trainee']);
  });
});
