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
  code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' | 'POLITICAL_ACTIVITY_RESTRICTED' | 'FIELD_NOT_AUTHORIZED' | null;
}

const investigation = (justification: string, caseNumber = '2025-075-000123'): Record<string, string> =>
  purposeHeaders({ code: 'CRIMINAL_INVESTIGATION', caseNumber, justification });

const ATTEMPTS: Attempt[] = [
  // [P15] immigration enforcement, however it is put
  { name: 'the declared purpose', user: 'detective', headers: purposeHeaders({ code: 'IMMIGRATION_ENFORCEMENT' }), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'the purpose code in lower case', user: 'detective', headers: purposeHeaders({ code: 'immigration_enforcement' }), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'the purpose code with a look-alike letter', user: 'detective', headers: purposeHeaders({ code: 'IMMIGRATION_ЕNFORCEMENT' }), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'a detainer in the justification', user: 'detective', headers: investigation('Subject has an ICE detainer, locate'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'a spaced-out detainer', user: 'detective', headers: investigation('d e t a i n e r   lodged for subject'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'deportation with a Cyrillic letter', user: 'detective', headers: investigation('Assist with dеportation of subject'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'removal proceedings', user: 'analyst', headers: investigation('Subject is in removal proceedings, find address'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'form I-247A in the case number', user: 'detective', headers: investigation('Locate the subject for the case', 'I-247A-2025-1'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'form I-205 in the justification', user: 'detective', headers: investigation('Execute I-205 warrant of removal'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'ERO named with dots', user: 'detective', headers: investigation('Request from E.R.O. New York'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'a word split across case number and justification', user: 'detective', headers: investigation('TATION hearing for the subject', '2025-DEPOR'), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'a partner agency asking', user: 'partner-da', headers: purposeHeaders({ code: 'PROSECUTION', justification: 'Share with ICE for removal' }), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'an agency that enforces immigration law, with an innocent purpose', user: 'partner-dhs', headers: purposeHeaders({ code: 'PROSECUTION', justification: 'Joint case review for prosecution' }), code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'even for a record-free query', user: 'detective', headers: investigation('ICE detainer check'), query: '{ me { id } }', code: 'IMMIGRATION_ENFORCEMENT_BLOCKED' },
  { name: 'a partner asking for place of birth through a nested entity', user: 'partner-da', headers: purposeHeaders({ code: 'PROSECUTION' }), query: '{ arrests(first: 1) { edges { node { person { placeOfBirth citizenshipStatus alienRegistrationNumber } } } } }', code: 'FIELD_NOT_AUTHORIZED' },
  // [P6] political activity: Intelligence Division, under an authorization in force
  { name: 'a detective declaring political activity', user: 'detective', headers: { ...purposeHeaders({ code: 'POLITICAL_ACTIVITY' }), 'x-investigation-authorization': 'PI-2026-0007' }, code: 'POLITICAL_ACTIVITY_RESTRICTED' },
  { name: 'an analyst declaring political activity', user: 'analyst', headers: { ...purposeHeaders({ code: 'POLITICAL_ACTIVITY' }), 'x-investigation-authorization': 'PI-2026-0007' }, code: 'POLITICAL_ACTIVITY_RESTRICTED' },
  { name: 'the Intelligence Division without an authorization', user: 'intel', headers: purposeHeaders({ code: 'POLITICAL_ACTIVITY' }), code: 'POLITICAL_ACTIVITY_RESTRICTED' },
  { name: 'the Intelligence Division with an expired authorization', user: 'intel', headers: { ...purposeHeaders({ code: 'POLITICAL_ACTIVITY' }), 'x-investigation-authorization': 'FI-2025-0003' }, code: 'POLITICAL_ACTIVITY_RESTRICTED' },
  { name: 'the Intelligence Division with an unknown authorization', user: 'intel', headers: { ...purposeHeaders({ code: 'POLITICAL_ACTIVITY' }), 'x-investigation-authorization': 'PI-9999-0001' }, code: 'POLITICAL_ACTIVITY_RESTRICTED' },
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
    const result = await stack.query(attempt.query ?? PERSON, {}, { authorization: `Bearer ${await stack.token(attempt.user)}`, ...asBytes });
    const codes = (result.errors ?? []).map((e) => e.extensions?.code);
    if (attempt.code === null) {
      expect(result.errors).toBeUndefined();
      return;
    }
    expect(codes).toContain(attempt.code);
    if (attempt.code !== 'FIELD_NOT_AUTHORIZED') {
      expect(result.status).toBe(403);
      expect(result.data ?? null).toBeNull();
      expect(stack.subgraphRequests.length).toBe(before); // refused before planning
    }
  });

  it('counts every refusal by guard at /metrics', async () => {
    const metrics = await (await fetch(stack.gateway.url.replace('/graphql', '/metrics'))).text();
    const count = (guard: string) => Number(new RegExp(`erms_guard_refusals_total\\{guard="${guard}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    expect(count('IMMIGRATION_ENFORCEMENT')).toBe(ATTEMPTS.filter((a) => a.code === 'IMMIGRATION_ENFORCEMENT_BLOCKED').length);
    expect(count('POLITICAL_ACTIVITY')).toBe(ATTEMPTS.filter((a) => a.code === 'POLITICAL_ACTIVITY_RESTRICTED').length);
  });
});
