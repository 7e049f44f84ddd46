import { readPurpose } from '../readPurpose';

/** [P5, P12] Each purpose header at its bound and one past, and the statutory exception's two headers. */
describe('[P5] the bounds of each purpose header, at the bound and one past', () => {
  const valid = { 'x-purpose': 'CRIMINAL_INVESTIGATION', 'x-case-number': '2025-075-000123', 'x-justification': 'Robbery pattern on Pitkin Avenue' };
  const refusal = (change: Record<string, string | undefined>) => {
    try {
      readPurpose({ ...valid, ...change });
      return null;
    } catch (error) {
      return { ...(error as { extensions: { code: string; header: string } }).extensions, message: (error as Error).message };
    }
  };

  it.each(['CRIMINAL_INVESTIGATION', 'EMERGENCY_RESPONSE', 'CIVIL_LITIGATION', 'DISCIPLINARY', 'PROSECUTION', 'FOIL', 'AUDIT', 'POLITICAL_ACTIVITY', 'FACIAL_RECOGNITION_PROBE', 'IMMIGRATION_ENFORCEMENT'])(
    'the purpose %s is read (whether the caller may declare it is the stage\'s to say)',
    (code) => {
      expect(readPurpose({ ...valid, 'x-purpose': code }).purpose?.code).toBe(code);
    },
  );

  it.each([
    { rule: 'a case number of 2 characters is read', change: { 'x-case-number': '75' }, header: null },
    { rule: 'a case number of 64 characters is read', change: { 'x-case-number': `C${'1'.repeat(63)}` }, header: null },
    { rule: 'a case number with every allowed sign is read', change: { 'x-case-number': 'a0 ./#:_-Z' }, header: null },
    { rule: 'a case number of 1 character is refused', change: { 'x-case-number': '7' }, header: 'X-Case-Number' },
    { rule: 'a case number of 65 characters is refused', change: { 'x-case-number': `C${'1'.repeat(64)}` }, header: 'X-Case-Number' },
    { rule: 'a case number starting with a sign is refused', change: { 'x-case-number': '-2025-075' }, header: 'X-Case-Number' },
    { rule: 'a case number with text after a line is refused', change: { 'x-case-number': '2025-075\nDROP' }, header: 'X-Case-Number' },
    { rule: 'a justification of 10 characters is read', change: { 'x-justification': 'a'.repeat(10) }, header: null },
    { rule: 'a justification of 1000 characters is read', change: { 'x-justification': 'a'.repeat(1000) }, header: null },
    { rule: 'a justification of 9 characters is refused', change: { 'x-justification': 'a'.repeat(9) }, header: 'X-Justification' },
    { rule: 'a justification of 1001 characters is refused', change: { 'x-justification': 'a'.repeat(1001) }, header: 'X-Justification' },
    { rule: 'a justification with a DEL character is refused', change: { 'x-justification': 'Robbery pattern\u007f on Pitkin' }, header: 'X-Justification' },
    { rule: 'a justification with a unit separator is refused', change: { 'x-justification': 'Robbery pattern\u001f on Pitkin' }, header: 'X-Justification' },
    { rule: 'an unknown purpose is refused', change: { 'x-purpose': 'CURIOSITY' }, header: 'X-Purpose' },
  ])('$rule', ({ change, header }) => {
    const refused = refusal(change);
    if (header === null) expect(refused).toBeNull();
    else expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', header });
  });

  it('the refusals say what is expected', () => {
    expect(refusal({ 'x-purpose': 'CURIOSITY' })?.message).toBe('X-Purpose must be one of CRIMINAL_INVESTIGATION, EMERGENCY_RESPONSE, CIVIL_LITIGATION, DISCIPLINARY, PROSECUTION, FOIL, AUDIT, POLITICAL_ACTIVITY, FACIAL_RECOGNITION_PROBE, IMMIGRATION_ENFORCEMENT');
    expect(refusal({ 'x-case-number': '<x>' })?.message).toMatch(/^X-Case-Number must be 2 to 64 letters/);
    expect(refusal({ 'x-justification': 'short' })?.message).toBe('X-Justification must say why, in 10 to 1000 characters');
    expect(refusal({ 'x-permissible-purpose': 'DPPA_B15' })).toMatchObject({ header: 'X-Permissible-Purpose', message: expect.stringMatching(/^X-Permissible-Purpose must be a DPPA clause/) });
    expect(refusal({ 'x-glba-exception': 'GLBA_E9' })).toMatchObject({ header: 'X-GLBA-Exception', message: expect.stringMatching(/^X-GLBA-Exception must be a GLBA exception/) });
  });

  it('a header sent twice is refused, naming it', () => {
    expect(() => readPurpose({ ...valid, 'x-case-number': ['1', '2'] })).toThrow(expect.objectContaining({ message: 'x-case-number was sent more than once', extensions: expect.objectContaining({ header: 'x-case-number' }) }));
  });

  it('every missing header is named, in order', () => {
    expect(readPurpose({})).toEqual({ purpose: null, missing: ['X-Purpose', 'X-Case-Number', 'X-Justification'] });
  });
});

