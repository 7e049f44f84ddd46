import type { StatutoryExceptionCode } from '../statutoryExceptions';
import type { Purpose, Role } from '../vocabulary';

/**
 * [P12] Who may open a sealed record, stated a second time as the statutes read (the table of
 * policy/statutoryExceptions.ts is counsel's reading; this is the test's): under each exception,
 * the (role, purpose) pairs it covers, with its reference; without one, only the department's own
 * oversight of sealed-record use on an audit [P18]. Shared by statutoryExceptions-test.ts (the
 * exception alone) and rules-test.ts (the record rule).
 */
export const EXCEPTION_USERS: Record<StatutoryExceptionCode, [Role, Purpose][]> = {
  // A prosecutor (the district attorney, a partner agency), on a docket.
  CPL_160_50_1_D_I: [['PARTNER', 'PROSECUTION']],
  // A law enforcement agency on a superior court's order: the department's investigators.
  CPL_160_50_1_D_II: [['DETECTIVE', 'CRIMINAL_INVESTIGATION'], ['INTELLIGENCE', 'CRIMINAL_INVESTIGATION']],
  FCA_375_1_LAW_ENFORCEMENT: [['DETECTIVE', 'CRIMINAL_INVESTIGATION']],
  // The presentment agency (Corporation Counsel, a partner agency) in a pending proceeding.
  FCA_375_1_PRESENTMENT: [['PARTNER', 'PROSECUTION']],
};

/** Without an exception: Internal Affairs and the Privacy Officer, on an audit. */
export const SEALED_OVERSIGHT: [Role, Purpose][] = [['IAB', 'AUDIT'], ['PRIVACY_OFFICER', 'AUDIT']];

export const covers = (pairs: [Role, Purpose][], role: Role, purpose: Purpose): boolean => pairs.some(([r, p]) => r === role && p === purpose);
