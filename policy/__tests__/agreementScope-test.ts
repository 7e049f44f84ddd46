import { evaluateRule } from '../evaluateRule';
import { fieldRule } from '../rules';
import { policyContext, type AgreementScope, type Subject } from '../Subject';
import type { Category, Purpose } from '../vocabulary';

/** [P14] For a partner agency the written agreement is the grant: category, system and purpose. */
const DA: AgreementScope = { number: 'DA-1', systems: ['complaints-arrests', 'warrants'], categories: ['RECORD', 'IDENTIFYING'], purposes: ['PROSECUTION'] };
const NEIGHBOUR: AgreementScope = { number: 'PD-1', systems: ['warrants'], categories: ['RECORD'], purposes: ['CRIMINAL_INVESTIGATION'] };

const partner = (agreement: AgreementScope | undefined, kind: Subject['kind'] = 'CLIENT'): Subject => ({
  id: 'p', kind, displayName: 'p', roles: ['PARTNER'], command: 'X', assignment: 'X', agency: { name: 'A', ori: 'NY0000000' },
  currentTrainings: ['ERMS-INTERNAL-RECORDS', 'ERMS-OUTSIDE-AGENCY-RECORDS'], remote: false, mfa: false, ...(agreement ? { agreement } : {}),
});

const cases: [string, AgreementScope | undefined, Category, string[], Purpose, boolean][] = [
  ['the DA reads an arrest for prosecution', DA, 'RECORD', ['complaints-arrests'], 'PROSECUTION', true],
  ['the DA reads a name for prosecution', DA, 'IDENTIFYING', ['complaints-arrests'], 'PROSECUTION', true],
  ['the DA reads a warrant', DA, 'RECORD', ['warrants'], 'PROSECUTION', true],
  ['the DA never reaches 911 calls, a system it was not granted', DA, 'RECORD', ['calls'], 'PROSECUTION', false],
  ['the DA never reads under a purpose outside its agreement', DA, 'RECORD', ['complaints-arrests'], 'CRIMINAL_INVESTIGATION', false],
  ['the neighbouring department reads warrants', NEIGHBOUR, 'RECORD', ['warrants'], 'CRIMINAL_INVESTIGATION', true],
  ['the neighbouring department never reads arrests', NEIGHBOUR, 'RECORD', ['complaints-arrests'], 'CRIMINAL_INVESTIGATION', false],
  ['the neighbouring department never reads names (no IDENTIFYING in its agreement)', NEIGHBOUR, 'IDENTIFYING', ['warrants'], 'CRIMINAL_INVESTIGATION', false],
  ['a field shared by a granted and another system is served', NEIGHBOUR, 'RECORD', ['complaints-arrests', 'warrants'], 'CRIMINAL_INVESTIGATION', true],
  ['a partner without an agreement in force sees nothing', undefined, 'RECORD', ['warrants'], 'PROSECUTION', false],
];

describe('[P14] a partner sees only what its agreement grants', () => {
  it.each(cases)('%s', async (_rule, agreement, category, systems, purpose, allowed) => {
    const decision = await evaluateRule(fieldRule(category, systems), policyContext(partner(agreement), { code: purpose, caseNumber: 'C-1', justification: 'agreement test' }));
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.denial.reason).toBe('AGREEMENT_SCOPE');
  });

  it('a partner user (not a client) is held to the agreement naming them', async () => {
    const decision = await evaluateRule(fieldRule('RECORD', ['calls']), policyContext(partner(DA, 'USER'), { code: 'PROSECUTION', caseNumber: 'C-1', justification: 'x' }));
    expect(decision.allowed || decision.denial.reason).toBe('AGREEMENT_SCOPE');
  });

  it('[P15] even an agreement naming immigration status does not open it: the table refuses partners that category', async () => {
    const forged: AgreementScope = { ...DA, categories: ['RECORD', 'IMMIGRATION_STATUS'] };
    const decision = await evaluateRule(fieldRule('IMMIGRATION_STATUS', ['complaints-arrests']), policyContext(partner(forged), { code: 'PROSECUTION', caseNumber: 'C-1', justification: 'x' }));
    expect(decision.allowed).toBe(false);
  });
});
