import { createHash } from 'node:crypto';
import { buildSchema, getOperationAST, parse, print, type DocumentNode } from 'graphql';
import type { FieldPolicy } from '../../../../directives/readPolicyMap';
import { policyContext, type DeclaredPurpose, type Subject } from '../../../../policy/Subject';
import type { Category, Role } from '../../../../policy/vocabulary';
import type { GatewayContext } from '../../../GatewayContext';
import { runStages } from '../../../runStages';
import { newAuditDraft } from '../../audit/AuditDraft';
import { auditStage } from '../../audit/auditStage';
import { fieldPolicyStage } from '../fieldPolicyStage';

/**
 * The gateway's field policy [P5, P8, P16, P4, P18], alone (the subgraphs' own checks are
 * tested in subgraphs/__tests__/recordPolicy-test.ts): what is asked without a purpose, what is
 * removed and why, that the plan is keyed by the rewritten text (two callers with different
 * rights never share a plan), that nothing is fetched when nothing is left, and what the audit
 * is told. Run as the pipeline runs it (runStages), with the audit stage after it, which adds
 * the record keys to the planned document and takes them out of the answer.
 */
const schema = buildSchema(`
  type Query { person(id: ID!): Person me: Me }
  type Person { id: ID! fullName: String photo: String warrants: [String] undeclared: String }
  type Me { id: ID! }
`);
const field = (category: Category | null, systems: string[] = ['complaints-arrests']): FieldPolicy => ({ category, systems });
const POLICY_MAP = new Map<string, FieldPolicy>([
  ['Query.person', field('IDENTIFYING')],
  ['Person.id', field('IDENTIFYING')],
  ['Person.fullName', field('IDENTIFYING')],
  ['Person.photo', field('IMAGE')],
  ['Person.warrants', field('RECORD', ['warrants'])],
  ['Person.undeclared', field(null)],
  ['Query.me', field('SELF', [])],
  ['Me.id', field('SELF', [])],
]);
const RECORD_KEYS = new Map([['Person', 'id']]);

const subject = (roles: Role[], currentTrainings: string[] = ['ERMS-INTERNAL-RECORDS', 'ERMS-OUTSIDE-AGENCY-RECORDS']): Subject => ({
  id: 'u', kind: 'USER', displayName: 'U', roles, command: '075 PCT', assignment: 'SQUAD', agency: { name: 'NYPD', ori: 'NY0303000' },
  currentTrainings, remote: false, mfa: false,
});
const purpose = (code: DeclaredPurpose['code']): DeclaredPurpose => ({ code, caseNumber: 'C-1', justification: 'testing the field policy' });

function contextOf(caller: Subject, declared: DeclaredPurpose | null): GatewayContext {
  return { requestId: 'r', sourceAddress: null, subject: caller, purpose: declared, missingPurposeHeaders: declared ? [] : ['X-Purpose', 'X-Case-Number'], policy: policyContext(caller, declared), audit: newAuditDraft() };
}

const plugin = () => {
  const flagged: string[] = [];
  const appended: unknown[] = [];
  const stage = runStages([
    fieldPolicyStage({ policyMap: POLICY_MAP, flagged: (flag) => flagged.push(flag) }),
    auditStage({ log: { append: async (event: unknown) => appended.push(event) }, recordKeys: RECORD_KEYS }),
  ]).plugin;
  return { stage, flagged };
};

type Hooks = {
  didResolveOperation(rc: unknown): Promise<void>;
  responseForOperation(rc: unknown): Promise<{ body: { singleResult: unknown } } | null>;
  willSendResponse(rc: unknown): Promise<void>;
};

