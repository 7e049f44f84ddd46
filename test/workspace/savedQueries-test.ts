import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { buildSchema, printSchema } from 'graphql';
import { backends } from '../harness/testDatabase';
import { startTestStack, type TestStack } from '../harness/startTestStack';
import { SavedQueryStore } from '../../subgraphs/governance/workspace/SavedQueryStore';
import { SavedQuerySchedules } from '../../subgraphs/governance/workspace/SavedQuerySchedules';
import { revalidateSavedQueries } from '../../gateway/stages/savedQueries/revalidateSavedQueries';
import { EXAMPLE_LIBRARY } from '../../subgraphs/governance/workspace/exampleLibrary';
import { seedExampleLibrary } from '../../subgraphs/governance/workspace/seedExampleLibrary';
import { ARRESTS_IN_BOROUGH, INVESTIGATION, REVISE, SHARE, savedQueryClient } from './savedQueryClient';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Issue 25, end to end over HTTP: save → version → run with parameters → history → export CSV
 * and JSON; a detective's shared query gives an officer the officer's view; a query broken by a
 * schema change is marked and refuses to run; a schedule whose owner's assignment changed is
 * refused and suspended. Runs and exports are in the audit trail and the oversight API [P18].
 */
describe.each(backends())('saved queries over HTTP (%s)', (backend) => {
  let stack: TestStack;
  let client: ReturnType<typeof savedQueryClient>;
  let id: string;
  beforeAll(async () => {
    stack = await startTestStack(backend, undefined, { scheduleEveryMs: 200 });
    client = savedQueryClient(stack);
  }, 180_000);
  afterAll(() => stack?.close());

  const auditEvent = (seq: string) => stack.governanceDb.query<{ kind: string; user_id: string; request_id: string; event: any }>('SELECT * FROM audit_event WHERE seq = $1', [seq]);

  it('saves a query as version 1, with its parameters read from the operation', async () => {
    const saved = await client.save('detective');
    id = saved.id;
    expect(saved.currentVersion).toBe(1);
    expect(saved.parameters).toEqual([
      { name: 'borough', type: 'Borough!', required: true, defaultValue: null, description: 'The borough, e.g. BROOKLYN' },
      { name: 'first', type: 'Int', required: false, defaultValue: '50', description: '' },
      { name: 'after', type: 'String', required: false, defaultValue: null, description: '' },
    ]);
  });

  it.each([
    ['a mutation', { document: 'mutation { recordTraining(userId: "x", course: "y", completedOn: "2025-01-01") { id } }', columns: { rows: 'recordTraining', columns: [{ name: 'id', path: 'id' }] } }, /only reads/],
    ['a field the schema does not have', { document: '{ arrests(first: 5) { edges { node { number shoeSize } } } }', columns: { rows: 'arrests.edges', columns: [{ name: 'n', path: 'node.number' }] } }, /shoeSize/],
    ['a column the operation does not select', { document: '{ arrests(first: 5) { edges { node { number } } } }', columns: { rows: 'arrests.edges', columns: [{ name: 'd', path: 'node.disposition' }] } }, /not selected/],
    ['two operations', { document: 'query A { me { id } } query B { me { id } }', columns: { rows: 'me', columns: [{ name: 'id', path: 'id' }] } }, /exactly one operation/],
  ])('refuses to save %s (SAVED_QUERY_INVALID)', async (_what, input, reason) => {
    const answer = await stack.queryAs('detective', null, 'mutation($input: SavedQueryInput!) { saveQuery(input: $input) { id } }', { input: { name: 'bad', ...input } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SAVED_QUERY_INVALID' });
    expect(answer.errors?.[0]?.message).toMatch(reason);
  });

  it('revises into a new immutable version; the old one still runs by number and the store refuses to change it', async () => {
    const revised = await stack.queryAs('detective', null, REVISE, {
      id, base: 1, input: { ...ARRESTS_IN_BOROUGH, document: ARRESTS_IN_BOROUGH.document.replace('$first: Int = 50', '$first: Int = 25'), changeNote: 'smaller pages' },
    });
    expect(revised.errors).toBeUndefined();
    expect(revised.data.reviseSavedQuery.currentVersion).toBe(2);
    expect(revised.data.reviseSavedQuery.versions.map((v: any) => [v.version, v.changeNote, v.authorId])).toEqual([[2, 'smaller pages', 'detective'], [1, 'first version', 'detective']]);
    // A second editor revising from version 1 does not overwrite version 2.
    const stale = await stack.queryAs('detective', null, REVISE, { id, base: 1, input: { ...ARRESTS_IN_BOROUGH, changeNote: 'late' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', currentVersion: 2 });
    await expect(stack.governanceDb.query(`UPDATE saved_query_version SET document = '{ me { id } }' WHERE saved_query_id = $1`, [id])).rejects.toThrow(/immutable/);
    const old = await client.run('detective', INVESTIGATION, { id, version: 1 }, { borough: 'BROOKLYN', first: 3 });
    expect(old.errors).toBeUndefined();
    expect(old.data.arrests.edges).toHaveLength(3);
  });

  it('runs with parameters and records the run: who, version, variables hash, rows, outcome, and its audit event', async () => {
    const answer = await client.run('detective', INVESTIGATION, { id }, { borough: 'BROOKLYN', first: 5 });
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.arrests.edges).toHaveLength(5);
    const [run] = await client.runs('detective', id);
    expect(run).toMatchObject({
      savedQueryId: id, version: 2, runnerId: 'detective', requestId: answer.requestId, purpose: 'CRIMINAL_INVESTIGATION', caseNumber: INVESTIGATION.caseNumber,
      rowCount: 5, outcome: 'ALLOWED', errorCodes: [], trigger: 'MANUAL', variablesHash: sha256(JSON.stringify({ borough: 'BROOKLYN', first: 5 })),
    });
    const [event] = await auditEvent(run.auditSeq);
    expect(event).toMatchObject({ kind: 'OPERATION', user_id: 'detective', request_id: answer.requestId });
    expect(event!.event).toMatchObject({ savedQuery: { id, version: 2, trigger: 'MANUAL' }, operationName: 'ArrestsInBorough', outcome: 'ALLOWED' });
    // [P18] the variables' values are not kept in the run either.
    expect(JSON.stringify(run)).not.toContain('BROOKLYN');
  });

  it('[P5] takes the purpose from the runner, never from the saved query: without one the run is refused and recorded', async () => {
    const answer = await client.run('detective', null, { id }, { borough: 'BROOKLYN', first: 2 });
    expect(answer.data?.arrests ?? null).toBeNull();
    expect(answer.errors?.map((e) => e.extensions?.code)).toContain('PURPOSE_REQUIRED');
    const [run] = await client.runs('detective', id);
    expect(run).toMatchObject({ requestId: answer.requestId, outcome: 'REFUSED', purpose: null, rowCount: 0 });
  });

  it("gives an officer running a detective's shared query the officer's view, not the detective's", async () => {
    const privateRun = await client.run('officer', INVESTIGATION, { id }, { borough: 'BROOKLYN', first: 40 });
    expect(privateRun.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SAVED_QUERY_NOT_FOUND' });
    const shared = await stack.queryAs('detective', null, SHARE, { id, shares: [{ kind: 'COMMAND', target: '075 PCT' }] });
    expect(shared.data.shareSavedQuery.shares).toEqual([{ kind: 'COMMAND', target: '075 PCT' }]);

    const detective = await client.run('detective', INVESTIGATION, { id }, { borough: 'BROOKLYN', first: 40 });
    const officer = await client.run('officer', INVESTIGATION, { id }, { borough: 'BROOKLYN', first: 40 });
    expect(detective.errors).toBeUndefined();
    // Warrants need training the officer lacks [P8]: null, with the reason, and never fetched.
    expect(officer.errors?.length).toBeGreaterThan(0);
    expect(officer.errors!.every((e) => e.extensions?.code === 'FIELD_NOT_AUTHORIZED')).toBe(true);
    expect(officer.errors!.some((e) => e.extensions?.field === 'Person.warrants')).toBe(true);
    const officerNodes = officer.data.arrests.edges.map((e: any) => e.node);
    expect(officerNodes.every((n: any) => n.person === null || n.person.warrants === null)).toBe(true);
    const detectiveNodes = detective.data.arrests.edges.map((e: any) => e.node);
    expect(detectiveNodes.some((n: any) => Array.isArray(n.person?.warrants))).toBe(true);
    // Juvenile records only for the roles whose work needs them: none in the officer's view.
    expect(officerNodes.some((n: any) => n.juvenile)).toBe(false);
    expect(detectiveNodes.length).toBeGreaterThanOrEqual(officerNodes.length);
    const [run] = await client.runs('officer', id);
    expect(run).toMatchObject({ runnerId: 'officer', outcome: 'PARTIAL', errorCodes: ['FIELD_NOT_AUTHORIZED'] });
    // The owner sees who ran their query; the officer sees only their own runs.
    expect(new Set((await client.runs('detective', id)).map((r) => r.runnerId))).toEqual(new Set(['detective', 'officer']));
    expect(new Set((await client.runs('officer', id)).map((r) => r.runnerId))).toEqual(new Set(['officer']));
  });

  it.each(['CSV', 'JSON'] as const)('exports every page as %s, streamed to a file, with its SHA-256 in the EXPORT event; downloads are audited', async (format) => {
    const created = await client.exportOf('detective', INVESTIGATION, { savedQueryId: id, format, variables: { borough: 'BROOKLYN', first: 7 } });
    expect(created.status).toBe(201);
    const { body } = created;
    expect(body).toMatchObject({ status: 'READY', format, savedQueryId: id, version: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(body.rowCount).toBeGreaterThan(7); // more than one page
    const file = await client.download('detective', body.url);
    expect(file.status).toBe(200);
    expect(sha256(file.bytes)).toBe(body.sha256);
    expect(file.headers.get('x-content-sha256')).toBe(body.sha256);
    const text = file.bytes.toString('utf8');
    if (format === 'CSV') {
      const lines = text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('"arrest","arrestedAt","lawCode","person","warrants"');
      expect(lines).toHaveLength(body.rowCount + 1);
    } else {
      const parsed = JSON.parse(text);
      expect(parsed.columns).toEqual(['arrest', 'arrestedAt', 'lawCode', 'person', 'warrants']);
      expect(parsed.rows).toHaveLength(body.rowCount);
      expect(new Set(parsed.rows.map((r: any) => r.arrest)).size).toBe(body.rowCount); // pages neither repeat nor skip
    }
    // The same rows as one run of the whole borough.
    const all = await client.run('detective', INVESTIGATION, { id }, { borough: 'BROOKLYN', first: 100 });
    expect(body.rowCount).toBe(all.data.arrests.edges.length);
    const events = await stack.governanceDb.query<{ seq: string; event: any }>(`SELECT seq, event FROM audit_event WHERE kind = 'EXPORT' AND event ->> 'exportId' = $1 ORDER BY seq`, [body.id]);
    expect(events.map((e) => [e.event.action, e.event.sha256])).toEqual([['CREATE', body.sha256], ['DOWNLOAD', body.sha256]]);
    expect(events[0]!.event).toMatchObject({ user: 'detective', rowCount: body.rowCount, savedQuery: { id, version: 2 }, purpose: { code: 'CRIMINAL_INVESTIGATION' } });
    // The export is one run in the history, whose audit event is the EXPORT event.
    const run = (await client.runs('detective', id)).find((r) => r.trigger === 'EXPORT' && r.auditSeq === String(events[0]!.seq));
    expect(run).toMatchObject({ runnerId: 'detective', version: 2, rowCount: body.rowCount, outcome: 'ALLOWED', purpose: 'CRIMINAL_INVESTIGATION' });
    // [P18] visible to oversight: IAB reads the export event through the oversight API.
    const oversight = await stack.queryAs('iab', { code: 'AUDIT', caseNumber: 'IAB-2025-0009' }, 'query($id: ID) { auditEvents(filter: { savedQueryId: $id }, first: 200) { edges { node { seq kind userId savedQueryId savedQueryVersion outcome } } } }', { id });
    const seen = oversight.data.auditEvents.edges.map((e: any) => e.node);
    expect(seen.map((n: any) => n.seq)).toEqual(expect.arrayContaining(events.map((e) => String(e.seq))));
    // The runs too: each page of the export and each run by hand names the saved query and version.
    expect(seen.filter((n: any) => n.kind === 'OPERATION' && n.userId === 'detective' && n.savedQueryVersion === 2).length).toBeGreaterThan(2);
    expect(seen.every((n: any) => n.savedQueryId === id)).toBe(true);
  });

  it('removes an export once it expires; downloading it then is refused and audited', async () => {
    const created = await client.exportOf('detective', INVESTIGATION, { savedQueryId: id, format: 'CSV', variables: { borough: 'BROOKLYN', first: 100 } });
    expect(created.status).toBe(201);
    const file = path.join(stack.exportsDir, `${created.body.id}.csv`);
    expect(existsSync(file)).toBe(true);
    expect(Date.parse(created.body.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000); // 30 days by default
    await stack.governanceDb.query(`UPDATE saved_query_export SET expires_at = now() - interval '1 minute' WHERE id = $1`, [created.body.id]);
    const gone = await client.download('detective', created.body.url);
    expect(gone.status).toBe(410);
    expect(existsSync(file)).toBe(false);
  });

  it('marks a saved query broken when the supergraph no longer validates it, refuses to run it, and clears it when it validates again', async () => {
    const api = Supergraph.build(stack.gateway.supergraphSdl).apiSchema().toGraphQLJSSchema();
    const printed = printSchema(api);
    const withoutJuvenile = printed.replace(/(type Arrest [^{]*\{[\s\S]*?)\n\s+juvenile: Boolean!/, '$1');
    expect(withoutJuvenile).not.toBe(printed);
    const store = new SavedQueryStore(stack.governanceDb);
    const changed = await revalidateSavedQueries(store, buildSchema(withoutJuvenile));
    expect(changed.changed).toContainEqual({ id, version: 2, brokenReason: expect.stringMatching(/juvenile/) });
    const saved = await stack.queryAs('detective', null, 'query($id: ID!) { savedQuery(id: $id) { broken brokenReason } }', { id });
    expect(saved.data.savedQuery).toEqual({ broken: true, brokenReason: expect.stringMatching(/juvenile/) });
    const refused = await client.run('detective', INVESTIGATION, { id }, { borough: 'BROOKLYN', first: 2 });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SAVED_QUERY_BROKEN' });
    expect(refused.data ?? null).toBeNull();
    // Refused before the operation was parsed, and audited as a refusal naming the saved query.
    const [event] = await stack.governanceDb.query<{ event: any }>(`SELECT event FROM audit_event WHERE request_id = $1 AND kind = 'OPERATION'`, [refused.requestId]);
    expect(event!.event).toMatchObject({ outcome: 'REFUSED', errorCodes: ['BAD_USER_INPUT'], savedQuery: { id } });
    expect(event!.event.document).toBeUndefined();
    await revalidateSavedQueries(store, api);
    expect((await client.run('detective', INVESTIGATION, { id }, { borough: 'BROOKLYN', first: 2 })).errors).toBeUndefined();
  });

  it('seeds the example library once, and every example runs for a detective with its example variables, shared', async () => {
    const api = Supergraph.build(stack.gateway.supergraphSdl).apiSchema().toGraphQLJSSchema();
    expect(await seedExampleLibrary(stack.governanceDb, api)).toBe(12);
    expect(await seedExampleLibrary(stack.governanceDb, api)).toBe(0);
    const listed = await stack.queryAs('officer', null, '{ savedQueries(tag: "premise") { id name ownerId } }');
    expect(listed.data.savedQueries.map((q: any) => q.id).sort()).toEqual(['SQ-LIB-02', 'SQ-LIB-03', 'SQ-LIB-04']);
    for (const example of EXAMPLE_LIBRARY) {
      const answer = await client.run('detective', INVESTIGATION, { id: example.id }, example.example);
      expect([example.id, answer.status, answer.errors]).toEqual([example.id, 200, undefined]);
    }
  });

  it('[P8] runs a schedule as its owner with the stored purpose, counts new rows, and suspends it when the owner is reassigned', async () => {
    const mine = await client.save('analyst', { ...ARRESTS_IN_BOROUGH, document: ARRESTS_IN_BOROUGH.document.replace(' person { id fullName warrants { number } }', '') , columns: { ...ARRESTS_IN_BOROUGH.columns, columns: ARRESTS_IN_BOROUGH.columns.columns.slice(0, 3) } });
    const scheduled = await stack.queryAs('analyst', null, `mutation($input: SavedQueryScheduleInput!) { scheduleSavedQuery(input: $input) { id status purpose caseNumber expiresAt } }`, {
      input: { savedQueryId: mine.id, cadence: 'DAILY', variables: JSON.stringify({ borough: 'BROOKLYN', first: 10 }), purpose: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000999', justification: 'Daily robbery pattern review, Brooklyn' },
    });
    expect(scheduled.errors).toBeUndefined();
    const schedule = scheduled.data.scheduleSavedQuery;
    expect(schedule).toMatchObject({ status: 'ACTIVE', purpose: 'CRIMINAL_INVESTIGATION' });
    expect(Date.parse(schedule.expiresAt) - Date.now()).toBeLessThanOrEqual(90 * 86_400_000);
    const schedules = new SavedQuerySchedules(stack.governanceDb);
    const scheduledRuns = async () => (await client.runs('analyst', mine.id)).filter((r) => r.trigger === 'SCHEDULE');
    const waitForRuns = async (count: number) => {
      for (let i = 0; i < 100 && (await scheduledRuns()).length < count; i++) await new Promise((r) => setTimeout(r, 100));
      return scheduledRuns();
    };
    await schedules.makeDue(schedule.id);
    const [first] = await waitForRuns(1);
    expect(first).toMatchObject({ runnerId: 'analyst', outcome: 'ALLOWED', rowCount: 10, newRowCount: 10, purpose: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000999', scheduleId: schedule.id });
    expect((await auditEvent(first.auditSeq))[0]!.event).toMatchObject({ savedQuery: { trigger: 'SCHEDULE', scheduleId: schedule.id }, purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000999' } });
    await schedules.makeDue(schedule.id);
    const second = (await waitForRuns(2))[0];
    expect(second).toMatchObject({ outcome: 'ALLOWED', rowCount: 10, newRowCount: 0 });

    const today = new Date().toISOString().slice(0, 10);
    await stack.directory.assign('analyst', 'PATROL BOROUGH BROOKLYN NORTH', 'CRIME ANALYST', today, 'admin');
    try {
      await schedules.makeDue(schedule.id);
      const third = (await waitForRuns(3))[0];
      expect(third).toMatchObject({ outcome: 'REFUSED', errorCodes: ['FORBIDDEN'], rowCount: 0 });
      const [after] = await stack.governanceDb.query<{ status: string; status_reason: string }>('SELECT status, status_reason FROM saved_query_schedule WHERE id = $1', [schedule.id]);
      expect(after).toEqual({ status: 'SUSPENDED', status_reason: expect.stringMatching(/assignment changed/) });
      const [event] = await stack.governanceDb.query<{ event: any }>(`SELECT event FROM audit_event WHERE request_id = $1 AND kind = 'OPERATION'`, [third.requestId]);
      expect(event!.event).toMatchObject({ outcome: 'REFUSED', errorCodes: ['FORBIDDEN'], savedQuery: { scheduleId: schedule.id } });
      // Suspended: no further run, however due.
      await schedules.makeDue(schedule.id);
      await new Promise((r) => setTimeout(r, 600));
      expect(await scheduledRuns()).toHaveLength(3);
    } finally {
      await stack.directory.assign('analyst', 'CRIME ANALYSIS UNIT', 'CRIME ANALYST', today, 'admin');
    }
  });
});
