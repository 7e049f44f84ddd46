import type { DeclaredPurpose } from '../../../../policy/Subject';
import type { StatutoryExceptionCode } from '../../../../policy/statutoryExceptions';
import { PURPOSES, ROLES, type Purpose, type Role } from '../../../../policy/vocabulary';
import { admitPurpose, SEALED_RECORD_EXCEPTION } from '../admitPurpose';

/**
 * [P5] A purpose is the role's to claim: a caller may declare only a purpose one of its roles
 * holds (docs/policy.md, "Purposes per role"); any other is FORBIDDEN, reason
 * PURPOSE_NOT_PERMITTED. A caller with no purpose at all (administrator, vendor, developer,
 * Legal Bureau) is not refused here: the field policy tells it field by field [P16].
 * [P12] A statutory exception the caller's roles or purpose are not covered by is FORBIDDEN,
 * reason EXCEPTION_NOT_COVERED; one admitted is flagged for the supervisor.
 */
const DECLARABLE: Record<Role, readonly Purpose[]> = {
  OFFICER: ['CRIMINAL_INVESTIGATION', 'EMERGENCY_RESPONSE'],
  // A detective investigates; prosecution is the district attorney's.
  DETECTIVE: ['CRIMINAL_INVESTIGATION', 'EMERGENCY_RESPONSE', 'CIVIL_LITIGATION', 'FACIAL_RECOGNITION_PROBE'],
  ANALYST: ['CRIMINAL_INVESTIGATION'],
  SUPERVISOR: ['CRIMINAL_INVESTIGATION', 'AUDIT', 'DISCIPLINARY'],
  COMMANDING_OFFICER: ['CRIMINAL_INVESTIGATION', 'AUDIT', 'DISCIPLINARY'],
  ICO: ['AUDIT', 'DISCIPLINARY'],
  IAB: ['AUDIT', 'DISCIPLINARY'],
  PRIVACY_OFFICER: ['FOIL', 'AUDIT', 'CIVIL_LITIGATION'],
  INTELLIGENCE: ['CRIMINAL_INVESTIGATION', 'POLITICAL_ACTIVITY'],
  PARTNER: ['PROSECUTION', 'CRIMINAL_INVESTIGATION'],
  ADMIN: [],
  VENDOR: [],
  DEVELOPER: [],
  LEGAL: [],
};

const purpose = (code: Purpose, exception?: { code: StatutoryExceptionCode; reference: string }): DeclaredPurpose => ({
  code, caseNumber: '2025-075-000123', justification: 'Robbery pattern on Pitkin Avenue', ...(exception ? { exception } : {}),
});

function decide(roles: Role[], declared: DeclaredPurpose | null) {
  try {
    return { admitted: true, flags: admitPurpose({ roles }, declared) };
  } catch (error) {
    const { extensions, message } = error as { extensions: Record<string, unknown>; message: string };
    return { admitted: false, code: extensions.code, reason: extensions.reason, extensions, message };
  }
}

describe('[P5] roles x purposes: a purpose is the role\'s to claim', () => {
  const rows = ROLES.flatMap((role) => PURPOSES.map((code) => ({ role, code, holds: DECLARABLE[role].includes(code) })));

  it.each(rows.filter((row) => DECLARABLE[row.role].length > 0))('$role declaring $code: admitted $holds', ({ role, code, holds }) => {
    const decision = decide([role], purpose(code));
    if (holds) expect(decision).toEqual({ admitted: true, flags: [] });
    else expect(decision).toMatchObject({ admitted: false, code: 'FORBIDDEN', reason: 'PURPOSE_NOT_PERMITTED', extensions: { purpose: code }, message: `none of your roles may declare the purpose ${code}` });
  });

  it.each(ROLES.filter((role) => DECLARABLE[role].length === 0))('%s holds no purpose: not refused here, the field policy answers MISSING_ROLE', (role) => {
    for (const code of PURPOSES) expect(decide([role], purpose(code))).toEqual({ admitted: true, flags: [] });
  });

  it('a caller with several roles may declare what any of them holds', () => {
    expect(decide(['OFFICER', 'ICO'], purpose('AUDIT')).admitted).toBe(true);
    expect(decide(['OFFICER', 'ICO'], purpose('CRIMINAL_INVESTIGATION')).admitted).toBe(true);
    expect(decide(['OFFICER', 'ICO'], purpose('FOIL'))).toMatchObject({ admitted: false, reason: 'PURPOSE_NOT_PERMITTED' });
    // A role with no purpose beside one with some does not open every purpose.
    expect(decide(['ADMIN', 'OFFICER'], purpose('PROSECUTION'))).toMatchObject({ admitted: false, reason: 'PURPOSE_NOT_PERMITTED' });
  });

  it('no purpose declared: nothing to judge here, no flag', () => {
    expect(decide(['DETECTIVE'], null)).toEqual({ admitted: true, flags: [] });
  });
});