describe('[P12] the statutory exception: both headers or neither, a known code, a reference', () => {
  const valid = { 'x-purpose': 'CRIMINAL_INVESTIGATION', 'x-case-number': '2025-075-000123', 'x-justification': 'Robbery pattern on Pitkin Avenue' };
  const read = (headers: Record<string, string | undefined>) => {
    try {
      return readPurpose(headers).purpose?.exception ?? 'none';
    } catch (error) {
      return { ...(error as { extensions: { code: string; header: string } }).extensions, message: (error as Error).message };
    }
  };

  it.each(['CPL_160_50_1_D_I', 'CPL_160_50_1_D_II', 'FCA_375_1_LAW_ENFORCEMENT', 'FCA_375_1_PRESENTMENT'])('%s with its reference is read into the purpose', (code) => {
    expect(read({ ...valid, 'x-statutory-exception': code, 'x-exception-reference': ' Order 2025-SC-0417 (a) ' })).toEqual({ code, reference: 'Order 2025-SC-0417 (a)' });
  });

  it.each([
    { rule: 'neither header: no exception', headers: valid, expected: 'none' },
    { rule: 'a reference of 3 characters is read', headers: { ...valid, 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': 'A12' }, expected: { code: 'CPL_160_50_1_D_II', reference: 'A12' } },
    { rule: 'a reference of 64 characters is read', headers: { ...valid, 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': `A${'1'.repeat(63)}` }, expected: { code: 'CPL_160_50_1_D_II', reference: `A${'1'.repeat(63)}` } },
    { rule: 'a reference without its exception is refused', headers: { ...valid, 'x-exception-reference': 'Order 2025-SC-0417' }, expected: { code: 'BAD_USER_INPUT', header: 'X-Statutory-Exception', message: 'X-Exception-Reference needs the X-Statutory-Exception it refers to' } },
    { rule: 'an exception without its reference is refused', headers: { ...valid, 'x-statutory-exception': 'CPL_160_50_1_D_II' }, expected: { code: 'BAD_USER_INPUT', header: 'X-Exception-Reference', message: expect.stringMatching(/^X-Statutory-Exception needs X-Exception-Reference/) } },
    { rule: 'an unknown exception is refused, naming the known ones', headers: { ...valid, 'x-statutory-exception': 'CPL_160_55', 'x-exception-reference': 'Order 2025-SC-0417' }, expected: { code: 'BAD_USER_INPUT', header: 'X-Statutory-Exception', message: 'X-Statutory-Exception must be one of CPL_160_50_1_D_I, CPL_160_50_1_D_II, FCA_375_1_LAW_ENFORCEMENT, FCA_375_1_PRESENTMENT' } },
    { rule: 'a reference of 2 characters is refused', headers: { ...valid, 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': 'A1' }, expected: { code: 'BAD_USER_INPUT', header: 'X-Exception-Reference', message: expect.stringMatching(/^X-Exception-Reference must be 3 to 64/) } },
    { rule: 'a reference of 65 characters is refused', headers: { ...valid, 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': `A${'1'.repeat(64)}` }, expected: { code: 'BAD_USER_INPUT', header: 'X-Exception-Reference' } },
    { rule: 'a reference starting with a sign is refused', headers: { ...valid, 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': '(2025)' }, expected: { code: 'BAD_USER_INPUT', header: 'X-Exception-Reference' } },
    { rule: 'a reference with markup is refused', headers: { ...valid, 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': 'Order <b>' }, expected: { code: 'BAD_USER_INPUT', header: 'X-Exception-Reference' } },
    { rule: 'a reference with text after a line is refused', headers: { ...valid, 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': 'Order 1\nx' }, expected: { code: 'BAD_USER_INPUT', header: 'X-Exception-Reference' } },
    { rule: 'an exception with a purpose header missing is refused: it is declared with a purpose', headers: { ...valid, 'x-justification': undefined, 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': 'Order 2025-SC-0417' }, expected: { code: 'BAD_USER_INPUT', header: 'X-Statutory-Exception', message: expect.stringMatching(/^a statutory exception is declared with a purpose/) } },
  ])('$rule', ({ headers, expected }) => {
    expect(read(headers)).toEqual(typeof expected === 'string' ? expected : expect.objectContaining(expected));
  });

  it('a reference is decoded as UTF-8 before its pattern is checked: an accented letter is outside the pattern, bytes that are not UTF-8 are named as such', () => {
    const wire = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
    expect(read({ ...valid, 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': wire('Orden núm. 17') })).toMatchObject({ code: 'BAD_USER_INPUT', header: 'X-Exception-Reference' });
    expect(read({ ...valid, 'x-statutory-exception': 'CPL_160_50_1_D_II', 'x-exception-reference': 'Orden n\u00fam. 17' })).toMatchObject({ code: 'BAD_USER_INPUT', header: 'X-Exception-Reference', message: 'X-Exception-Reference is not valid UTF-8' });
  });
});
