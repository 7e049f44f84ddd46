import { declarablePurposes } from '../accessTable';
import { exceptionRefusal, sealedRecordsOpen, STATUTORY_EXCEPTIONS, type StatutoryExceptionCode } from '../statutoryExceptions';
import { ROLES, type Purpose, type Role } from '../vocabulary';

/**
 * [P5] a caller declares only a purpose its roles hold; [P12] a sealed record opens only under a
 * named statutory exception, with its reference, for a role and purpose the exception covers.
 */
const purpose = (code: Purpose, exception?: StatutoryExceptionCode, reference = 'CR-012345-24KN') => ({ code, ...(exception ? { exception: { code: exception, reference } } : {}) });

describe('purposes a role may declare', () => {
  it.each<[string, Role, Purpose, boolean]>([
    ['a detective investigates', 'DETECTIVE', 'CRIMINAL_INVESTIGATION', true],
    ['a detective does not prosecute', 'DETECTIVE', 'PROSECUTION', false],
    ['an officer does not litigate', 'OFFICER', 'CIVIL_LITIGATION', false],
    ['a district attorney prosecutes', 'PARTNER', 'PROSECUTION', true],
    ['the privacy officer answers FOIL', 'PRIVACY_OFFICER', 'FOIL', true],
    ['an administrator declares nothing', 'ADMIN', 'CRIMINAL_INVESTIGATION', false],
    ['political activity is the Intelligence Division\'s', 'ANALYST', 'POLITICAL_ACTIVITY', false],
  ])('%s', (_rule, role, code, allowed) => {
    expect(declarablePurposes([role]).has(code)).toBe(allowed);
  });

  it('no role may declare immigration enforcement [P15]', () => {
    for (const role of ROLES) expect(declarablePurposes([role]).has('IMMIGRATION_ENFORCEMENT')).toBe(false);
  });
});

describe('sealed records open only under a statutory exception', () => {
  it.each<[string, Role, ReturnType<typeof purpose>, boolean]>([
    ['a purpose alone never unseals: prosecution', 'PARTNER', purpose('PROSECUTION'), false],
    ['a purpose alone never unseals: investigation', 'DETECTIVE', purpose('CRIMINAL_INVESTIGATION'), false],
    ['a prosecutor on a docket (CPL 160.50(1)(d)(i))', 'PARTNER', purpose('PROSECUTION', 'CPL_160_50_1_D_I'), true],
    ['a detective cannot use the prosecutor\'s exception', 'DETECTIVE', purpose('CRIMINAL_INVESTIGATION', 'CPL_160_50_1_D_I'), false],
    ['a detective on a court order (CPL 160.50(1)(d)(ii))', 'DETECTIVE', purpose('CRIMINAL_INVESTIGATION', 'CPL_160_50_1_D_II'), true],
    ['the court order exception is not for civil litigation', 'DETECTIVE', purpose('CIVIL_LITIGATION', 'CPL_160_50_1_D_II'), false],
    ['an officer is covered by no exception', 'OFFICER', purpose('CRIMINAL_INVESTIGATION', 'CPL_160_50_1_D_II'), false],
    ['an exception without its reference opens nothing', 'DETECTIVE', purpose('CRIMINAL_INVESTIGATION', 'CPL_160_50_1_D_II', ''), false],
    ['Internal Affairs audits the use of sealed records [P18]', 'IAB', purpose('AUDIT'), true],
    ['a supervisor\'s audit does not open them', 'SUPERVISOR', purpose('AUDIT'), false],
  ])('%s', (_rule, role, declared, open) => {
    expect(sealedRecordsOpen([role], declared)).toBe(open);
  });

  it('every exception names a citation, roles and purposes those roles may declare', () => {
    for (const [code, exception] of Object.entries(STATUTORY_EXCEPTIONS)) {
      expect(exception.citation).toMatch(/^(CPL|Family Court Act) /);
      expect(exception.roles.length).toBeGreaterThan(0);
      for (const role of exception.roles) {
        for (const code2 of exception.purposes) expect([code, role, declarablePurposes([role]).has(code2)]).toEqual([code, role, true]);
      }
    }
  });

  it('says why an exception cannot be used', () => {
    expect(exceptionRefusal(['DETECTIVE'], purpose('CRIMINAL_INVESTIGATION', 'CPL_160_50_1_D_I'))).toMatch(/does not cover your roles/);
    expect(exceptionRefusal(['PARTNER'], purpose('CRIMINAL_INVESTIGATION', 'CPL_160_50_1_D_I'))).toMatch(/not declared for CRIMINAL_INVESTIGATION/);
    expect(exceptionRefusal(['PARTNER'], purpose('PROSECUTION', 'CPL_160_50_1_D_I'))).toBeNull();
  });
});
