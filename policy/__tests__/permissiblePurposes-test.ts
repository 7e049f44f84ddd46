import { clauseNumber, DPPA_CODES, DPPA_PURPOSES, GLBA_CODES, GLBA_EXCEPTIONS } from '../permissiblePurposes';

/**
 * [P3] A commercial search names the clause it is made under; each provider's API expects the
 * clause number alone (TLO `DPPA: '1'`, SkopeNow `2721(b)(1)`): every clause of both statutes.
 */
describe('[P3] the clause number a provider is sent', () => {
  it('the DPPA\'s fourteen permissible uses, 18 U.S.C. 2721(b)(1)..(14)', () => {
    expect(DPPA_CODES.map(clauseNumber)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14']);
    expect(DPPA_PURPOSES.DPPA_B1).toMatch(/law enforcement agency/);
  });

  it('the GLBA\'s eight exceptions, 15 U.S.C. 6802(e)(1)..(8)', () => {
    expect(GLBA_CODES.map(clauseNumber)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(GLBA_EXCEPTIONS.GLBA_E5).toMatch(/law enforcement agencies/);
  });
});
