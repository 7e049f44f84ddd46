import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { buildSchema, parse } from 'graphql';
import type { AuditEventInput, AuditLog } from '../../../../subgraphs/governance/audit/AuditLog';
import { PolicyDenial } from '../../../../policy/PolicyDenial';
import { policyContext, type Subject } from '../../../../policy/Subject';
import type { GatewayContext } from '../../../GatewayContext';
import { auditPlugin, guardsIn, refusalEvent, subjectOf } from '../auditStage';

/**
 * [P18] Every operation leaves one event, committed before the answer leaves, naming who asked,
 * from where, why, what was asked, what the policy removed, what was released and the outcome.
 * The stage alone: a log that records (or refuses) what it is given, an answer as Apollo
 * hands it over.
 */
const SUBJECT: Subject = {
  id: 'detective', kind: 'USER', displayName: 'D', roles: ['DETECTIVE'], command: '075 PCT', assignment: 'SQUAD',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: true, mfa: true,
  authentication: { method: 'BEARER_JWT', issuer: 'urn:test', amr: ['pwd', 'otp'], sessionId: 's1' },
};
const PURPOSE = { code: 'CRIMINAL_INVESTIGATION' as const, caseNumber: '2025-075-000123', justification: 'Robbery pattern' };
const schema = buildSchema('type Query { person(id: ID!): Person } type Person { id: ID! fullName: String warrants: [String] }');
const SOURCE = 'query Person($id: ID!) { person(id: $id) { fullName } }';

function context(extra: Partial<GatewayContext> = {}): GatewayContext {
  return {
    requestId: 'req-1', sourceAddress: '10.0.0.7', subject: SUBJECT, purpose: PURPOSE, missingPurposeHeaders: [],
    policy: policyContext(SUBJECT, PURPOSE), ...extra,
  };
}

type Answer = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** Runs the stage over one answer; returns what the log was given and what the client gets. */
async function audit(answer: Answer, ctx: GatewayContext = context(), options: { appendFails?: boolean; variables?: Record<string, unknown>; source?: string } = {}) {
  const appended: AuditEventInput[] = [];
  const log = { append: async (event: AuditEventInput) => {
    if (options.appendFails) throw new Error('store down');
    appended.push(event);
  } } as unknown as AuditLog;
  const source = options.source ?? SOURCE;
  const response = { http: { status: undefined as number | undefined }, body: { kind: 'single' as const, singleResult: answer } };
  const hooks = await auditPlugin(log).requestDidStart!({} as never);
  await (hooks as { willSendResponse(rc: unknown): Promise<void> }).willSendResponse({
    contextValue: ctx, request: { variables: options.variables ?? { id: 'P00000001' } }, schema, document: parse(source), source, operationName: 'Person', response,
  });
  return { event: appended[0], sent: response };
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
    expect((await audit({ data: {} }, context({ requestedFields: ['Query.person', 'Query.person', 'Person.fullName'] }))).event!.event.fieldsRequested).toEqual(['Query.person', 'Person.fullName']);
    expect((await audit({ data: {} })).event!.event.fieldsRequested).toEqual(['Query.person', 'Person.fullName']);
  });

  it('what the policy removed, with the reason, and what was released, counted', async () => {
    const removed = new Map([['Person.warrants', { coordinate: 'Person.warrants', denial: new PolicyDenial('MISSING_TRAINING', 'training') }]]);
    const { event } = await audit({ data: { person: { fullName: 'X' } } }, context({
      removed: removed as unknown as GatewayContext['removed'], recordsReturned: { Person: ['P1', 'P2'], Arrest: ['K1'] }, subgraphsCalled: new Set(['complaints-arrests']), flags: ['FACIAL_RECOGNITION_PROBE'],
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
    expect(sent.body.singleResult).toBe(answer);
    expect(sent.http.status).toBeUndefined();
  });

  it('fail closed: an event that cannot be stored releases no answer, 503 AUDIT_UNAVAILABLE', async () => {
    const { sent } = await audit({ data: { person: { fullName: 'Released?' } } }, context(), { appendFails: true });
    expect(sent.http.status).toBe(503);
    expect(sent.body.singleResult).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'AUDIT_UNAVAILABLE' } })] });
    expect(JSON.stringify(sent.body.singleResult)).not.toContain('Released?');
  });

  it('an answer streamed in parts is not this stage\'s to record', async () => {
    const appended: unknown[] = [];
    const hooks = await auditPlugin({ append: async (e: unknown) => appended.push(e) } as unknown as AuditLog).requestDidStart!({} as never);
    await (hooks as { willSendResponse(rc: unknown): Promise<void> }).willSendResponse({ contextValue: context(), request: {}, schema, source: SOURCE, response: { http: {}, body: { kind: 'incremental' } } });
    expect(appended).toEqual([]);
  });
});

describe('[P18] a refusal before the operation ran', () => {
  const request = (headers: Record<string, string> = {}) => ({ headers, socket: { remoteAddress: '10.0.0.9' } }) as unknown as IncomingMessage;

  it('of a known caller: an OPERATION event with who, from where, the purpose headers and the code', () => {
    expect(refusalEvent(request({ 'x-purpose': 'AUDIT', 'x-case-number': 'C-1' }), 'r1', SUBJECT, 'PURPOSE_REQUIRED', { reason: 'x' })).toEqual({
      kind: 'OPERATION', requestId: 'r1', userId: 'detective',
      event: {
        ...subjectOf({ subject: SUBJECT, sourceAddress: '10.0.0.9' }), purposeHeaders: { purpose: 'AUDIT', caseNumber: 'C-1' },
        outcome: 'REFUSED', errorCodes: ['PURPOSE_REQUIRED'], guards: ['PURPOSE_REQUIRED'], reason: 'x',
      },
    });
  });

  it('without an identity: a LOGON attempt, from where, no user', () => {
    expect(refusalEvent(request(), 'r2', null, 'UNAUTHENTICATED')).toEqual({
      kind: 'LOGON', requestId: 'r2', userId: null,
      event: { sourceAddress: '10.0.0.9', purposeHeaders: { purpose: null, caseNumber: null }, outcome: 'REFUSED', errorCodes: ['UNAUTHENTICATED'], guards: [] },
    });
  });

  it('a socket with no address is recorded as such', () => {
    const noAddress = { headers: {}, socket: {} } as unknown as IncomingMessage;
    expect(refusalEvent(noAddress, 'r3', null, 'UNAUTHENTICATED').event.sourceAddress).toBeNull();
  });

  it('a caller without a recorded sign-in is recorded with none', () => {
    const { authentication: _, ...unsigned } = SUBJECT;
    expect(subjectOf({ subject: unsigned, sourceAddress: null }).authentication).toBeNull();
  });
});

describe('the refusal codes oversight filters by as guards', () => {
  it.each([
    'PURPOSE_REQUIRED', 'IMMIGRATION_ENFORCEMENT_BLOCKED', 'POLITICAL_ACTIVITY_RESTRICTED', 'PROTECTED_CHARACTERISTICS_ONLY',
    'AGREEMENT_SCOPE', 'PERMISSIBLE_PURPOSE_REQUIRED', 'OPERATION_NOT_APPROVED', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED',
  ])('%s is a guard', (code) => {
    expect(guardsIn([code])).toEqual([code]);
  });
  it.each(['FORBIDDEN', 'BAD_USER_INPUT', 'UNAUTHENTICATED', 'INTERNAL_SERVER_ERROR', 'AUDIT_UNAVAILABLE'])('%s is not', (code) => {
    expect(guardsIn([code])).toEqual([]);
  });
});
