import { refusalOf, withheldByPath } from '../refusalText';

/** The console reads the gateway's errors as a person would: a refusal in the policy's words, a withheld field with its reason. */
describe('refusalOf: a refused operation in the policy’s words', () => {
  it.each([
    ['IMMIGRATION_ENFORCEMENT_BLOCKED', 'P15', 'Information is not shared in furtherance of immigration enforcement.'],
    ['POLITICAL_ACTIVITY_RESTRICTED', 'P6', 'The Intelligence Division is the sole entity'],
    ['PROTECTED_CHARACTERISTICS_ONLY', 'P7', 'not only race, age, and gender'],
  ])('%s quotes clause %s of the policy', (code, clause, words) => {
    const refusal = refusalOf([{ message: 'refused: the gateway’s sentence', extensions: { code } }]);
    expect(refusal).toMatchObject({ code, clause, detail: 'refused: the gateway’s sentence' });
    expect(refusal?.policyWords).toContain(words);
  });

  it('an unknown code is still a refusal, with the gateway’s sentence', () => {
    expect(refusalOf([{ message: 'boom', extensions: { code: 'SOMETHING_NEW' } }])).toMatchObject({ code: 'SOMETHING_NEW', title: 'The request failed', detail: 'boom' });
  });

  it('withheld fields alone are no refusal: the rest of the answer is shown', () => {
    expect(refusalOf([{ message: 'not authorized: x', path: ['person', 'placeOfBirth'], extensions: { code: 'FIELD_NOT_AUTHORIZED' } }])).toBeNull();
  });
});

describe('withheldByPath: each removed field with its reason, by response path', () => {
  it('keys by the path and drops the "not authorized:" prefix', () => {
    const withheld = withheldByPath([
      { message: 'not authorized: training required first: ERMS-OUTSIDE-AGENCY-RECORDS', path: ['person', 'warrants'], extensions: { code: 'FIELD_NOT_AUTHORIZED' } },
      { message: 'not authorized: no role of yours may see IMMIGRATION_STATUS data', path: ['person', 'arrests', 0, 'placeOfBirth'], extensions: { code: 'FIELD_NOT_AUTHORIZED' } },
      { message: 'refused', extensions: { code: 'FORBIDDEN' } },
    ]);
    expect([...withheld]).toEqual([
      ['person.warrants', 'training required first: ERMS-OUTSIDE-AGENCY-RECORDS'],
      ['person.arrests.0.placeOfBirth', 'no role of yours may see IMMIGRATION_STATUS data'],
    ]);
  });
});