describe('[P12] a statutory exception the caller is covered by, or FORBIDDEN', () => {
  it.each<{ rule: string; roles: Role[]; code: Purpose; exception: StatutoryExceptionCode; admitted: boolean }>([
    { rule: 'a detective investigating, by court order (CPL 160.50(1)(d)(ii))', roles: ['DETECTIVE'], code: 'CRIMINAL_INVESTIGATION', exception: 'CPL_160_50_1_D_II', admitted: true },
    { rule: 'the Intelligence Division investigating, by court order (CPL 160.50(1)(d)(ii))', roles: ['INTELLIGENCE'], code: 'CRIMINAL_INVESTIGATION', exception: 'CPL_160_50_1_D_II', admitted: true },
    { rule: 'a detective, sealed juvenile records by court order (FCA 375.1)', roles: ['DETECTIVE'], code: 'CRIMINAL_INVESTIGATION', exception: 'FCA_375_1_LAW_ENFORCEMENT', admitted: true },
    { rule: 'a prosecutor on a motion or at bail (CPL 160.50(1)(d)(i))', roles: ['PARTNER'], code: 'PROSECUTION', exception: 'CPL_160_50_1_D_I', admitted: true },
    { rule: 'the presentment agency (FCA 375.1)', roles: ['PARTNER'], code: 'PROSECUTION', exception: 'FCA_375_1_PRESENTMENT', admitted: true },
    { rule: 'an officer is not covered by the court-order exception', roles: ['OFFICER'], code: 'CRIMINAL_INVESTIGATION', exception: 'CPL_160_50_1_D_II', admitted: false },
    { rule: 'the Intelligence Division is not covered for juvenile records', roles: ['INTELLIGENCE'], code: 'CRIMINAL_INVESTIGATION', exception: 'FCA_375_1_LAW_ENFORCEMENT', admitted: false },
    { rule: 'a detective is not the prosecutor', roles: ['DETECTIVE'], code: 'CRIMINAL_INVESTIGATION', exception: 'CPL_160_50_1_D_I', admitted: false },
    { rule: 'a covered role under a purpose the exception is not declared for', roles: ['DETECTIVE'], code: 'CIVIL_LITIGATION', exception: 'CPL_160_50_1_D_II', admitted: false },
    { rule: 'a prosecutor investigating is not prosecuting', roles: ['PARTNER'], code: 'CRIMINAL_INVESTIGATION', exception: 'FCA_375_1_PRESENTMENT', admitted: false },
  ])('$rule: admitted $admitted', ({ roles, code, exception, admitted }) => {
    const decision = decide(roles, purpose(code, { code: exception, reference: 'IND-2025-00417' }));
    if (admitted) expect(decision).toEqual({ admitted: true, flags: [SEALED_RECORD_EXCEPTION] });
    else expect(decision).toMatchObject({ admitted: false, code: 'FORBIDDEN', reason: 'EXCEPTION_NOT_COVERED', extensions: { exception }, message: expect.stringMatching(/does not cover your roles|is not declared for/) });
  });

  it('the flag the use carries is the one the supervisor reviews', () => {
    expect(SEALED_RECORD_EXCEPTION).toBe('SEALED_RECORD_EXCEPTION');
  });

  it('the purpose is judged first: a purpose not the role\'s is PURPOSE_NOT_PERMITTED, whatever exception comes with it', () => {
    expect(decide(['DETECTIVE'], purpose('PROSECUTION', { code: 'CPL_160_50_1_D_I', reference: 'IND-2025-00417' }))).toMatchObject({ reason: 'PURPOSE_NOT_PERMITTED' });
  });
});
