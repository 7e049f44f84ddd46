import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { buildSchema, parse, print, type OperationDefinitionNode } from 'graphql';
import type { AuditEventInput } from '../../../../subgraphs/governance/audit/AuditLog';
import { policyContext, type Subject } from '../../../../policy/Subject';
import type { GatewayContext } from '../../../GatewayContext';
import { runStages } from '../../../runStages';
import type { AnswerState, OperationState } from '../../Stage';
import { newAuditDraft, type AuditDraft } from '../AuditDraft';
import { AUDIT_UNAVAILABLE_MESSAGE } from '../../../../platform/http/graphqlRequestHandler';
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
const hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A log whose store can go down and come back; every append attempted is counted. */
function switchableLog() {
  const state = { down: false, attempts: 0, appended: [] as AuditEventInput[] };
  const log = { append: async (event: AuditEventInput) => {
    state.attempts++;
    if (state.down) throw new Error('store down');
    state.appended.push(event);
  } };
  return { state, log };
}
const httpRequest = (headers: Record<string, string> = {}) => ({ headers, socket: { remoteAddress: '10.0.0.7' } }) as unknown as IncomingMessage;
const answerOf = (ctx: GatewayContext, result: Answer, source = SOURCE): AnswerState => ({
  schema, context: ctx, original: parse(source), operationName: 'Person', variables: { id: 'P00000001' }, source, result, status: undefined,
});

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