/** One request through the stage, as Apollo calls it; `answer` is what the subgraphs would return for the planned document. */
async function request(
  stage: ReturnType<typeof plugin>['stage'], query: string, context: GatewayContext,
  answer?: (planned: string) => Record<string, unknown> | null, sourceErrors?: Record<string, unknown>[],
) {
  const hooks = (await stage.requestDidStart()) as unknown as Hooks;
  const document = parse(query);
  const rc = { schema, document, source: query, queryHash: 'original-hash', operation: getOperationAST(document) as unknown, operationName: undefined, request: { variables: {} }, contextValue: context, response: { http: {}, body: { kind: 'single', singleResult: {} as Record<string, unknown> } } };
  let refusal: { code: unknown; message: string } | null = null;
  try {
    await hooks.didResolveOperation(rc);
  } catch (error) {
    refusal = { code: (error as { extensions: { code: unknown } }).extensions.code, message: (error as Error).message };
    return { refusal, rc, planned: null, answered: false, result: null };
  }
  const planned = rc.document === document && rc.queryHash === 'original-hash' ? null : print(rc.document as DocumentNode);
  const shortCut = await hooks.responseForOperation(rc);
  // Answered without planning: nothing reaches a subgraph.
  if (shortCut) return { refusal, rc, planned: null, answered: true, result: shortCut.body.singleResult };
  rc.response.body.singleResult = { data: answer ? answer(planned!) : {}, ...(sourceErrors ? { errors: sourceErrors } : {}) };
  await hooks.willSendResponse(rc);
  return { refusal, rc, planned, answered: false, result: rc.response.body.singleResult };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('[P5] record data needs a declared purpose', () => {
  it.each([
    { rule: 'a record field without a purpose: PURPOSE_REQUIRED, naming the missing headers', query: '{ person(id: "P1") { fullName } }', code: 'PURPOSE_REQUIRED' },
    { rule: 'a field no rule covers counts as record data', query: '{ person(id: "P1") { undeclared } }', code: 'PURPOSE_REQUIRED' },
    { rule: 'your own profile needs none', query: '{ me { id } }', code: null },
  ])('$rule', async ({ query, code }) => {
    const { refusal } = await request(plugin().stage, query, contextOf(subject(['DETECTIVE']), null));
    expect(refusal?.code ?? null).toBe(code);
    if (refusal) expect(refusal.message).toBe('record data needs a declared purpose: send X-Purpose, X-Case-Number');
  });
});

describe('[P5, P8, P16] denied fields are removed before planning, and come back null with the reason', () => {
  it('a detective trained for both systems gets every field asked', async () => {
    const { stage } = plugin();
    const { rc, planned, result } = await request(stage, '{ person(id: "P1") { fullName warrants } }', contextOf(subject(['DETECTIVE']), purpose('CRIMINAL_INVESTIGATION')),
      () => ({ person: { fullName: 'Ana', warrants: ['W1'], _erms_type: 'Person', _erms_key: 'P1' } }));
    expect(rc.contextValue.audit.fieldsRemoved).toEqual([]);
    expect(rc.contextValue.audit.fieldsRequested).toEqual(['Query.person', 'Person.fullName', 'Person.warrants']);
    expect(planned).toContain('_erms_key: id');
    expect(result).toEqual({ data: { person: { fullName: 'Ana', warrants: ['W1'] } } });
    expect(rc.contextValue.audit.records).toEqual({ Person: ['P1'] });
  });

  it('[P8] a field of a system the caller is not trained for is removed, never planned, and named with its reason', async () => {
    const { rc, planned, result } = await request(plugin().stage, '{ person(id: "P1") { fullName warrants } }',
      contextOf(subject(['DETECTIVE'], ['ERMS-INTERNAL-RECORDS']), purpose('CRIMINAL_INVESTIGATION')),
      () => ({ person: { fullName: 'Ana', _erms_type: 'Person', _erms_key: 'P1' } }));
    expect(planned).not.toContain('warrants');
    expect(rc.contextValue.audit.fieldsRemoved).toEqual([{ field: 'Person.warrants', reason: 'MISSING_TRAINING' }]);
    expect(result).toMatchObject({
      data: { person: { fullName: 'Ana', warrants: null } },
      errors: [expect.objectContaining({ path: ['person', 'warrants'], extensions: expect.objectContaining({ code: 'FIELD_NOT_AUTHORIZED' }) })],
    });
  });

  it('[P5] a field with no policy rule is removed (deny by default)', async () => {
    const { rc, result } = await request(plugin().stage, '{ person(id: "P1") { fullName undeclared } }', contextOf(subject(['DETECTIVE']), purpose('CRIMINAL_INVESTIGATION')),
      () => ({ person: { fullName: 'Ana', _erms_type: 'Person', _erms_key: 'P1' } }));
    expect(rc.contextValue.audit.fieldsRemoved).toEqual([{ field: 'Person.undeclared', reason: 'NO_RULE' }]);
    expect(result).toMatchObject({
      data: { person: { fullName: 'Ana', undeclared: null } },
      errors: [{ message: 'not authorized: no policy rule covers this field', path: ['person', 'undeclared'], extensions: { code: 'FIELD_NOT_AUTHORIZED', reason: 'NO_RULE' } }],
    });
  });

  it('two callers with different rights never share a plan: the plan is keyed by the rewritten text', async () => {
    const { stage } = plugin();
    const query = '{ person(id: "P1") { fullName warrants } }';
    const full = await request(stage, query, contextOf(subject(['DETECTIVE']), purpose('CRIMINAL_INVESTIGATION')), () => ({ person: null }));
    const partial = await request(stage, query, contextOf(subject(['DETECTIVE'], ['ERMS-INTERNAL-RECORDS']), purpose('CRIMINAL_INVESTIGATION')), () => ({ person: null }));
    expect(full.rc.queryHash).toBe(sha256(full.planned!));
    expect(partial.rc.queryHash).toBe(sha256(partial.planned!));
    expect(partial.rc.queryHash).not.toBe(full.rc.queryHash);
    expect(full.rc.queryHash).not.toBe('original-hash');
    // The same rights again: the same plan, from the same rewritten text.
    const again = await request(stage, query, contextOf(subject(['DETECTIVE']), purpose('CRIMINAL_INVESTIGATION')), () => ({ person: null }));
    expect(again.rc.queryHash).toBe(full.rc.queryHash);
    expect(again.rc.operation).toBeDefined();
  });

  it('[P16] nothing left to ask: no subgraph is called, every field comes back null with its reason', async () => {
    const { stage } = plugin();
    const { answered, result, rc } = await request(stage, '{ person(id: "P1") { fullName } }', contextOf(subject(['VENDOR']), purpose('CRIMINAL_INVESTIGATION')));
    expect(answered).toBe(true);
    expect(rc.contextValue.audit.records).toEqual({});
    expect(result).toMatchObject({ data: { person: null }, errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'FIELD_NOT_AUTHORIZED' }) })] });
  });

  it('only __typename left is nothing left', async () => {
    const { answered, result } = await request(plugin().stage, '{ __typename person(id: "P1") { fullName } }', contextOf(subject(['VENDOR']), purpose('CRIMINAL_INVESTIGATION')));
    expect(answered).toBe(true);
    expect(result).toMatchObject({ data: { person: null } });
  });

  it('a field left inside a fragment still asks for data', async () => {
    const { planned } = await request(plugin().stage, '{ person(id: "P1") { ...F } } fragment F on Person { fullName warrants }',
      contextOf(subject(['DETECTIVE'], ['ERMS-INTERNAL-RECORDS']), purpose('CRIMINAL_INVESTIGATION')), () => ({ person: null }));
    expect(planned).toContain('fullName');
    expect(planned).not.toContain('warrants');
  });

  it('a fragment emptied by the policy leaves nothing to ask', async () => {
    const { answered } = await request(plugin().stage, '{ ... on Query { person(id: "P1") { ...F } } } fragment F on Person { warrants }',
      contextOf(subject(['OFFICER'], []), purpose('CRIMINAL_INVESTIGATION')));
    expect(answered).toBe(true);
  });
});

