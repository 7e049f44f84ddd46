import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { buildSchema, parse } from 'graphql';
import type { AuditEventInput } from '../../../../subgraphs/governance/audit/AuditLog';
import { policyContext, type Subject } from '../../../../policy/Subject';
import type { GatewayContext } from '../../../GatewayContext';
import { runStages } from '../../../runStages';
import type { AnswerState } from '../../Stage';
import { newAuditDraft, type AuditDraft } from '../AuditDraft';
import { auditStage } from '../auditStage';

/**
 * [P18] Every operation leaves one event, committed before the answer leaves, naming who asked,
 * from where, why, what was asked, what the policy removed, what was released and the outcome.
 * The stage alone (its onLeave and onRefused): a log that records (or refuses) what it is given,
 * an answer as runStages hands it over.
 */
const SUBJECT: Subject = {
  id: 'detective', kind: 'USER', displayName: 'D', roles: ['DETECTIVE'], command: '075 PCT', assignment: 'SQUAD',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: true, mfa: true,
  authentication: { method: 'BEARER_JWT', issuer: 'urn:test', amr: ['pwd', 'otp'], sessionId: 's1' },
};
const PURPOSE = { code: 'CRIMINAL_INVESTIGATION' as const, caseNumber: '2025-075-000123', justification: 'Robbery pattern' };
const schema = buildSchema('type Query { person(id: ID!): Person } type Person { id: ID! fullName: String warrants: [String] }');
const SOURCE = 'query Person($id: ID!) { person(id: $id) { fullName } }';

function context(draft: Partial<AuditDraft> = {}): GatewayContext {
  return {
    requestId: 'req-1', sourceAddress: '10.0.0.7', subject: SUBJECT, purpose: PURPOSE, missingPurposeHeaders: [],
    policy: policyContext(SUBJECT, PURPOSE), audit: { ...newAuditDraft(), ...draft },
  };
}

type Answer = AnswerState['result'];

/** A log that records what it is given, or refuses everything. */
function memoryLog(fails = false) {
  const appended: AuditEventInput[] = [];
  return { appended, log: { append: async (event: AuditEventInput) => {
    if (fails) throw new Error('store down');
    appended.push(event);
  } } };
}

/** Runs the stage's onLeave over one answer; returns what the log was given and what the client gets. */
async function audit(answer: Answer, ctx: GatewayContext = context(), options: { appendFails?: boolean; variables?: Record<string, unknown>; source?: string } = {}) {
  const { appended, log } = memoryLog(options.appendFails);
  const source = options.source ?? SOURCE;
  const sent: AnswerState = {
    schema, context: ctx, original: parse(source), operationName: 'Person', variables: options.variables ?? { id: 'P00000001' }, source, result: answer, status: undefined,
  };
  await auditStage({ log, recordKeys: new Map() }).onLeave!(sent);
  return { event: appended[0], sent };
}

