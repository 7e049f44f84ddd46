import { createHash } from 'node:crypto';
import { verifyAuditChain } from '../../subgraphs/governance/audit/verifyAuditChain';
import { createKeyPair } from '../../platform/identity/localKeys';
import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';
import { postGraphQL } from '../harness/startTestSubgraph';

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
    // A new session: its logon, then the operation.
    expect(added.map((e) => e.kind)).toEqual(['LOGON', 'OPERATION']);
    const { event } = added[1]!;
    expect(added[1]!.user_id).toBe('officer');
    expect(added[0]!.event).toMatchObject({ user: 'officer', outcome: 'ALLOWED', sourceAddress: '127.0.0.1', authentication: { method: 'BEARER_JWT', amr: ['pwd'] } });
    expect(event).toMatchObject({
      user: 'officer', roles: ['OFFICER'], command: '075 PCT', agencyOri: 'NY0303000', sourceAddress: '127.0.0.1', remote: false,
      authentication: { method: 'BEARER_JWT', issuer: expect.any(String), amr: ['pwd'], sessionId: added[0]!.event.authentication.sessionId },
      purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000777' },
      operationName: 'Who', outcome: 'PARTIAL', errorCodes: ['FIELD_NOT_AUTHORIZED'],
      subgraphs: ['complaints-arrests'],
      records: { Person: ['P00000001'] },
      resultCount: 1,
      guards: [],
    });
    expect(event.fieldsRemoved).toContainEqual({ field: 'Person.warrants', reason: 'MISSING_TRAINING' });
    expect(event.fieldsRequested).toEqual(expect.arrayContaining(['Query.person', 'Person.fullName', 'Person.warrants']));
    // The normalized document and its hash: the same operation, however formatted, hashes the same.
    expect(event.document).toBe('query Who($id:ID!){person(id:$id){fullName warrants{number}}}');
    expect(event.documentHash).toBe(createHash('sha256').update(event.document).digest('hex'));
    expect(event.variables.id).toMatch(/^sha256:[0-9a-f]{64}$/); // identifying inputs are hashed, not stored
    expect(JSON.stringify(event.variables)).not.toContain('P00000001');
  });

  it('[P18] keeps inline values as it keeps variables: hashed, never in clear, and the same shape hashes the same', async () => {
    const before = (await events()).length;
    await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, '{ searchPersons(name: "GONZALEZ", dateOfBirth: "1990-02-03") { totalCount } }');
    await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, '{ searchPersons(name: "SMITH", dateOfBirth: "1971-12-30") { totalCount } }');
    const [first, second] = (await events()).slice(before).filter((e) => e.kind === 'OPERATION');
    expect(first!.event.document).toBe('{searchPersons(name:$literal1 dateOfBirth:$literal2){totalCount}}');
    expect(JSON.stringify(first!.event)).not.toMatch(/GONZALEZ|1990-02-03/);
    expect(first!.event.literals).toEqual({
      literal1: `sha256:${createHash('sha256').update('GONZALEZ').digest('hex')}`,
      literal2: `sha256:${createHash('sha256').update('1990-02-03').digest('hex')}`,
    });
    expect(second!.event.documentHash).toBe(first!.event.documentHash);
  });

  it('[P18] stores a justification as the UTF-8 the client sent, not mangled', async () => {
    const justification = 'Robo en la avenida Pitkin, investigación del patrón';
    const before = (await events()).length;
    const answer = await postGraphQL(stack.gateway.url, '{ person(id: "P00000001") { fullName } }', {}, {
      authorization: `Bearer ${await stack.token('detective')}`,
      ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }),
      // fetch takes header bytes as Latin-1 strings: these are the UTF-8 bytes curl would send.
      'x-justification': Buffer.from(justification, 'utf8').toString('latin1'),
    });
    expect(answer.errors).toBeUndefined();
    const operation = (await events()).slice(before).find((e) => e.kind === 'OPERATION')!;
    expect(operation.event.purpose.justification).toBe(justification);
  });

  it('logs a session on once, however many requests it makes', async () => {
    const token = await stack.token('analyst');
    const headers = { authorization: `Bearer ${token}`, ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }) };
    const before = (await events()).length;
    for (let i = 0; i < 3; i++) await stack.query('{ me { id } }', {}, headers);
    expect((await events()).slice(before).map((e) => e.kind)).toEqual(['LOGON', 'OPERATION', 'OPERATION', 'OPERATION']);
  });

  it('names requests with time-ordered ids (UUIDv7): the audit\'s request index grows at its end, like the log', async () => {
    const token = await stack.token('analyst');
    const headers = { authorization: `Bearer ${token}`, ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }) };
    const before = (await events()).length;
    for (let i = 0; i < 5; i++) await stack.query('{ me { id } }', {}, headers);
    const ids = (await events()).slice(before).filter((e) => e.kind === 'OPERATION').map((e) => e.request_id);
    expect(ids).toHaveLength(5);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // In the order the requests were answered, also within one millisecond.
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(5);
  });

  it('names every record an answer released, per type, even when the client did not ask for identifiers', async () => {
    const query = `{ person(id: "P00000001") { fullName arrests { topCharge { description } location { precinct } } } }`;
    const before = (await events()).length;
    const result = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, query);
    const operation = (await events()).slice(before).find((e) => e.kind === 'OPERATION')!;
    const arrests = result.data.person.arrests;
    expect(arrests.length).toBeGreaterThan(0);
    // The answer is exactly what was asked: the audit's keys never reach the client.
    expect(JSON.stringify(result)).not.toContain('_erms_');
    expect(Object.keys(arrests[0])).toEqual(['topCharge', 'location']);
    const { records, resultCount } = operation.event;
    expect(records.Person).toEqual(['P00000001']);
    expect(records.Arrest).toHaveLength(arrests.length);
    expect(records.Location.length).toBeGreaterThan(0);
    expect(resultCount).toBe(Object.values(records as Record<string, string[]>).reduce((n, ids) => n + ids.length, 0));
    // The same identifiers the records have; when the client asks for them, the audit reads them there.
    const again = (await events()).length;
    const ids = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, '{ person(id: "P00000001") { id arrests { number } } }');
    expect(records.Arrest).toEqual(ids.data.person.arrests.map((a: { number: string }) => a.number).sort());
    expect(ids.data.person).toEqual({ id: 'P00000001', arrests: ids.data.person.arrests.map((a: { number: string }) => ({ number: a.number })) });
    const second = (await events()).slice(again).find((e) => e.kind === 'OPERATION')!;
    expect(second.event.records).toEqual({ Arrest: records.Arrest, Person: ['P00000001'] });
  });

  it('[P18] names the people behind search edges, whatever the client selected of them', async () => {
    const before = (await events()).length;
    const result = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, '{ searchPersons(name: "GONZALEZ", first: 5) { edges { matchedName score } } }');
    const edges = result.data.searchPersons.edges as Record<string, unknown>[];
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) expect(Object.keys(edge)).toEqual(['matchedName', 'score']);
    const operation = (await events()).slice(before).find((e) => e.kind === 'OPERATION')!;
    expect(operation.event.records.Person).toHaveLength(edges.length);
    expect(operation.event.resultCount).toBe(edges.length);
  });

  it('refuses a client that uses the audit\'s reserved aliases', async () => {
    const result = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, '{ person(id: "P00000001") { _erms_key: fullName } }');
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.data ?? null).toBeNull();
  });

  it('records directory changes in the chain, with who made them', async () => {
    const before = (await events()).length;
    const changed = await stack.queryAs('admin', null, 'mutation { recordTraining(userId: "trainee", course: "ERMS-INTERNAL-RECORDS", completedOn: "2026-11-01") { id } }');
    expect(changed.errors).toBeUndefined();
    const change = (await events()).slice(before).find((e) => e.kind === 'DIRECTORY_CHANGE');
    expect(change).toMatchObject({ user_id: 'admin', event: { change: 'recordTraining', of: 'trainee', course: 'ERMS-INTERNAL-RECORDS' } });
  });

  it('records refusals made before the operation is parsed, and attempts without identity', async () => {
    const before = (await events()).length;
    const refused = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION', justification: 'Serve the ICE detainer' }, '{ me { id } }');
    expect(refused.errors![0]!.extensions!.code).toBe('IMMIGRATION_ENFORCEMENT_BLOCKED');
    await stack.query('{ me { id } }', {}, purposeHeaders({ code: 'AUDIT' }));
    const added = (await events()).slice(before);
    expect(added.map((e) => [e.kind, e.user_id, e.event.outcome, e.event.errorCodes ?? null, e.event.guards ?? null])).toEqual([
      ['LOGON', 'detective', 'ALLOWED', null, null],
      ['OPERATION', 'detective', 'REFUSED', ['IMMIGRATION_ENFORCEMENT_BLOCKED'], ['IMMIGRATION_ENFORCEMENT_BLOCKED']],
      ['LOGON', null, 'REFUSED', ['UNAUTHENTICATED'], []],
    ]);
    expect(added[2]!.event.sourceAddress).toBe('127.0.0.1');
  });

  const EDGE_REFUSALS = [
    { reason: 'BODY_TOO_LARGE', status: 413, body: JSON.stringify({ query: `{ ${'a'.repeat(1_000_001)} }` }), user: null },
    { reason: 'INVALID_JSON', status: 400, body: '{"query": "{ me { id } }"', user: 'detective' },
    { reason: 'UNSTORABLE_TEXT', status: 400, body: JSON.stringify({ query: '{ me { id } }\u0000' }), user: null },
  ] as const;
  const postRaw = async (body: string, user: string | null) =>
    fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(user ? { authorization: `Bearer ${await stack.token(user)}` } : {}) },
      body,
    });

  it.each(EDGE_REFUSALS.map((c) => [c.reason, c] as const))('records a refusal at the HTTP edge (%s) once, under the request id of the answer', async (_reason, { reason, status, body, user }) => {
    const before = (await events()).length;
    const response = await postRaw(body, user);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    const added = (await events()).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      kind: user ? 'OPERATION' : 'LOGON',
      user_id: user,
      request_id: response.headers.get('x-request-id'),
      event: { outcome: 'REFUSED', errorCodes: ['BAD_USER_INPUT'], reason, sourceAddress: '127.0.0.1', ...(user ? { user } : {}) },
    });
  });

  it('answers an edge refusal whose audit event cannot be stored with 503 AUDIT_UNAVAILABLE', async () => {
    await stack.governanceDb.exec('ALTER TABLE audit_head RENAME TO audit_head_unavailable');
    try {
      const response = await postRaw('not json', null);
      expect(response.status).toBe(503);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors.map((e) => e.extensions.code)).toEqual(['AUDIT_UNAVAILABLE']);
    } finally {
      await stack.governanceDb.exec('ALTER TABLE audit_head_unavailable RENAME TO audit_head');
    }
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
    expect(await verifyAuditChain(stack.governanceDb, { checkpointKeys: [stack.checkpointKey.publicJwk] })).toMatchObject({ ok: true });
  });

  it('[P18] withholds the answer of a known session whose operation event cannot be stored (no logon event fails first)', async () => {
    const token = await stack.token('detective');
    const ask = () => postGraphQL(stack.gateway.url, '{ person(id: "P00000001") { fullName } }', {}, { authorization: `Bearer ${token}`, ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }) });
    // The session's logon event is written by this first use: the next one writes only its operation.
    expect((await ask()).data.person.fullName).toEqual(expect.any(String));
    await stack.governanceDb.exec('ALTER TABLE audit_head RENAME TO audit_head_unavailable');
    let result;
    try {
      result = await ask();
    } finally {
      await stack.governanceDb.exec('ALTER TABLE audit_head_unavailable RENAME TO audit_head');
    }
    expect(result.status).toBe(503);
    expect(result.data ?? null).toBeNull();
    expect(result.errors!.map((e) => e.extensions!.code)).toEqual(['AUDIT_UNAVAILABLE']);
    expect(JSON.stringify(result)).not.toMatch(/fullName"\s*:\s*"/);
  });

  it('signs checkpoints of the chain as it grows, and they verify with the trusted key only', async () => {
    for (let i = 0; i < 30; i++) await stack.queryAs('officer', { code: 'CRIMINAL_INVESTIGATION' }, '{ me { id } }');
    const [checkpoints] = await stack.governanceDb.query<{ n: string }>('SELECT count(*) AS n FROM audit_checkpoint');
    expect(Number(checkpoints!.n)).toBeGreaterThanOrEqual(1);
    const verdict = await verifyAuditChain(stack.governanceDb, { checkpointKeys: [stack.checkpointKey.publicJwk] });
    expect(verdict).toMatchObject({ ok: true, checkpoints: Number(checkpoints!.n) });
    const stranger = await createKeyPair('audit-checkpoint', 'EdDSA');
    expect(await verifyAuditChain(stack.governanceDb, { checkpointKeys: [stranger.publicJwk] })).toMatchObject({ ok: false, firstBad: { problem: expect.stringMatching(/forged checkpoint/) } });
  });
});