describe('[P16, P18] what the client and the audit are told of the removed fields, and nothing more', () => {
  const partlyTrained = () => contextOf(subject(['DETECTIVE'], ['ERMS-INTERNAL-RECORDS']), purpose('CRIMINAL_INVESTIGATION'));
  const SOURCE_ERROR = { message: 'a record source could not answer this part of the request; try again later', path: ['person'], extensions: { code: 'INTERNAL_SERVER_ERROR' } };

  it('the audit names each field asked once, however often the operation asks it', async () => {
    const { rc } = await request(plugin().stage, '{ a: person(id: "P1") { fullName } b: person(id: "P2") { fullName } }',
      contextOf(subject(['DETECTIVE']), purpose('CRIMINAL_INVESTIGATION')), () => ({ a: null, b: null }));
    expect(rc.contextValue.audit.fieldsRequested).toEqual(['Query.person', 'Person.fullName']);
  });

  it('an answer the sources could not give (no data) is passed on as it came', async () => {
    const { result } = await request(plugin().stage, '{ person(id: "P1") { fullName warrants } }', partlyTrained(), () => null, [SOURCE_ERROR]);
    expect(result).toEqual({ data: null, errors: [SOURCE_ERROR] });
  });

  it('the sources\' own errors stay, first; each removed field\'s follows', async () => {
    const { result } = await request(plugin().stage, '{ person(id: "P1") { fullName warrants } }', partlyTrained(),
      () => ({ person: { fullName: 'Ana', _erms_type: 'Person', _erms_key: 'P1' } }), [SOURCE_ERROR]);
    expect(result).toEqual({
      data: { person: { fullName: 'Ana', warrants: null } },
      errors: [SOURCE_ERROR, expect.objectContaining({ path: ['person', 'warrants'], extensions: expect.objectContaining({ code: 'FIELD_NOT_AUTHORIZED', field: 'Person.warrants', reason: 'MISSING_TRAINING' }) })],
    });
  });

  it('a removed field under a parent that came back null is not reported, and the answer gets no empty errors entry', async () => {
    const { result } = await request(plugin().stage, '{ person(id: "P1") { fullName warrants } }', partlyTrained(), () => ({ person: null }));
    expect(result).toEqual({ data: { person: null } });
  });

  it('nothing left, and the denied field was skipped by the client: answered without planning, nothing to report', async () => {
    const { answered, result } = await request(plugin().stage, '{ person(id: "P1") @skip(if: true) { fullName } }', contextOf(subject(['VENDOR']), purpose('CRIMINAL_INVESTIGATION')));
    expect(answered).toBe(true);
    expect(result).toEqual({ data: {} });
  });
});

describe('[P4] a still image leaves only as a declared facial-recognition probe, and the use is flagged', () => {
  it.each([
    { rule: 'allowed as a probe: flagged for the audit', code: 'FACIAL_RECOGNITION_PROBE' as const, flags: ['FACIAL_RECOGNITION_PROBE'] },
    { rule: 'refused under another purpose: nothing to flag', code: 'CRIMINAL_INVESTIGATION' as const, flags: [] },
  ])('$rule', async ({ code, flags }) => {
    const { stage, flagged } = plugin();
    const { rc } = await request(stage, '{ person(id: "P1") { fullName photo } }', contextOf(subject(['DETECTIVE']), purpose(code)), () => ({ person: null }));
    expect(flagged).toEqual(flags);
    expect(rc.contextValue.audit.flags).toEqual(flags);
  });
});