const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe('[P18] the audit stage: one event per operation', () => {
  it('names who asked, from where, how they signed in, and why', async () => {
    const { event } = await audit({ data: { person: { fullName: 'X' } } });
    expect(event).toMatchObject({ kind: 'OPERATION', requestId: 'req-1', userId: 'detective' });
    expect(event!.event).toMatchObject({
      user: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 PCT', assignment: 'SQUAD', agencyOri: 'NY0303000',
      sourceAddress: '10.0.0.7', remote: true, mfa: true, authentication: SUBJECT.authentication, purpose: PURPOSE, operationName: 'Person',
    });
  });

  it('keeps variable values as hashes, never the values, at every depth', async () => {
    const { event } = await audit({ data: {} }, context(), { variables: { id: 'P00000001', filter: { names: ['Ana', null], age: 34 }, none: null } });
    expect(event!.event.variables).toEqual({ id: sha('P00000001'), filter: { names: [sha('Ana'), null], age: sha('34') }, none: null });
    expect(JSON.stringify(event!.event)).not.toContain('P00000001');
  });

  it('keeps the operation as normalized text with its hash', async () => {
    const { event } = await audit({ data: {} });
    expect(event!.event).toMatchObject({ document: expect.stringContaining('person(id:$id)'), documentHash: expect.stringMatching(/^[0-9a-f]{64}$/), literals: {} });
  });

  it('what was asked: as the field-policy stage saw it, else read from the document', async () => {
    expect((await audit({ data: {} }, context({ fieldsRequested: ['Query.person', 'Query.person', 'Person.fullName'] }))).event!.event.fieldsRequested).toEqual(['Query.person', 'Person.fullName']);
    expect((await audit({ data: {} })).event!.event.fieldsRequested).toEqual(['Query.person', 'Person.fullName']);
  });

  it('what the policy removed, with the reason, and what was released, counted', async () => {
    const { event } = await audit({ data: { person: { fullName: 'X' } } }, context({
      fieldsRemoved: [{ field: 'Person.warrants', reason: 'MISSING_TRAINING' }], records: { Person: ['P1', 'P2'], Arrest: ['K1'] }, subgraphs: new Set(['complaints-arrests']), flags: ['FACIAL_RECOGNITION_PROBE'],
    }));
    expect(event!.event).toMatchObject({
      fieldsRemoved: [{ field: 'Person.warrants', reason: 'MISSING_TRAINING' }], records: { Person: ['P1', 'P2'], Arrest: ['K1'] }, resultCount: 3,
      subgraphs: ['complaints-arrests'], flags: ['FACIAL_RECOGNITION_PROBE'], outcome: 'PARTIAL',
    });
  });

  it.each([
    { rule: 'an answer with nothing removed and no error: ALLOWED', answer: { data: { person: null } }, outcome: 'ALLOWED', codes: [], guards: [] },
    { rule: 'an answer with an error beside its data: PARTIAL', answer: { data: { person: null }, errors: [{ message: 'x', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] }, outcome: 'PARTIAL', codes: ['SUBGRAPH_UNAVAILABLE'], guards: [] },
    { rule: 'no data, refused by a guard: REFUSED, the guard named', answer: { errors: [{ message: 'x', extensions: { code: 'POLITICAL_ACTIVITY_RESTRICTED' } }] }, outcome: 'REFUSED', codes: ['POLITICAL_ACTIVITY_RESTRICTED'], guards: ['POLITICAL_ACTIVITY_RESTRICTED'] },
    { rule: 'null data, refused: REFUSED', answer: { data: null, errors: [{ message: 'x', extensions: { code: 'FORBIDDEN' } }] }, outcome: 'REFUSED', codes: ['FORBIDDEN'], guards: [] },
    { rule: 'no data after an internal error: FAILED', answer: { errors: [{ message: 'x' }] }, outcome: 'FAILED', codes: ['INTERNAL_SERVER_ERROR'], guards: [] },
    { rule: 'the same code twice is counted once', answer: { errors: [{ message: 'a', extensions: { code: 'QUERY_TOO_COMPLEX' } }, { message: 'b', extensions: { code: 'QUERY_TOO_COMPLEX' } }] }, outcome: 'REFUSED', codes: ['QUERY_TOO_COMPLEX'], guards: ['QUERY_TOO_COMPLEX'] },
  ])('$rule', async ({ answer, outcome, codes, guards }) => {
    const { event, sent } = await audit(answer);
    expect(event!.event).toMatchObject({ outcome, errorCodes: codes, guards });
    expect(sent.result).toBe(answer);
    expect(sent.status).toBeUndefined();
  });

  it('fail closed: an event that cannot be stored releases no answer, 503 AUDIT_UNAVAILABLE', async () => {
    const { sent } = await audit({ data: { person: { fullName: 'Released?' } } }, context(), { appendFails: true });
    expect(sent.status).toBe(503);
    expect(sent.result).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'AUDIT_UNAVAILABLE' } })] });
    expect(JSON.stringify(sent.result)).not.toContain('Released?');
  });

  it('an answer streamed in parts is not this stage\'s to record', async () => {
    const { appended, log } = memoryLog();
    const hooks = await runStages([auditStage({ log, recordKeys: new Map() })]).plugin.requestDidStart();
    await (hooks as unknown as { willSendResponse(rc: unknown): Promise<void> }).willSendResponse({ contextValue: context(), request: {}, schema, source: SOURCE, response: { http: {}, body: { kind: 'incremental' } } });
    expect(appended).toEqual([]);
  });
});

