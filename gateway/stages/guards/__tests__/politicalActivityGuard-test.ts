import type { InvestigationAuthorization } from '../../../../subgraphs/governance/directory/DirectoryStore';
import type { DeclaredPurpose, Subject } from '../../../../policy/Subject';
import type { Role } from '../../../../policy/vocabulary';
import { politicalActivityGuard } from '../requestGuards';

/**
 * [P6] Revised Handschu Guidelines: political activity is investigated only by a member of the
 * Intelligence Division (its command AND its role), under an authorization in force of that
 * division. Each condition is proved alone: a caller holding one and not the other is refused.
 */
const AUTHORIZATIONS: Record<string, InvestigationAuthorization> = {
  'PI-2026-0007': { number: 'PI-2026-0007', kind: 'PRELIMINARY_INQUIRY', command: 'INTELLIGENCE DIVISION', expiresOn: '2027-06-30' },
  'PI-2026-0099': { number: 'PI-2026-0099', kind: 'PRELIMINARY_INQUIRY', command: '075 PCT', expiresOn: '2027-06-30' },
};
const guard = politicalActivityGuard(async (number) => AUTHORIZATIONS[number] ?? null);

function subject(command: string, roles: Role[]): Subject {
  return {
    id: 'u1', kind: 'USER', displayName: 'U', roles, command, assignment: 'INVESTIGATOR',
    agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: false, mfa: false,
  };
}
const POLITICAL: DeclaredPurpose = { code: 'POLITICAL_ACTIVITY', caseNumber: 'PI-2026-0007', justification: 'Preliminary inquiry under authorization' };

const CASES: { rule: string; subject: Subject; authorization?: string; allowed: boolean }[] = [
  { rule: 'the Intelligence Division, its role, an authorization in force: allowed', subject: subject('INTELLIGENCE DIVISION', ['INTELLIGENCE']), authorization: 'PI-2026-0007', allowed: true },
  { rule: 'the division without its role is refused', subject: subject('INTELLIGENCE DIVISION', ['DETECTIVE']), authorization: 'PI-2026-0007', allowed: false },
  { rule: 'the role outside the division is refused', subject: subject('075 PCT', ['INTELLIGENCE']), authorization: 'PI-2026-0007', allowed: false },
  { rule: 'neither division nor role is refused', subject: subject('075 PCT', ['DETECTIVE']), authorization: 'PI-2026-0007', allowed: false },
  { rule: 'no authorization header is refused', subject: subject('INTELLIGENCE DIVISION', ['INTELLIGENCE']), allowed: false },
  { rule: 'an unknown authorization is refused', subject: subject('INTELLIGENCE DIVISION', ['INTELLIGENCE']), authorization: 'PI-9999-0001', allowed: false },
  { rule: "another command's authorization is refused", subject: subject('INTELLIGENCE DIVISION', ['INTELLIGENCE']), authorization: 'PI-2026-0099', allowed: false },
];

describe('[P6] political activity only from the Intelligence Division, under an authorization in force', () => {
  it.each(CASES)('$rule', async ({ subject, authorization, allowed }) => {
    const headers = authorization ? { 'x-investigation-authorization': authorization } : {};
    const refusal = await guard.check({ subject, headers, purpose: POLITICAL });
    if (allowed) expect(refusal).toBeNull();
    else expect(refusal?.extensions.code).toBe('POLITICAL_ACTIVITY_RESTRICTED');
  });

  it('an authorization store that cannot answer refuses (fail closed)', async () => {
    const failing = politicalActivityGuard(async () => { throw new Error('store down'); });
    const refusal = await failing.check({ subject: subject('INTELLIGENCE DIVISION', ['INTELLIGENCE']), headers: { 'x-investigation-authorization': 'PI-2026-0007' }, purpose: POLITICAL });
    expect(refusal?.extensions.code).toBe('POLITICAL_ACTIVITY_RESTRICTED');
  });

  it('other purposes are not this guard\'s to refuse', async () => {
    const refusal = await guard.check({ subject: subject('075 PCT', ['DETECTIVE']), headers: {}, purpose: { ...POLITICAL, code: 'CRIMINAL_INVESTIGATION' } });
    expect(refusal).toBeNull();
  });
});