describe('[P18] the whole operation event, as stored', () => {
  afterEach(() => jest.restoreAllMocks());

  it('names every part of the use: who, from where, why, what was asked and removed, under which agreement and published operation, what was released, and how long it took', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(10_000);
    const savedQuery = { id: 'sq-1', version: 3, trigger: 'SCHEDULE' as const, scheduleId: 'sch-1' };
    const trustedDocument = { name: 'PartnerPerson', version: 2, sha256: 'c'.repeat(64) };
    const ctx = context({
      startedAt: 8_500, agreement: 'AGR-2026-004', trustedDocument, savedQuery, flags: ['TERM_WITHOUT_INTENT'], subgraphs: new Set(['complaints-arrests', 'warrants']),
      fieldsRequested: ['Query.person', 'Person.fullName', 'Person.warrants'], fieldsRemoved: [{ field: 'Person.warrants', reason: 'MISSING_TRAINING' }],
      records: { Person: ['P00000001'] },
    });
    const source = 'query Person($id: ID!) { person(id: $id) { fullName alias: fullName warrants } other: person(id: "P00000002") { fullName } }';
    const { event } = await audit({ data: { person: { fullName: 'X' } } }, ctx, { source });
    const text = '{person(id:$id){fullName alias:fullName warrants}other:person(id:$literal1){fullName}}';
    expect(event).toEqual({
      kind: 'OPERATION', requestId: 'req-1', userId: 'detective',
      event: {
        user: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 PCT', assignment: 'SQUAD', agencyOri: 'NY0303000', sourceAddress: '10.0.0.7',
        remote: true, mfa: true, authentication: SUBJECT.authentication, purpose: PURPOSE, operationName: 'Person',
        agreement: 'AGR-2026-004', trustedDocument, document: expect.any(String), documentHash: expect.any(String), variables: { id: sha('P00000001') },
        literals: { literal1: sha('P00000002') }, fieldsRequested: ['Query.person', 'Person.fullName', 'Person.warrants'],
        fieldsRemoved: [{ field: 'Person.warrants', reason: 'MISSING_TRAINING' }], guards: [], flags: ['TERM_WITHOUT_INTENT'],
        subgraphs: ['complaints-arrests', 'warrants'], records: { Person: ['P00000001'] }, resultCount: 1, outcome: 'PARTIAL', errorCodes: [], durationMs: 1_500, savedQuery,
      },
    });
    expect(event!.event.document).toBe(`query Person($id:ID!)${text}`);
    expect(event!.event.documentHash).toBe(hex(`query Person($id:ID!)${text}`));
  });

  it('an ordinary operation names no agreement, no published operation and no saved query', async () => {
    const { event } = await audit({ data: { person: null } });
    expect(event!.event).toMatchObject({ agreement: null, trustedDocument: null, records: {}, resultCount: 0 });
    expect(JSON.parse(JSON.stringify(event!.event))).not.toHaveProperty('savedQuery');
  });

  it('no data, an internal error among other codes: FAILED, not merely REFUSED', async () => {
    const { event } = await audit({ errors: [{ message: 'a', extensions: { code: 'FORBIDDEN' } }, { message: 'b', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(event!.event).toMatchObject({ outcome: 'FAILED', errorCodes: ['FORBIDDEN', 'INTERNAL_SERVER_ERROR'] });
  });

  it('a request whose operation never parsed: no text, no fields read from it', async () => {
    const { appended, log } = memoryLog();
    const sent: AnswerState = { schema, context: context(), original: undefined, operationName: null, variables: {}, source: undefined, result: { errors: [{ message: 'x', extensions: { code: 'BAD_USER_INPUT' } }] }, status: undefined };
    await auditStage({ log, recordKeys: new Map() }).onLeave!(sent);
    expect(appended[0]!.event).toMatchObject({ document: null, documentHash: null, literals: {}, fieldsRequested: [], operationName: null, outcome: 'REFUSED' });
  });
});

describe('[P18] a LOGON once per session', () => {
  const requestOf = (ctx: GatewayContext) => ({ http: httpRequest(), requestId: ctx.requestId, context: ctx });

  it('the first request of a session leaves a LOGON: who, from where, how they signed in; the next requests of that session none', async () => {
    const { state, log } = switchableLog();
    const stage = auditStage({ log, recordKeys: new Map() });
    await stage.onRequest!(requestOf(context()));
    await stage.onRequest!(requestOf({ ...context(), requestId: 'req-2' }));
    expect(state.appended).toEqual([{
      kind: 'LOGON', requestId: 'req-1', userId: 'detective',
      event: {
        user: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 PCT', assignment: 'SQUAD', agencyOri: 'NY0303000',
        sourceAddress: '10.0.0.7', remote: true, mfa: true, authentication: SUBJECT.authentication, outcome: 'ALLOWED',
      },
    }]);
  });

  it('another session of the same user leaves its own LOGON', async () => {
    const { state, log } = switchableLog();
    const stage = auditStage({ log, recordKeys: new Map() });
    const second: Subject = { ...SUBJECT, authentication: { ...SUBJECT.authentication!, sessionId: 's2' } };
    await stage.onRequest!(requestOf(context()));
    await stage.onRequest!(requestOf({ ...context(), requestId: 'req-2', subject: second }));
    expect(state.appended.map((e) => [e.kind, e.requestId])).toEqual([['LOGON', 'req-1'], ['LOGON', 'req-2']]);
  });

  it('a caller without a recorded sign-in session leaves no LOGON', async () => {
    const { authentication: _, ...unsigned } = SUBJECT;
    const { state, log } = switchableLog();
    await auditStage({ log, recordKeys: new Map() }).onRequest!(requestOf({ ...context(), subject: unsigned }));
    expect(state.attempts).toBe(0);
  });

  it('fail closed: a LOGON that cannot be stored refuses the request, and the next request of the session records it', async () => {
    const { state, log } = switchableLog();
    const stage = auditStage({ log, recordKeys: new Map() });
    state.down = true;
    await expect(stage.onRequest!(requestOf(context()))).rejects.toThrow('store down');
    state.down = false;
    await stage.onRequest!(requestOf({ ...context(), requestId: 'req-2' }));
    expect(state.appended.map((e) => [e.kind, e.requestId])).toEqual([['LOGON', 'req-2']]);
  });
});

describe('[P18] fail closed with an already-known session', () => {
  async function knownSession() {
    const { state, log } = switchableLog();
    const stage = auditStage({ log, recordKeys: new Map() });
    await stage.onRequest!({ http: httpRequest(), requestId: 'req-0', context: context() });
    expect(state.appended.map((e) => e.kind)).toEqual(['LOGON']);
    state.down = true;
    return { state, stage };
  }

  it('its operation event cannot be stored: no answer, 503 AUDIT_UNAVAILABLE', async () => {
    const { state, stage } = await knownSession();
    const sent = answerOf(context(), { data: { person: { fullName: 'Released?' } } });
    await stage.onLeave!(sent);
    expect(state.attempts).toBe(2);
    expect(sent.status).toBe(503);
    expect(sent.result).toEqual({ errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
    // The client is told why, in words (the edge's refusal shares the constant).
    expect(AUDIT_UNAVAILABLE_MESSAGE).toBe('the audit record of this request could not be stored: no answer is released without it');
  });

  it('its refusal cannot be stored: AUDIT_UNAVAILABLE, though no LOGON was due', async () => {
    const { state, stage } = await knownSession();
    await expect(stage.onRefused!({ http: httpRequest({ 'x-purpose': 'AUDIT' }), requestId: 'req-1', context: context(), code: 'PURPOSE_REQUIRED' }))
      .rejects.toMatchObject({ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: 'AUDIT_UNAVAILABLE' } });
    // One attempt: the refusal itself, no second LOGON.
    expect(state.attempts).toBe(2);
  });

  it('its refusal is stored without a second LOGON when the store is up', async () => {
    const { state, stage } = await knownSession();
    state.down = false;
    await stage.onRefused!({ http: httpRequest(), requestId: 'req-1', context: context(), code: 'PURPOSE_REQUIRED' });
    expect(state.appended.map((e) => e.kind)).toEqual(['LOGON', 'OPERATION']);
  });
});

describe('[P14, P18] a refusal names the agreement and the saved query it ran under', () => {
  it('a partner refused under its agreement, running a saved query: both named in the event', async () => {
    const { state, log } = switchableLog();
    const savedQuery = { id: 'sq-9', version: null, trigger: 'MANUAL' as const };
    const pendingContext = { requestId: 'r1', sourceAddress: '10.0.0.7', subject: { ...SUBJECT, authentication: undefined }, audit: { ...newAuditDraft(), agreement: 'AGR-1', savedQuery } };
    await auditStage({ log, recordKeys: new Map() }).onRefused!({ http: httpRequest(), requestId: 'r1', context: pendingContext, code: 'AGREEMENT_SCOPE' });
    expect(state.appended).toEqual([expect.objectContaining({ kind: 'OPERATION', event: expect.objectContaining({ agreement: 'AGR-1', savedQuery, errorCodes: ['AGREEMENT_SCOPE'], guards: ['AGREEMENT_SCOPE'] }) })]);
  });
});

describe('[P18] the answer names its records: keys asked under reserved aliases, taken out before it leaves', () => {
  const keyedSchema = buildSchema('type Query { person(id: ID!): Person } type Person { id: ID! fullName: String }');
  const RECORD_KEYS = new Map([['Person', 'id']]);
  const operationOf = (ctx: GatewayContext, source: string, extra: Partial<OperationState> = {}): OperationState => {
    const original = parse(source);
    return {
      schema: keyedSchema, context: ctx, original, operation: original.definitions[0] as OperationDefinitionNode, operationName: null,
      variables: {}, source, document: original, ...extra,
    };
  };
  const answerFor = (operation: OperationState, result: Answer): AnswerState => ({
    schema: keyedSchema, context: operation.context, original: operation.original, operationName: null, variables: {}, source: operation.source, result, status: undefined,
  });

  it('the planned operation asks each record for its type and key, and is planned by its own hash', async () => {
    const { log } = switchableLog();
    const operation = operationOf(context(), '{ person(id: "P1") { fullName } }');
    await auditStage({ log, recordKeys: RECORD_KEYS }).onOperation!(operation);
    const planned = print(operation.document);
    expect(planned.replace(/\s+/g, ' ')).toBe('{ person(id: "P1") { fullName _erms_type: __typename _erms_key: id } }');
    expect(operation.documentHash).toBe(hex(planned));
  });

  it('the client gets exactly what it asked for; the event names the records released', async () => {
    const { state, log } = switchableLog();
    const stage = auditStage({ log, recordKeys: RECORD_KEYS });
    const ctx = context();
    const operation = operationOf(ctx, '{ person(id: "P1") { fullName } }');
    await stage.onOperation!(operation);
    const answer = answerFor(operation, { data: { person: { fullName: 'X', _erms_type: 'Person', _erms_key: 'P1' } }, extensions: { cost: 1 } });
    await stage.onAnswer!(answer);
    expect(answer.result).toEqual({ data: { person: { fullName: 'X' } }, extensions: { cost: 1 } });
    await stage.onLeave!(answer);
    expect(state.appended[0]!.event).toMatchObject({ records: { Person: ['P1'] }, resultCount: 1, outcome: 'ALLOWED' });
  });

  it('errors about keys the client never asked for are taken out; its own errors stay', async () => {
    const { log } = switchableLog();
    const stage = auditStage({ log, recordKeys: RECORD_KEYS });
    const operation = operationOf(context(), '{ person(id: "P1") { fullName } }');
    await stage.onOperation!(operation);
    const only = answerFor(operation, { data: { person: { fullName: 'X', _erms_type: 'Person', _erms_key: null } }, errors: [{ message: 'no', path: ['person', '_erms_key'] }] });
    await stage.onAnswer!(only);
    expect(only.result).toEqual({ data: { person: { fullName: 'X' } } });
    const own = { message: 'no', path: ['person', 'fullName'] };
    const mixed = answerFor(operation, { data: { person: { fullName: null, _erms_type: 'Person', _erms_key: 'P1' } }, errors: [own, { message: 'no', path: ['person', '_erms_type'] }] });
    await stage.onAnswer!(mixed);
    expect(mixed.result).toEqual({ data: { person: { fullName: null } }, errors: [own] });
  });

  it('a client using the reserved aliases is refused: they would hide what was read', async () => {
    const { log } = switchableLog();
    const operation = operationOf(context(), '{ person(id: "P1") { _erms_key: fullName } }');
    expect(() => auditStage({ log, recordKeys: RECORD_KEYS }).onOperation!(operation)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });

  it('an answer a stage gave without planning is left as it was, and names no record', async () => {
    const { state, log } = switchableLog();
    const stage = auditStage({ log, recordKeys: RECORD_KEYS });
    const given = { data: { person: { fullName: 'cached', _erms_type: 'Person', _erms_key: 'P1' } }, errors: [] };
    const operation = operationOf(context(), '{ person(id: "P1") { fullName } }', { answer: given });
    await stage.onOperation!(operation);
    expect(operation.document).toBe(operation.original);
    expect(operation.documentHash).toBeUndefined();
    const answer = answerFor(operation, given);
    await stage.onAnswer!(answer);
    expect(answer.result).toBe(given);
    await stage.onLeave!(answer);
    expect(state.appended[0]!.event).toMatchObject({ records: {}, resultCount: 0 });
  });

  it('a document the field policy rewrote is keyed as rewritten, not as the one first sent', async () => {
    const { log } = switchableLog();
    const stage = auditStage({ log, recordKeys: RECORD_KEYS });
    const first = operationOf(context(), '{ person(id: "P1") { id fullName } }');
    await stage.onOperation!(first);
    const rewritten = parse('{ person(id: "P1") { fullName } }');
    const second = { ...operationOf(context(), '{ person(id: "P1") { id fullName } }'), original: first.original, document: rewritten };
    await stage.onOperation!(second);
    expect(print(second.document).replace(/\s+/g, ' ')).toBe('{ person(id: "P1") { fullName _erms_type: __typename _erms_key: id } }');
  });
});