describe('[P18] a refusal before the operation ran', () => {
  const request = (headers: Record<string, string> = {}, remoteAddress: string | undefined = '10.0.0.9') => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
  const pending = (subject?: Subject) => ({ requestId: 'r1', sourceAddress: '10.0.0.9', audit: newAuditDraft(), ...(subject ? { subject } : {}) });
  const subjectFields = (subject: Subject) => ({
    user: subject.id, kind: subject.kind, roles: subject.roles, command: subject.command, assignment: subject.assignment, agencyOri: subject.agency.ori,
    sourceAddress: '10.0.0.9', remote: subject.remote, mfa: subject.mfa, authentication: subject.authentication ?? null,
  });

  it('of a known caller: a LOGON for a session first seen, then an OPERATION event with who, from where, the purpose headers and the code', async () => {
    const { appended, log } = memoryLog();
    await auditStage({ log, recordKeys: new Map() }).onRefused!({ http: request({ 'x-purpose': 'AUDIT', 'x-case-number': 'C-1' }), requestId: 'r1', context: pending(SUBJECT), code: 'PURPOSE_REQUIRED' });
    expect(appended).toEqual([
      { kind: 'LOGON', requestId: 'r1', userId: 'detective', event: { ...subjectFields(SUBJECT), outcome: 'ALLOWED' } },
      {
        kind: 'OPERATION', requestId: 'r1', userId: 'detective',
        event: { ...subjectFields(SUBJECT), purposeHeaders: { purpose: 'AUDIT', caseNumber: 'C-1' }, outcome: 'REFUSED', errorCodes: ['PURPOSE_REQUIRED'], guards: ['PURPOSE_REQUIRED'] },
      },
    ]);
  });

  it('without an identity: a LOGON attempt, from where, no user', async () => {
    const { appended, log } = memoryLog();
    await auditStage({ log, recordKeys: new Map() }).onRefused!({ http: request(), requestId: 'r2', context: pending(), code: 'UNAUTHENTICATED' });
    expect(appended).toEqual([{
      kind: 'LOGON', requestId: 'r2', userId: null,
      event: { sourceAddress: '10.0.0.9', purposeHeaders: { purpose: null, caseNumber: null }, outcome: 'REFUSED', errorCodes: ['UNAUTHENTICATED'], guards: [] },
    }]);
  });

  it('a socket with no address is recorded as such', async () => {
    const { appended, log } = memoryLog();
    await auditStage({ log, recordKeys: new Map() }).onRefused!({ http: { headers: {}, socket: {} } as unknown as IncomingMessage, requestId: 'r3', code: 'UNAUTHENTICATED' });
    expect(appended[0]?.event.sourceAddress).toBeNull();
  });

  it('a caller without a recorded sign-in is recorded with none', async () => {
    const { authentication: _, ...unsigned } = SUBJECT;
    const { appended, log } = memoryLog();
    await auditStage({ log, recordKeys: new Map() }).onRefused!({ http: request(), requestId: 'r4', context: pending(unsigned), code: 'PURPOSE_REQUIRED' });
    expect(appended).toHaveLength(1);
    expect(appended[0]?.event.authentication).toBeNull();
  });

  it('a refusal the authenticate stage marked unrecorded (a flood over its limit) leaves no event', async () => {
    const { appended, log } = memoryLog();
    await auditStage({ log, recordKeys: new Map() }).onRefused!({ http: request(), requestId: 'r5', context: { ...pending(), audit: { ...newAuditDraft(), unrecorded: true } }, code: 'RATE_LIMITED' });
    expect(appended).toEqual([]);
  });

  it('fail closed: a refusal that cannot be stored rejects with AUDIT_UNAVAILABLE', async () => {
    const { log } = memoryLog(true);
    await expect(auditStage({ log, recordKeys: new Map() }).onRefused!({ http: request(), requestId: 'r6', context: pending(), code: 'UNAUTHENTICATED' }))
      .rejects.toMatchObject({ extensions: { code: 'AUDIT_UNAVAILABLE' } });
  });
});

describe('the refusal codes oversight filters by as guards', () => {
  const guardsOf = async (code: string) => (await audit({ errors: [{ message: 'x', extensions: { code } }] })).event!.event.guards;
  it.each([
    'PURPOSE_REQUIRED', 'IMMIGRATION_ENFORCEMENT_BLOCKED', 'POLITICAL_ACTIVITY_RESTRICTED', 'PROTECTED_CHARACTERISTICS_ONLY',
    'AGREEMENT_SCOPE', 'PERMISSIBLE_PURPOSE_REQUIRED', 'OPERATION_NOT_APPROVED', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED',
  ])('%s is a guard', async (code) => {
    expect(await guardsOf(code)).toEqual([code]);
  });
  it.each(['FORBIDDEN', 'BAD_USER_INPUT', 'UNAUTHENTICATED', 'INTERNAL_SERVER_ERROR', 'AUDIT_UNAVAILABLE'])('%s is not', async (code) => {
    expect(await guardsOf(code)).toEqual([]);
  });
});
