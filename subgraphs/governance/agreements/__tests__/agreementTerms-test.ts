import { ImmigrationAgreementError, AgreementInputError } from '../agreementErrors';
import { readAgreementTerms } from '../agreementTerms';

const LAWFUL = {
  number: 'DA-TEST-2026-01',
  agency: { name: 'KINGS COUNTY DISTRICT ATTORNEY', ori: 'NY023015A', kind: 'PROSECUTOR', immigrationEnforcement: false },
  signatories: [{ name: 'A B', title: 'PRIVACY OFFICER', signsFor: 'DEPARTMENT' }, { name: 'C D', title: 'DA', signsFor: 'PARTNER' }],
  documentSha256: 'a'.repeat(64),
  effectiveFrom: '2026-01-01T00:00:00Z',
  expiresAt: '2027-01-01T00:00:00Z',
  systems: ['complaints-arrests', 'warrants'],
  categories: ['RECORD', 'IDENTIFYING'],
  purposes: ['PROSECUTION'],
  dailyRequestCap: 100,
  clientId: 'partner-da',
  certificateSha256: null,
  partnerUsers: [],
  conditions: { confidentiality: true, noRedisclosureWithoutApproval: true, legalProcessNotice: true },
};
const withTerms = (change: Record<string, unknown>) => ({ ...LAWFUL, ...change });

describe('[P15] an agreement that would serve immigration enforcement cannot be made', () => {
  it.each([
    ['an immigration-enforcement purpose', withTerms({ purposes: ['PROSECUTION', 'IMMIGRATION_ENFORCEMENT'] }), 'IMMIGRATION_PURPOSE'],
    ['an agency flagged as enforcing immigration law', withTerms({ agency: { ...LAWFUL.agency, immigrationEnforcement: true } }), 'IMMIGRATION_AGENCY'],
    ['ICE by name, flag unset', withTerms({ agency: { ...LAWFUL.agency, name: 'U.S. Immigration and Customs Enforcement', kind: 'FEDERAL_AGENCY' } }), 'IMMIGRATION_AGENCY'],
    ['ERO by its acronym', withTerms({ agency: { ...LAWFUL.agency, name: 'ERO New York Field Office', kind: 'FEDERAL_AGENCY' } }), 'IMMIGRATION_AGENCY'],
    ['Border Patrol by name', withTerms({ agency: { ...LAWFUL.agency, name: 'United States Border Patrol', kind: 'FEDERAL_AGENCY' } }), 'IMMIGRATION_AGENCY'],
    ['a category revealing citizenship, place of birth, alien numbers', withTerms({ categories: ['RECORD', 'IMMIGRATION_STATUS'] }), 'IMMIGRATION_CATEGORY'],
  ])('%s', (_rule, input, reason) => {
    expect(() => readAgreementTerms(input)).toThrow(ImmigrationAgreementError);
    try {
      readAgreementTerms(input);
    } catch (error) {
      expect((error as ImmigrationAgreementError).reason).toBe(reason);
    }
  });

  it('a police department whose name contains "ice" only inside a word is an ordinary partner', () => {
    expect(readAgreementTerms(withTerms({ agency: { ...LAWFUL.agency, name: 'NASSAU COUNTY POLICE DEPARTMENT', kind: 'POLICE' } })).agency.name).toBe('NASSAU COUNTY POLICE DEPARTMENT');
  });
});

describe('[P14] an agreement grants only what a partner may ever have', () => {
  it.each([
    ['commercial provider data [P3]', withTerms({ categories: ['COMMERCIAL'] }), 'categories'],
    ['the audit trail', withTerms({ categories: ['AUDIT_LOG'] }), 'categories'],
    ['the commercial system', withTerms({ systems: ['commercial'] }), 'systems'],
    ['an unknown purpose', withTerms({ purposes: ['CURIOSITY'] }), 'purposes'],
    ['expiry before it takes effect', withTerms({ expiresAt: '2025-01-01T00:00:00Z' }), 'expiresAt'],
    ['nobody to use it', withTerms({ clientId: null, partnerUsers: [] }), 'clientId'],
    ['a signed document that is no SHA-256', withTerms({ documentSha256: 'not-a-hash' }), 'documentSha256'],
  ])('refuses %s', (_rule, input, argument) => {
    expect(() => readAgreementTerms(input)).toThrow(AgreementInputError);
    try {
      readAgreementTerms(input);
    } catch (error) {
      expect((error as AgreementInputError).argument).toBe(argument);
    }
  });
});
