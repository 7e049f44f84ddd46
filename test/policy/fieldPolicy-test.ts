import { createKeyPair } from '../../platform/identity/localKeys';
import { CONTEXT_HEADER, signSubgraphContext } from '../../platform/identity/subgraphContextToken';
import { postGraphQL } from '../harness/startTestSubgraph';
import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';
import { AUDITOR } from '../harness/testContext';

/**
 * Who may see what, through the gateway, as users see it [P5, P8, P9, P12, P16]. Each case
 * names the rule it proves and fails if that rule is removed.
 */
const INVESTIGATION = { code: 'CRIMINAL_INVESTIGATION' };
const PERSON = /* GraphQL */ `
  query Person($id: ID!) {
    person(id: $id) {
      id
      fullName
      dateOfBirth
      placeOfBirth
      arrests { number }
      warrants { number }
    }
  }`;
const codes = (result: { errors?: { extensions?: Record<string, any> }[] }) => (result.errors ?? []).map((e) => e.extensions?.code);

describe('field policy through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('pglite', undefined, { recordSubgraphRequests: true });
  }, 120_000);
  afterAll(() => stack?.close());

  const requestsTo = (subgraph: string) => stack.subgraphRequests.filter((r) => r.subgraph === subgraph);

  it('answers introspection (the explorer\'s schema query) without a declared purpose, and never with an empty errors list', async () => {
    const result = await stack.queryAs('officer', null, '{ __schema { queryType { name } types { name } } __type(name: "Person") { fields { name } } }');
    expect(result.status).toBe(200);
    expect(result.data.__schema.queryType.name).toBe('Query');
    expect(result.data.__type.fields.map((f: { name: string }) => f.name)).toContain('fullName');
    expect('errors' in result).toBe(false);
    const typename = await stack.queryAs('officer', null, '{ __typename }');
    expect(typename).toMatchObject({ status: 200, data: { __typename: 'Query' } });
    expect('errors' in typename).toBe(false);
  });

  it('[P9] refuses a request without a bearer token, or with a forged one, with 401 UNAUTHENTICATED', async () => {
    const anonymous = await stack.query(PERSON, { id: 'P00000001' }, purposeHeaders(INVESTIGATION));
    expect(anonymous.status).toBe(401);
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const forgedKey = await createKeyPair('forger', 'ES256');
    const { issueDevelopmentToken } = await import('../../platform/identity/issueDevelopmentToken');
    const forged = await stack.query(PERSON, { id: 'P00000001' }, { authorization: `Bearer ${await issueDevelopmentToken(forgedKey, { userId: 'detective' })}`, ...purposeHeaders(INVESTIGATION) });
    expect(forged.status).toBe(401);
  });

  it('[P9] refuses a remote session without MFA, and a remote session for a user not permitted remote access', async () => {
    const noMfa = await stack.query(PERSON, { id: 'P00000001' }, { authorization: `Bearer ${await stack.token('detective', { remote: true })}`, ...purposeHeaders(INVESTIGATION) });
    expect(noMfa.status).toBe(401);
    const officerRemote = await stack.query(PERSON, { id: 'P00000001' }, { authorization: `Bearer ${await stack.token('officer', { remote: true, mfa: true })}`, ...purposeHeaders(INVESTIGATION) });
    expect(officerRemote.status).toBe(403);
    expect(codes(officerRemote)).toEqual(['FORBIDDEN']);
    const detectiveRemote = await stack.query(PERSON, { id: 'P00000001' }, { authorization: `Bearer ${await stack.token('detective', { remote: true, mfa: true })}`, ...purposeHeaders(INVESTIGATION) });
    expect(detectiveRemote.status).toBe(200);
    expect(detectiveRemote.data.person.id).toBe('P00000001');
  });

  it('[P5] refuses a record query without a declared purpose before any subgraph is called', async () => {
    const before = stack.subgraphRequests.length;
    const result = await stack.queryAs('detective', null, PERSON, { id: 'P00000001' });
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual(['PURPOSE_REQUIRED']);
    expect(result.errors![0]!.extensions!.missing).toEqual(['X-Purpose', 'X-Case-Number', 'X-Justification']);
    expect(stack.subgraphRequests.length).toBe(before);
  });

  it('[P5] refuses a malformed purpose with BAD_USER_INPUT', async () => {
    const result = await stack.queryAs('detective', { code: 'CURIOSITY' }, PERSON, { id: 'P00000001' });
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('gives a detective the person across sources; an officer the same query without what the officer may not see', async () => {
    const detective = await stack.queryAs('detective', INVESTIGATION, PERSON, { id: 'P00000001' });
    // [P15] immigration-related attributes are not for an investigation, even a detective's.
    expect(detective.errors!.map((e) => e.path!.join('.'))).toEqual(['person.placeOfBirth']);
    expect(detective.data.person.fullName).toEqual(expect.any(String));
    expect(Array.isArray(detective.data.person.warrants)).toBe(true);

    const officer = await stack.queryAs('officer', INVESTIGATION, PERSON, { id: 'P00000001' });
    expect(officer.data.person.fullName).toBe(detective.data.person.fullName);
    // [P8] no outside-agency training: the warrants source's fields are refused.
    expect(officer.data.person.warrants).toBeNull();
    const warrantsError = officer.errors!.find((e) => e.path?.join('.') === 'person.warrants');
    expect(warrantsError!.extensions).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED', reason: 'MISSING_TRAINING', field: 'Person.warrants' });
    expect(officer.data.person.placeOfBirth).toBeNull();
    expect(detective.data.person.placeOfBirth).toBeNull();
    expect(officer.errors!.find((e) => e.path?.join('.') === 'person.placeOfBirth')!.extensions!.code).toBe('FIELD_NOT_AUTHORIZED');
  });

  it('never sends a denied field to a subgraph', async () => {
    const before = stack.subgraphRequests.length;
    await stack.queryAs('officer', INVESTIGATION, PERSON, { id: 'P00000002' });
    const sent = stack.subgraphRequests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.some((r) => r.subgraph === 'warrants')).toBe(false);
    expect(sent.some((r) => /placeOfBirth/.test(r.query))).toBe(false);
    // and every subgraph call carried the gateway's signed context
    expect(sent.every((r) => typeof r.headers[CONTEXT_HEADER] === 'string')).toBe(true);
  });

  it('never shares a query plan between callers with different rights (same text, alternating)', async () => {
    for (let round = 0; round < 3; round++) {
      const detective = await stack.queryAs('detective', INVESTIGATION, PERSON, { id: 'P00000003' });
      expect(detective.errors!.map((e) => e.path!.join('.'))).toEqual(['person.placeOfBirth']);
      expect(Array.isArray(detective.data.person.warrants)).toBe(true);
      const officer = await stack.queryAs('officer', INVESTIGATION, PERSON, { id: 'P00000003' });
      expect(officer.data.person.warrants).toBeNull();
      expect(codes(officer)).toContain('FIELD_NOT_AUTHORIZED');
    }
  });

  it('[P16] gives an administrator and a vendor no record data, and calls no record subgraph for them', async () => {
    for (const user of ['admin', 'vendor']) {
      const before = stack.subgraphRequests.length;
      const result = await stack.queryAs(user, INVESTIGATION, PERSON, { id: 'P00000001' });
      expect(result.data).toEqual({ person: null });
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED', reason: 'MISSING_ROLE' });
      expect(stack.subgraphRequests.length).toBe(before);
    }
  });

  it('[P8] a user whose training lapsed is refused every record source', async () => {
    const result = await stack.queryAs('trainee', INVESTIGATION, PERSON, { id: 'P00000001' });
    expect(result.data).toEqual({ person: null });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED', reason: 'MISSING_TRAINING' });
  });

  it('[P8] an administrator changes roles through GraphQL; the change applies to tokens already issued', async () => {
    const officerToken = await stack.token('officer');
    const asOfficer = () => stack.query(PERSON, { id: 'P00000001' }, { authorization: `Bearer ${officerToken}`, ...purposeHeaders(INVESTIGATION) });
    expect((await asOfficer()).data.person).not.toBeNull();

    const admin = await stack.queryAs('admin', null, `mutation { setUserRoles(userId: "officer", roles: [VENDOR]) { id roles } }`);
    expect(admin.errors).toBeUndefined();
    expect(admin.data.setUserRoles.roles).toEqual(['VENDOR']);
    const revoked = await asOfficer();
    expect(revoked.data.person).toBeNull();
    expect(revoked.errors![0]!.extensions!.reason).toBe('MISSING_ROLE');

    // A role that reaches record data comes back only with a second person's approval [P8].
    const restored = await stack.queryAs('admin', null, `mutation { setUserRoles(userId: "officer", roles: [OFFICER]) { id pendingGrants { id } } }`);
    expect((await asOfficer()).data.person).toBeNull();
    await stack.queryAs('co', null, 'mutation A($id: ID!) { approveRoleGrant(id: $id) { status } }', { id: restored.data.setUserRoles.pendingGrants[0].id });
    expect((await asOfficer()).data.person).not.toBeNull();
    const log = await stack.governanceDb.query<{ changed_by: string }>("SELECT changed_by FROM directory_change WHERE user_id = 'officer' ORDER BY id");
    expect(log.map((row) => row.changed_by)).toEqual(['admin', 'admin', 'co']);
  });

  it('[P8] only an administrator may change the directory', async () => {
    const result = await stack.queryAs('supervisor', null, `mutation { setUserRoles(userId: "officer", roles: [IAB]) { id } }`);
    expect(result.data).toBeNull();
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED', reason: 'MISSING_ROLE' });
    expect((await stack.directory.subject('officer', false, false))!.roles).toEqual(['OFFICER']);
  });

  it('answers `me` without a purpose: the caller as the directory and policy see them', async () => {
    const result = await stack.queryAs('detective', null, `{ me { id roles command currentTrainings } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.me).toMatchObject({ id: 'detective', roles: ['DETECTIVE'], command: '075 DET SQUAD' });
  });
});

describe('subgraphs trust only the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 120_000);
  afterAll(() => stack?.close());

  const QUERY = '{ person(id: "P00000001") { id fullName } }';

  it('refuses a direct call without the signed context, with 401 UNAUTHENTICATED', async () => {
    const result = await postGraphQL(stack.subgraphs['complaints-arrests'].url, QUERY);
    expect(result.status).toBe(401);
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a context signed by any other key, or tampered with', async () => {
    const otherKey = await createKeyPair('not-the-gateway', 'EdDSA');
    const forged = await postGraphQL(stack.subgraphs['complaints-arrests'].url, QUERY, undefined, { [CONTEXT_HEADER]: await signSubgraphContext(otherKey, AUDITOR) });
    expect(forged.status).toBe(401);
    const genuine = (await stack.subgraphs['complaints-arrests'].query(QUERY)).data;
    expect(genuine.person.id).toBe('P00000001');
  });
});
