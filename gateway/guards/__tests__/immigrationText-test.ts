import { showsImmigrationEnforcement } from '../immigrationText';

/** [P15] the words that show immigration enforcement, however they are written. */
describe('showsImmigrationEnforcement', () => {
  it.each([
    ['the purpose code', 'IMMIGRATION_ENFORCEMENT'],
    ['the purpose code in lower case', 'immigration_enforcement'],
    ['the purpose code with spaces', ' Immigration Enforcement '],
    ['a detainer', 'Honor ICE detainer for subject'],
    ['a detainer, mixed case and spaced out', 'd E t A i N e R'],
    ['a detainer with punctuation inside', 'de-tai.ner'],
    ['deportation with a Cyrillic е', 'Dеportation case'],
    ['deportation with a zero-width space', 'de\u200bportation'],
    ['deportation with accents', 'Dépôrtatión'],
    ['removal proceedings', 'Subject in removal proceedings'],
    ['ICE', 'per ICE request'],
    ['ICE with dots', 'I.C.E. liaison'],
    ['ICE in fullwidth letters', 'ＩＣＥ'],
    ['ERO', 'ERO New York field office'],
    ['ERO spaced out', 'e r o referral'],
    ['form I-247A', 'I-247A received'],
    ['form I-247 spaced out', 'i 2 4 7'],
    ['form I-200', 'Warrant I-200 attached'],
    ['form I-205 in fullwidth', 'Ｉ－２０５'],
    ['form I-203', 'I203'],
    ['Immigration and Customs Enforcement', 'Immigration and Customs Enforcement request'],
    ['Enforcement and Removal Operations', 'Enforcement & Removal Operations'],
  ])('catches %s', (_name, text) => {
    expect(showsImmigrationEnforcement(text)).toBe(true);
  });

  it('catches a word split across headers', () => {
    expect(showsImmigrationEnforcement('CRIMINAL_INVESTIGATION', '2025-DEPOR', 'TATION hearing next week')).toBe(true);
    expect(showsImmigrationEnforcement('CRIMINAL_INVESTIGATION', 'I-2', '47 on file for the subject')).toBe(true);
  });

  it.each([
    'Robbery pattern on Pitkin Avenue, 75 precinct',
    'Grand larceny of an iPhone, complaint 2025-075-000123',
    'Collision on I-95 ramp',
    'Police justice office request',
    'Paid the taxi 200 dollars',
    'Order of protection violation, stay-away condition',
  ])('lets an ordinary justification through: %s', (text) => {
    expect(showsImmigrationEnforcement(text)).toBe(false);
  });
});
