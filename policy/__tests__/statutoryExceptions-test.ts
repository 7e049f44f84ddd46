import { declarablePurposes } from '../accessTable';
import { exceptionRefusal, sealedRecordsOpen, STATUTORY_EXCEPTION_CODES, STATUTORY_EXCEPTIONS, type StatutoryExceptionCode } from '../statutoryExceptions';
import { CATEGORY_NAMES, PURPOSES, ROLES, type Purpose, type Role } from '../vocabulary';
import { ALLOWED } from './accessTableAsWritten';
import { covers, EXCEPTION_USERS, SEALED_OVERSIGHT } from './sealedRecordsAsWritten';

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

describe('[P5] the purposes each role may declare: every role × purpose', () => {
  // A role may declare a purpose the access table, as written, grants it for some category.
  const writtenFor = (role: Role) => new Set(CATEGORY_NAMES.flatMap((category) => ALLOWED[`${role} ${category}`] ?? []));

  it.each(ROLES)('%s', (role) => {
    const declarable = declarablePurposes([role]);
    for (const code of PURPOSES) expect([code, declarable.has(code)]).toEqual([code, writtenFor(role).has(code)]);
  });

  it('a caller with several roles may declare what any of them may', () => {
    expect([...declarablePurposes(['OFFICER', 'PRIVACY_OFFICER'])].sort()).toEqual(['AUDIT', 'CIVIL_LITIGATION', 'CRIMINAL_INVESTIGATION', 'EMERGENCY_RESPONSE', 'FOIL']);
    expect(declarablePurposes([]).size).toBe(0);
  });
});

describe('[P12] each statutory exception alone: every exception × role × purpose', () => {
  it.each(STATUTORY_EXCEPTION_CODES)('%s', (code) => {
    for (const role of ROLES) {
      for (const code2 of PURPOSES) {
        const claim = purpose(code2, code);
        const usable = covers(EXCEPTION_USERS[code], role, code2);
        expect([role, code2, exceptionRefusal([role], claim) === null, sealedRecordsOpen([role], claim)]).toEqual([role, code2, usable, usable]);
      }
    }
  });

  it('without an exception, only the oversight of sealed-record use opens them: every role × purpose', () => {
    for (const role of ROLES) {
      for (const code of PURPOSES) {
        expect([role, code, sealedRecordsOpen([role], purpose(code))]).toEqual([role, code, covers(SEALED_OVERSIGHT, role, code)]);
        expect(exceptionRefusal([role], purpose(code))).toBeNull();
      }
    }
  });

  it('no purpose declared: nothing to refuse, and no sealed record opens, even for Internal Affairs', () => {
    expect(exceptionRefusal(['IAB'], null)).toBeNull();
    expect(sealedRecordsOpen(['IAB', 'PRIVACY_OFFICER'], null)).toBe(false);
  });

  it('one covered role among the caller\'s roles is enough to use an exception', () => {
    expect(exceptionRefusal(['OFFICER', 'DETECTIVE'], purpose('CRIMINAL_INVESTIGATION', 'CPL_160_50_1_D_II'))).toBeNull();
    expect(sealedRecordsOpen(['OFFICER', 'DETECTIVE'], purpose('CRIMINAL_INVESTIGATION', 'CPL_160_50_1_D_II'))).toBe(true);
  });

  it('an oversight role among others still opens them on an audit', () => {
    expect(sealedRecordsOpen(['OFFICER', 'PRIVACY_OFFICER'], purpose('AUDIT'))).toBe(true);
  });

  it('a code that is no statutory exception is refused, naming it, and opens nothing', () => {
    const made = { code: 'AUDIT' as const, exception: { code: 'CPL_160_50_9' as StatutoryExceptionCode, reference: 'X-1' } };
    expect(exceptionRefusal(['IAB'], made)).toBe('CPL_160_50_9 is not a statutory exception');
    expect(sealedRecordsOpen(['IAB'], made)).toBe(false);
  });

  it.each<[StatutoryExceptionCode, string]>([
    ['CPL_160_50_1_D_I', 'CPL 160.50(1)(d)(i) needs a reference (docket)'],
    ['CPL_160_50_1_D_II', 'CPL 160.50(1)(d)(ii) needs a reference (court order)'],
    ['FCA_375_1_LAW_ENFORCEMENT', 'Family Court Act 375.1(3) needs a reference (court order)'],
    ['FCA_375_1_PRESENTMENT', 'Family Court Act 375.1(3) needs a reference (docket)'],
  ])('%s without its reference says which reference it needs: %s', (code, refusal) => {
    const [role, code2] = EXCEPTION_USERS[code][0]!;
    expect(exceptionRefusal([role], purpose(code2, code, ''))).toBe(refusal);
    expect(sealedRecordsOpen([role], purpose(code2, code, ''))).toBe(false);
  });

  it('the refusals name the citation and what is wrong, in the order a caller fixes them', () => {
    expect(exceptionRefusal(['OFFICER'], purpose('FOIL', 'CPL_160_50_1_D_II', ''))).toBe('CPL 160.50(1)(d)(ii) needs a reference (court order)');
    expect(exceptionRefusal(['OFFICER'], purpose('FOIL', 'CPL_160_50_1_D_II'))).toBe('CPL 160.50(1)(d)(ii) does not cover your roles');
    expect(exceptionRefusal(['DETECTIVE'], purpose('FOIL', 'CPL_160_50_1_D_II'))).toBe('CPL 160.50(1)(d)(ii) is not declared for FOIL');
  });
});
