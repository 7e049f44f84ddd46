import { evaluateRule } from '../evaluateRule';
import { categoryAllowed } from '../rules';
import { policyContext, type AgreementScope, type Subject } from '../Subject';
import { AGREEMENT_GRANTABLE } from '../agreementScope';
import { CATEGORY_NAMES, PURPOSES, ROLES, type Category, type Purpose, type Role } from '../vocabulary';

/**
 * The access table, stated a second time as the policy reads: every (role, category, purpose)
 * that is allowed. Every other combination must be refused. Removing a grant from the table, or
 * adding one, fails a case here.
 */
const INVESTIGATIVE = ['CRIMINAL_INVESTIGATION', 'EMERGENCY_RESPONSE'];
const ALLOWED: Record<string, string[]> = {
  'OFFICER META': INVESTIGATIVE,
  'OFFICER RECORD': INVESTIGATIVE,
  'OFFICER IDENTIFYING': INVESTIGATIVE,
  'DETECTIVE META': [...INVESTIGATIVE, 'CIVIL_LITIGATION', 'FACIAL_RECOGNITION_PROBE'],
  'DETECTIVE RECORD': [...INVESTIGATIVE, 'CIVIL_LITIGATION', 'FACIAL_RECOGNITION_PROBE'],
  'DETECTIVE IDENTIFYING': [...INVESTIGATIVE, 'CIVIL_LITIGATION', 'FACIAL_RECOGNITION_PROBE'],
  'DETECTIVE IMAGE': ['FACIAL_RECOGNITION_PROBE'],
  'DETECTIVE CONFIDENTIAL_ADDRESS': INVESTIGATIVE,
  'DETECTIVE COMMERCIAL': INVESTIGATIVE,
  'ANALYST META': ['CRIMINAL_INVESTIGATION'],
  'ANALYST RECORD': ['CRIMINAL_INVESTIGATION'],
  'ANALYST IDENTIFYING': ['CRIMINAL_INVESTIGATION'],
  'SUPERVISOR META': ['CRIMINAL_INVESTIGATION', 'AUDIT', 'DISCIPLINARY'],
  'SUPERVISOR RECORD': ['CRIMINAL_INVESTIGATION', 'AUDIT', 'DISCIPLINARY'],
  'SUPERVISOR IDENTIFYING': ['CRIMINAL_INVESTIGATION', 'AUDIT', 'DISCIPLINARY'],
  'SUPERVISOR AUDIT_LOG': ['AUDIT'],
  'COMMANDING_OFFICER META': ['CRIMINAL_INVESTIGATION', 'AUDIT', 'DISCIPLINARY'],
  'COMMANDING_OFFICER RECORD': ['CRIMINAL_INVESTIGATION', 'AUDIT', 'DISCIPLINARY'],
  'COMMANDING_OFFICER IDENTIFYING': ['CRIMINAL_INVESTIGATION', 'AUDIT', 'DISCIPLINARY'],
  'COMMANDING_OFFICER AUDIT_LOG': ['AUDIT'],
  'ICO AUDIT_LOG': ['AUDIT'],
  'IAB AUDIT_LOG': ['AUDIT', 'DISCIPLINARY'],
  'PRIVACY_OFFICER AUDIT_LOG': ['AUDIT'],
  'ICO META': ['AUDIT', 'DISCIPLINARY'],
  'ICO RECORD': ['AUDIT', 'DISCIPLINARY'],
  'ICO IDENTIFYING': ['AUDIT', 'DISCIPLINARY'],
  'IAB META': ['AUDIT', 'DISCIPLINARY'],
  'IAB RECORD': ['AUDIT', 'DISCIPLINARY'],
  'IAB IDENTIFYING': ['AUDIT', 'DISCIPLINARY'],
  'IAB CONFIDENTIAL_ADDRESS': ['AUDIT', 'DISCIPLINARY'],
  'IAB IMMIGRATION_STATUS': ['AUDIT'],
  'PRIVACY_OFFICER META': ['FOIL', 'AUDIT', 'CIVIL_LITIGATION'],
  'PRIVACY_OFFICER RECORD': ['FOIL', 'AUDIT', 'CIVIL_LITIGATION'],
  'PRIVACY_OFFICER IDENTIFYING': ['FOIL', 'AUDIT', 'CIVIL_LITIGATION'],
  'PRIVACY_OFFICER IMMIGRATION_STATUS': ['AUDIT'],
  'INTELLIGENCE META': ['CRIMINAL_INVESTIGATION', 'POLITICAL_ACTIVITY'],
  'INTELLIGENCE RECORD': ['CRIMINAL_INVESTIGATION', 'POLITICAL_ACTIVITY'],
  'INTELLIGENCE IDENTIFYING': ['CRIMINAL_INVESTIGATION', 'POLITICAL_ACTIVITY'],
  'INTELLIGENCE COMMERCIAL': ['CRIMINAL_INVESTIGATION'],
  'PARTNER META': ['PROSECUTION', 'CRIMINAL_INVESTIGATION'],
  'PARTNER RECORD': ['PROSECUTION', 'CRIMINAL_INVESTIGATION'],
  'PARTNER IDENTIFYING': ['PROSECUTION'],
};
/** Categories allowed whatever the purpose, even with none declared. */
const PURPOSE_FREE_GRANTS = new Set([
  'ADMIN DIRECTORY', 'ADMIN ADMINISTRATION', 'SUPERVISOR COMMERCIAL_COST', 'ICO COMMERCIAL_COST',
  'ADMIN ROLE_GRANTS', 'COMMANDING_OFFICER ROLE_GRANTS', 'IAB ROLE_GRANTS', 'PRIVACY_OFFICER ROLE_GRANTS',
  'COMMANDING_OFFICER GRANT_APPROVAL', 'PRIVACY_OFFICER GRANT_APPROVAL',
  'PRIVACY_OFFICER AGREEMENTS', 'LEGAL AGREEMENTS', 'PARTNER PARTNER_REQUESTS', 'PRIVACY_OFFICER PARTNER_REQUESTS', 'LEGAL PARTNER_REQUESTS',
  ...ROLES.filter((role) => role !== 'PARTNER').map((role) => `${role} SELF`),
  // Saved queries: every role that reads records; never an administrator, vendor, developer or partner [P14, P16].
  ...['OFFICER', 'DETECTIVE', 'ANALYST', 'SUPERVISOR', 'COMMANDING_OFFICER', 'ICO', 'IAB', 'PRIVACY_OFFICER', 'INTELLIGENCE'].map((role) => `${role} WORKSPACE`),
]);

