import { evaluateRule } from '../evaluateRule';
import { categoryAllowed, fieldRule } from '../rules';
import { AGREEMENT_IMPLIED, isPartner, outsideAgreement } from '../agreementScope';
import { PURPOSE_FREE } from '../accessTable';
import { policyContext, type AgreementScope, type Subject } from '../Subject';
import { CATEGORY_NAMES, PURPOSES, type Category, type Purpose, type Role } from '../vocabulary';

/** [P14] For a partner agency the written agreement is the grant: category, system and purpose. */
const DA: AgreementScope = { number: 'DA-1', systems: ['complaints-arrests', 'warrants'], categories: ['RECORD', 'IDENTIFYING'], purposes: ['PROSECUTION'] };
const NAMES_ONLY: AgreementScope = { number: 'ID-1', systems: ['warrants'], categories: ['IDENTIFYING'], purposes: ['PROSECUTION'] };
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
  ['an agreement granting names alone opens names in its systems', NAMES_ONLY, 'IDENTIFYING', ['warrants'], 'PROSECUTION', true],
  ['an agreement granting names alone opens no record content', NAMES_ONLY, 'RECORD', ['warrants'], 'PROSECUTION', false],
  ['an agreement granting names alone opens no names in another system', NAMES_ONLY, 'IDENTIFYING', ['complaints-arrests'], 'PROSECUTION', false],
  ['connection plumbing is implied by every agreement, in its systems', NAMES_ONLY, 'META', ['warrants'], 'PROSECUTION', true],
  ['connection plumbing of a system not granted stays closed', NAMES_ONLY, 'META', ['calls'], 'PROSECUTION', false],
  ['connection plumbing under a purpose not allowed stays closed', DA, 'META', ['warrants'], 'CRIMINAL_INVESTIGATION', false],
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

describe('[P14] who must hold an agreement', () => {
  it.each<[string, Subject['kind'], Role[], boolean]>([
    ['a partner agency\'s client', 'CLIENT', ['PARTNER'], true],
    ['a client whatever roles it claims', 'CLIENT', ['DETECTIVE'], true],
    ['a client with no role at all', 'CLIENT', [], true],
    ['a partner agency\'s user', 'USER', ['PARTNER'], true],
    ['a user with the partner role among others', 'USER', ['OFFICER', 'PARTNER'], true],
    ['a department detective', 'USER', ['DETECTIVE'], false],
    ['the Legal Bureau, who keeps the agreements', 'USER', ['LEGAL'], false],
  ])('%s (%s)', (_who, kind, roles, partnerRules) => {
    expect(isPartner({ kind, roles })).toBe(partnerRules);
  });

  it('a client claiming a department role still sees nothing without an agreement: AGREEMENT_SCOPE before any grant', async () => {
    const client: Subject = { ...partner(undefined), roles: ['DETECTIVE'] };
    const decision = await evaluateRule(categoryAllowed('RECORD'), policyContext(client, { code: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-1', justification: 'x' }));
    expect(decision.allowed || decision.denial.reason).toBe('AGREEMENT_SCOPE');
  });

  it('a department member needs no agreement, and one on their subject narrows nothing', async () => {
    const detective: Subject = { ...partner(NAMES_ONLY, 'USER'), roles: ['DETECTIVE'] };
    const decision = await evaluateRule(fieldRule('RECORD', ['complaints-arrests']), policyContext(detective, { code: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-1', justification: 'x' }));
    expect(decision).toEqual({ allowed: true });
  });
});

describe('[P14] what an agreement says when it refuses (the reason a partner reads)', () => {
  const prosecution = { code: 'PROSECUTION' as const };

  it('no agreement in force: names the category', () => {
    const denial = outsideAgreement(undefined, 'RECORD', ['warrants'], prosecution);
    expect([denial?.reason, denial?.message, denial?.detail]).toEqual(['AGREEMENT_SCOPE', 'no partner agreement in force covers this request', { category: 'RECORD' }]);
  });

  it('even the implied and purpose-free categories need an agreement in force', () => {
    for (const category of ['META', 'PARTNER_REQUESTS'] as Category[]) expect(outsideAgreement(undefined, category, null, null)?.reason).toBe('AGREEMENT_SCOPE');
  });

  it('a category not granted: names the category and the agreement', () => {
    const denial = outsideAgreement(NEIGHBOUR, 'IDENTIFYING', ['warrants'], { code: 'CRIMINAL_INVESTIGATION' });
    expect([denial?.reason, denial?.message, denial?.detail]).toEqual(['AGREEMENT_SCOPE', 'agreement PD-1 does not grant IDENTIFYING data', { category: 'IDENTIFYING', agreement: 'PD-1' }]);
  });

  it('every category the agreement does not name is refused, except the implied ones (connection plumbing, the partner\'s own notices)', () => {
    for (const category of CATEGORY_NAMES) {
      const granted = DA.categories.includes(category) || AGREEMENT_IMPLIED.has(category);
      expect([category, outsideAgreement(DA, category, null, null)?.reason ?? 'COVERED']).toEqual([category, granted ? 'COVERED' : 'AGREEMENT_SCOPE']);
    }
  });

  it('a purpose not allowed: names the purpose and the agreement', () => {
    const denial = outsideAgreement(DA, 'RECORD', ['warrants'], { code: 'CRIMINAL_INVESTIGATION' });
    expect([denial?.reason, denial?.message, denial?.detail]).toEqual(['AGREEMENT_SCOPE', 'agreement DA-1 does not allow CRIMINAL_INVESTIGATION', { purpose: 'CRIMINAL_INVESTIGATION', agreement: 'DA-1' }]);
  });

  it('every purpose the agreement does not allow is refused', () => {
    for (const code of PURPOSES) expect([code, outsideAgreement(DA, 'RECORD', null, { code }) === null]).toEqual([code, DA.purposes.includes(code)]);
  });

  it('no system granted: names the systems and the agreement', () => {
    const denial = outsideAgreement(DA, 'RECORD', ['calls', 'commercial'], prosecution);
    expect([denial?.reason, denial?.message, denial?.detail]).toEqual(['AGREEMENT_SCOPE', 'agreement DA-1 does not grant the calls or commercial system', { systems: ['calls', 'commercial'], agreement: 'DA-1' }]);
  });

  it('systems not known (the category rule) or none (a field no system serves) are not judged', () => {
    expect(outsideAgreement(NEIGHBOUR, 'RECORD', null, { code: 'CRIMINAL_INVESTIGATION' })).toBeNull();
    expect(outsideAgreement(NEIGHBOUR, 'RECORD', [], { code: 'CRIMINAL_INVESTIGATION' })).toBeNull();
  });

  it('a purpose not yet known (the systems rule) is not judged: the category rule judges it', () => {
    expect(outsideAgreement(DA, 'RECORD', ['warrants'], null)).toBeNull();
  });

  it('the purpose-free categories (a partner\'s own notices) are judged on the agreement alone, not on purpose or system', () => {
    for (const category of [...PURPOSE_FREE].filter((c) => AGREEMENT_IMPLIED.has(c))) {
      expect(outsideAgreement(NEIGHBOUR, category, ['calls'], { code: 'FOIL' })).toBeNull();
    }
  });
});
