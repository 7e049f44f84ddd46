import { purposeHeaders, startTestStack, type TestStack } from '../harness/startTestStack';

/**
 * The legal guards through the gateway, as a table of attempts to get around them [P6, P15].
 * Each case names the rule it proves and fails if the rule is removed.
 */
const PERSON = '{ person(id: "P00000001") { id fullName } }';

interface Attempt {
  name: string;
  user: string;
  headers: Record<string, string>;
  query?: string;
  code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' | 'POLITICAL_ACTIVITY_RESTRICTED' | 'PROTECTED_CHARACTERISTICS_ONLY' | 'FIELD_NOT_AUTHORIZED' | 'FORBIDDEN' | 'OPERATION_NOT_APPROVED' | null;
  variables?: Record<string, unknown>;
}

const investigation = (justification: string, caseNumber = '2025-075-000123'): Record<string, string> =>
  purposeHeaders({ code: 'CRIMINAL_INVESTIGATION', caseNumber, justification });

const ATTEMPTS: Attempt[] = [
  // [P15] immigration enforcement, however it is put
  { name: 'the declared purpose', user: 'detective', headers: purposeHeaders({ code: 'IMMIGRATION_ENFORCEMENT' }), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'the purpose code in lower case', user: 'detective', headers: purposeHeaders({ code: 'immigration_enforcement' }), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'the purpose code with a look-alike letter', user: 'detective', headers: purposeHeaders({ code: 'IMMIGRATION_ЕNFORCEMENT' }), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'a detainer in the justification', user: 'detective', headers: investigation('Subject has an ICE detainer, locate'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  // Issue 23: "detainer" alone (Interstate Agreement on Detainers) no longer refuses; an immigration detainer does.
  { name: 'a spaced-out immigration detainer', user: 'detective', headers: investigation('i m m i g r a t i o n   d e t a i n e r   lodged for subject'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'deportation with a Cyrillic letter', user: 'detective', headers: investigation('Assist with dеportation of subject'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'removal proceedings', user: 'analyst', headers: investigation('Subject is in removal proceedings, find address'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'form I-247A in the case number', user: 'detective', headers: investigation('Locate the subject for the case', 'I-247A-2025-1'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'form I-205 in the justification', user: 'detective', headers: investigation('Execute I-205 warrant of removal'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'ERO named with dots', user: 'detective', headers: investigation('Request from E.R.O. New York'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'a word split across case number and justification', user: 'detective', headers: investigation('TATION hearing for the subject', '2025-DEPOR'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'a partner agency asking', user: 'partner-da', headers: purposeHeaders({ code: 'PROSECUTION', justification: 'Share with ICE for removal' }), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'an agency that enforces immigration law, with an innocent purpose', user: 'partner-dhs', headers: purposeHeaders({ code: 'PROSECUTION', justification: 'Joint case review for prosecution' }), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'even for a record-free query', user: 'detective', headers: investigation('ICE detainer check'), query: '{ me { id } }', code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  // [P14] a partner runs only approved operations: this text is refused before parsing; one reaching
  // immigration status is never published, and is nulled if forced in (test/attacks/partnerAccess-test.ts).
  { name: 'a partner asking for place of birth through a nested entity', user: 'partner-da', headers: purposeHeaders({ code: 'PROSECUTION' }), query: '{ arrests(first: 1) { edges { node { person { placeOfBirth citizenshipStatus alienRegistrationNumber } } } } }', code: 'OPERATION_NOT_APPROVED' },
  // [P6] political activity: Intelligence Division, under an authorization in force
  { name: 'a detective declaring political activity', user: 'detective', headers: { ...purposeHeaders({ code: 'POLITICAL_ACTIVITY' }), 'x-investigation-authorization': 'PI-2026-0007' }, code: 'POLITICAL_ACTIVITY_RESTRICTED' },
  { name: 'an analyst declaring political activity', user: 'analyst', headers: { ...purposeHeaders({ code: 'POLITICAL_ACTIVITY' }), 'x-investigation-authorization': 'PI-2026-0007' }, code: 'POLITICAL_ACTIVITY_RESTRICTED' },
  { name: 'the Intelligence Division without an authorization', user: 'intel', headers: purposeHeaders({ code: 'POLITICAL_ACTIVITY' }), code: 'POLITICAL_ACTIVITY_RESTRICTED' },
  { name: 'the Intelligence Division with an expired authorization', user: 'intel', headers: { ...purposeHeaders({ code: 'POLITICAL_ACTIVITY' }), 'x-investigation-authorization': 'FI-2025-0003' }, code: 'POLITICAL_ACTIVITY_RESTRICTED' },
  { name: 'the Intelligence Division with an unknown authorization', user: 'intel', headers: { ...purposeHeaders({ code: 'POLITICAL_ACTIVITY' }), 'x-investigation-authorization': 'PI-9999-0001' }, code: 'POLITICAL_ACTIVITY_RESTRICTED' },
  // [P7] protected characteristics alone never describe a person
  { name: 'race alone', user: 'detective', headers: investigation('Robbery suspect description'), query: '{ searchByDescription(description: { race: "BLACK" }) { totalCount } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
  { name: 'race, sex and age together', user: 'detective', headers: investigation('Robbery suspect description'), query: '{ searchByDescription(description: { race: "WHITE HISPANIC", sex: M, ageMin: 18, ageMax: 25 }) { totalCount } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
  { name: 'protected criteria passed in variables', user: 'detective', headers: investigation('Robbery suspect description'), query: 'query D($d: PersonDescription!) { searchByDescription(description: $d) { totalCount } }', variables: { d: { sex: 'F', ageMin: 30 } }, code: 'PROTECTED_CHARACTERISTICS_ONLY' },
  { name: 'protected criteria under an alias in a fragment', user: 'detective', headers: investigation('Robbery suspect description'), query: '{ ...D } fragment D on Query { who: searchByDescription(description: { race: "ASIAN / PACIFIC ISLANDER", sex: M }) { totalCount } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
  { name: 'protected criteria padded with paging arguments', user: 'detective', headers: investigation('Robbery suspect description'), query: '{ searchByDescription(description: { race: "BLACK", ageMax: 30 }, first: 5, after: null) { totalCount } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
  { name: 'protected criteria with null other criteria', user: 'detective', headers: investigation('Robbery suspect description'), query: '{ searchByDescription(description: { race: "WHITE", name: null, identifyingMark: null }) { totalCount } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
  { name: 'a description with an identifying mark as well', user: 'detective', headers: investigation('Robbery suspect description'), query: '{ searchByDescription(description: { race: "BLACK", sex: M, identifyingMark: "TATTOO" }) { totalCount } }', code: null },
  { name: 'a description by name and age', user: 'detective', headers: investigation('Robbery suspect description'), query: '{ searchByDescription(description: { name: "JON SMYTH", ageMin: 20 }) { totalCount } }', code: null },
  // [P4] an image of a person only as a declared facial-recognition probe, by a role that may
  { name: 'a photo for an investigation', user: 'detective', headers: investigation('Robbery suspect'), query: '{ arrests(first: 1) { edges { node { number photo { dataUrl } } } } }', code: 'FIELD_NOT_AUTHORIZED' },
  // [P5] patrol holds no facial-recognition purpose: refused at the purpose, before any field.
  { name: 'a photo as a probe by patrol', user: 'officer', headers: purposeHeaders({ code: 'FACIAL_RECOGNITION_PROBE' }), query: '{ arrests(first: 1) { edges { node { number photo { dataUrl } } } } }', code: 'FORBIDDEN' },
  { name: 'a photo through an alias and a fragment', user: 'analyst', headers: investigation('Robbery suspect'), query: '{ arrests(first: 1) { edges { node { ...P } } } } fragment P on Arrest { still: photo { mediaType } }', code: 'FIELD_NOT_AUTHORIZED' },
  { name: 'a photo as a declared probe by a detective', user: 'detective', headers: purposeHeaders({ code: 'FACIAL_RECOGNITION_PROBE' }), query: '{ arrests(first: 1) { edges { node { number photo { mediaType dataUrl } } } } }', code: null },
  // What the guards must let through
  { name: 'the Intelligence Division under an authorization in force', user: 'intel', headers: { ...purposeHeaders({ code: 'POLITICAL_ACTIVITY' }), 'x-investigation-authorization': 'PI-2026-0007' }, code: null },
  { name: 'an ordinary investigation', user: 'detective', headers: investigation('Robbery pattern on Pitkin Avenue'), code: null },
];

describe('legal guards', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('pglite', undefined, { recordSubgraphRequests: true });
    // An agency whose mission includes immigration enforcement [P15].
    await stack.governanceDb.query(
      `INSERT INTO directory_user (id, kind, display_name, agency_name, agency_ori, remote_access_allowed, agency_immigration_enforcement)
       VALUES ('partner-dhs', 'CLIENT', 'FEDERAL IMMIGRATION AGENCY', 'FEDERAL IMMIGRATION AGENCY', 'DCICE0000', true, true)`,
    );
    await stack.governanceDb.query(`INSERT INTO user_role (user_id, role, granted_by) VALUES ('partner-dhs', 'PARTNER', 'test')`);
    await stack.governanceDb.query(`INSERT INTO assignment (user_id, command, assignment, effective_from) VALUES ('partner-dhs', 'PARTNER', 'PARTNER', current_date - 1)`);
  }, 120_000);
  afterAll(() => stack?.close());

  it.each(ATTEMPTS.map((a) => [a.name, a] as const))('%s', async (_name, attempt) => {
    const before = stack.subgraphRequests.length;
    // Headers travel as bytes: a UTF-8 look-alike letter arrives as its UTF-8 bytes, as from any raw client.
    const asBytes = Object.fromEntries(Object.entries(attempt.headers).map(([name, value]) => [name, Buffer.from(value, 'utf8').toString('latin1')]));
    const result = await stack.query(attempt.query ?? PERSON, attempt.variables ?? {}, { authorization: `Bearer ${await stack.token(attempt.user)}`, ...asBytes });
    const codes = (result.errors ?? []).map((e) => e.extensions?.code);
    if (attempt.code === null) {
      expect(result.errors).toBeUndefined();
      return;
    }
    expect(codes).toContain(attempt.code);
    if (attempt.code !== 'FIELD_NOT_AUTHORIZED') {
      expect(result.status).toBe(attempt.code === 'PROTECTED_CHARACTERISTICS_ONLY' ? 400 : 403);
      expect(result.data ?? null).toBeNull();
      expect(stack.subgraphRequests.length).toBe(before); // refused before planning
    }
  });

  it('[P4] offers no field or argument that matches faces or other biometrics', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse, Kind } = await import('graphql');
    const sdl = readFileSync(require.resolve('../../schema/supergraph.graphql'), 'utf8');
    const names: string[] = [];
    for (const definition of parse(sdl).definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION) continue;
      for (const field of definition.fields ?? []) {
        names.push(field.name.value, ...('arguments' in field ? (field.arguments ?? []).map((a) => a.name.value) : []));
      }
    }
    expect(names.filter((name) => /biometric|fingerprint|voiceprint|iris|gait|face|facial/i.test(name))).toEqual([]);
  });

  it('[P15] never returns a civil immigration detainer or administrative warrant through a warrant search, to anyone', async () => {
    const held = await stack.subgraphs.warrants.db.query<{ number: string }>('SELECT number FROM warrant WHERE immigration');
    expect(held.length).toBeGreaterThan(0); // they are in the source, so this can fail
    for (const [user, purpose] of [['iab', { code: 'AUDIT' }], ['detective', { code: 'CRIMINAL_INVESTIGATION' }], ['partner-da', { code: 'PROSECUTION' }]] as const) {
      const list = await stack.queryAs(user, purpose, '{ warrants(first: 100) { totalCount edges { node { number } } } }');
      const numbers = (list.data?.warrants?.edges ?? []).map((e: any) => e.node.number); // a partner sending text gets none at all [P14]
      expect(numbers.filter((n: string) => held.some((h) => h.number === n))).toEqual([]);
      const lookup = await stack.queryAs(user, purpose, 'query W($n: String!) { warrant(number: $n) { number } }', { n: held[0]!.number });
      expect(lookup.data?.warrant ?? null).toBeNull();
      const judicial = await stack.subgraphs.warrants.db.query<{ count: number }>('SELECT count(*)::int AS count FROM warrant WHERE NOT immigration');
      if (user === 'iab') expect(list.data.warrants.totalCount).toBe(judicial[0]!.count);
    }
  });

  it('refuses a batched request whole (no guard can be slipped past in a batch)', async () => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token('detective')}`, ...investigation('Robbery suspect') },
      body: JSON.stringify([{ query: PERSON }, { query: '{ searchByDescription(description: { race: "BLACK" }) { totalCount } }' }]),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).not.toContain('fullName');
  });

  it('counts every refusal by guard at /metrics', async () => {
    const metrics = await (await fetch(stack.gateway.url.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${await stack.token('admin')}` } })).text();
    const count = (guard: string) => Number(new RegExp(`erms_guard_refusals_total\\{guard="${guard}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    expect(count('IMMIGRATION_ENFORCEMENT')).toBe(ATTEMPTS.filter((a) => a.code === 'IMMIGRATION_ENFORCEMENT_BLOCKED').length);
    expect(count('POLITICAL_ACTIVITY')).toBe(ATTEMPTS.filter((a) => a.code === 'POLITICAL_ACTIVITY_RESTRICTED').length);
    expect(count('PROTECTED_CHARACTERISTICS')).toBe(ATTEMPTS.filter((a) => a.code === 'PROTECTED_CHARACTERISTICS_ONLY').length);
    // [P4] the one allowed probe use is flagged for the audit.
    expect(metrics).toMatch(/erms_flagged_uses_total\{flag="FACIAL_RECOGNITION_PROBE"\} 1\b/);
  });
});
