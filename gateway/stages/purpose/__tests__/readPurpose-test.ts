import { readPurpose } from '../readPurpose';

/** [P5] the declared purpose: code, case number and justification on every record query. */
describe('readPurpose', () => {
  const valid = { 'x-purpose': 'CRIMINAL_INVESTIGATION', 'x-case-number': '2025-075-000123', 'x-justification': 'Robbery pattern on Pitkin Avenue' };

  it('reads the three headers, trimmed', () => {
    expect(readPurpose({ ...valid, 'x-case-number': '  2025-075-000123 ' })).toEqual({
      purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123', justification: 'Robbery pattern on Pitkin Avenue' },
      missing: [],
    });
  });

  it.each([
    ['X-Purpose', { 'x-purpose': undefined }],
    ['X-Case-Number', { 'x-case-number': '   ' }],
    ['X-Justification', { 'x-justification': undefined }],
  ])('reports %s missing (the field-policy stage turns it into PURPOSE_REQUIRED)', (name, change) => {
    expect(readPurpose({ ...valid, ...change })).toEqual({ purpose: null, missing: [name] });
  });

  it.each([
    ['an unknown purpose code', { 'x-purpose': 'CURIOSITY' }],
    ['a lower-case purpose code', { 'x-purpose': 'criminal_investigation' }],
    ['a case number with markup', { 'x-case-number': '<script>' }],
    ['a justification too short to say why', { 'x-justification': 'because' }],
    ['a justification with control characters', { 'x-justification': 'line one\u0000line two is long' }],
    ['a header sent twice', { 'x-purpose': ['AUDIT', 'FOIL'] }],
  ])('refuses %s with BAD_USER_INPUT', (_name, change) => {
    expect(() => readPurpose({ ...valid, ...change })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });

  describe('[P3] the permissible purpose of a commercial search', () => {
    it('reads a DPPA clause and a GLBA exception into the declared purpose', () => {
      const read = readPurpose({ ...valid, 'x-permissible-purpose': 'DPPA_B1', 'x-glba-exception': ' GLBA_E5 ' });
      expect(read.purpose?.permissiblePurpose).toEqual({ dppa: 'DPPA_B1', glba: 'GLBA_E5' });
    });

    it('keeps one when only one is sent (the commercial subgraph names the other as missing)', () => {
      expect(readPurpose({ ...valid, 'x-permissible-purpose': 'DPPA_B3' }).purpose?.permissiblePurpose).toEqual({ dppa: 'DPPA_B3' });
      expect(readPurpose({ ...valid, 'x-glba-exception': 'GLBA_E8' }).purpose?.permissiblePurpose).toEqual({ glba: 'GLBA_E8' });
      expect(readPurpose(valid).purpose).not.toHaveProperty('permissiblePurpose');
    });

    it.each([
      ['a DPPA clause past (14)', { 'x-permissible-purpose': 'DPPA_B15' }],
      ['a bare clause number', { 'x-permissible-purpose': '1' }],
      ['a lower-case DPPA code', { 'x-permissible-purpose': 'dppa_b1' }],
      ['a GLBA exception past (8)', { 'x-glba-exception': 'GLBA_E9' }],
      ['a GLBA header sent twice', { 'x-glba-exception': ['GLBA_E5', 'GLBA_E8'] }],
    ])('refuses %s with BAD_USER_INPUT', (_name, change) => {
      expect(() => readPurpose({ ...valid, ...change })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    });
  });
});

describe('[P18] purpose headers are read as the UTF-8 the client sent', () => {
  const wire = (text: string) => Buffer.from(text, 'utf8').toString('latin1'); // as Node hands a header over
  const valid = { 'x-purpose': 'CRIMINAL_INVESTIGATION', 'x-case-number': '2025-075-000123' };
  it('decodes a justification in Spanish, as written', () => {
    expect(readPurpose({ ...valid, 'x-justification': wire('Robo en Pitkin, investigación del patrón') }).purpose?.justification).toBe('Robo en Pitkin, investigación del patrón');
  });
  it('refuses a justification that is not valid UTF-8', () => {
    expect(() => readPurpose({ ...valid, 'x-justification': 'Robo en Pitkin, investigaci\u00f3n' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', header: 'X-Justification' }) }),
    );
  });
});
