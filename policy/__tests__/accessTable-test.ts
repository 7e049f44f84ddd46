import { evaluateRule } from '../evaluateRule';
import { categoryAllowed } from '../rules';
import { policyContext, type AgreementScope, type Subject } from '../Subject';
import { AGREEMENT_GRANTABLE } from '../agreementScope';
import { CATEGORY_NAMES, PURPOSES, ROLES, type Category, type Purpose, type Role } from '../vocabulary';
import { allowedByPolicy } from './accessTableAsWritten';

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
      cases.push([role, category, purpose, allowedByPolicy(role, category, purpose)]);
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