/**
 * [P14] A partner is tested under an agreement granting everything an agreement may grant, so
 * the table's PARTNER row reads as the ceiling of every agreement (agreementScope-test.ts
 * proves the agreement's own narrowing).
 */
const WIDEST_AGREEMENT: AgreementScope = { number: 'WIDEST', systems: ['complaints-arrests', 'calls', 'warrants'], categories: [...AGREEMENT_GRANTABLE], purposes: [...PURPOSES] };

function subjectWith(role: Role): Subject {
  return {
    id: 'u', kind: 'USER', displayName: 'u', roles: [role], command: 'X', assignment: 'X',
    agency: { name: 'A', ori: 'NY0000000' }, currentTrainings: [], remote: false, mfa: false,
    ...(role === 'PARTNER' ? { agreement: WIDEST_AGREEMENT } : {}),
  };
}

const cases: [Role, Category, Purpose | null, boolean][] = [];
for (const role of ROLES) {
  for (const category of CATEGORY_NAMES) {
    for (const purpose of [...PURPOSES, null]) {
      const key = `${role} ${category}`;
      const allowed = PURPOSE_FREE_GRANTS.has(key) || (purpose !== null && (ALLOWED[key] ?? []).includes(purpose));
      cases.push([role, category, purpose, allowed]);
    }
  }
}

describe('access table: role × category × purpose', () => {
  it.each(cases)('%s may see %s for %s: %s', async (role, category, purpose, allowed) => {
    const context = policyContext(subjectWith(role), purpose ? { code: purpose, caseNumber: 'C-1', justification: 'testing the table' } : null);
    const decision = await evaluateRule(categoryAllowed(category), context);
    expect(decision.allowed).toBe(allowed);
  });

  it('never lets an administrator or a vendor see record data, whatever the purpose [P16]', async () => {
    for (const role of ['ADMIN', 'VENDOR'] as Role[]) {
      for (const category of ['RECORD', 'IDENTIFYING', 'META', 'IMAGE', 'CONFIDENTIAL_ADDRESS', 'IMMIGRATION_STATUS', 'COMMERCIAL'] as Category[]) {
        for (const purpose of PURPOSES) {
          const context = policyContext(subjectWith(role), { code: purpose, caseNumber: 'C-1', justification: 'trying every purpose' });
          expect((await evaluateRule(categoryAllowed(category), context)).allowed).toBe(false);
        }
      }
    }
  });

  it('says why it refused: missing role, missing purpose, or a purpose not permitted', async () => {
    const vendor = await evaluateRule(categoryAllowed('RECORD'), policyContext(subjectWith('VENDOR'), null));
    expect(vendor.allowed || vendor.denial.reason).toBe('MISSING_ROLE');
    const noPurpose = await evaluateRule(categoryAllowed('RECORD'), policyContext(subjectWith('OFFICER'), null));
    expect(noPurpose.allowed || noPurpose.denial.reason).toBe('MISSING_PURPOSE');
    const wrongPurpose = await evaluateRule(
      categoryAllowed('RECORD'),
      policyContext(subjectWith('OFFICER'), { code: 'FOIL', caseNumber: 'C-1', justification: 'not an officer task' }),
    );
    expect(wrongPurpose.allowed || wrongPurpose.denial.reason).toBe('PURPOSE_NOT_PERMITTED');
  });
});
