import type { Purpose, Role } from './vocabulary';

/**
 * The statutory exceptions under which a sealed record may be opened [P12], as data. New York
 * seals "all official records and papers relating to the arrest or prosecution" (CPL 160.50,
 * 160.55, 160.58; Clean Slate, 160.57) and juvenile delinquency records (Family Court Act
 * 375.1, 375.2); each statute lists who may still have them, and for what. A declared purpose
 * never opens a sealed record by itself: the caller names one of these exceptions and the
 * reference that proves it applies (`X-Statutory-Exception`, `X-Exception-Reference`), with a
 * purpose and a role the exception covers. Every such use is flagged for supervisor review.
 *
 * The citations are the department's reading of the statutes; counsel owns this table. Exceptions
 * no role of this department exercises (gun licensing, (d)(iii); a prospective employer of a
 * police officer, (d)(v)) are absent until a role needs them.
 */
export interface StatutoryException {
  /** The statute and subdivision, as a citation a reviewer can look up. */
  citation: string;
  /** Who may have the records under it, and for what, in the statute's terms. */
  permits: string;
  /** Roles of this department's access table the exception covers. */
  roles: readonly Role[];
  /** Purposes it may be declared with. */
  purposes: readonly Purpose[];
  /** The reference the caller must give: a court docket, a court order or an application number. */
  reference: 'DOCKET' | 'COURT_ORDER' | 'APPLICATION';
}

export const STATUTORY_EXCEPTIONS = {
  CPL_160_50_1_D_I: {
    citation: 'CPL 160.50(1)(d)(i)',
    permits: 'a prosecutor, in a proceeding in which the accused has moved for an order under CPL 170.56 or 210.46, or at bail in a pending proceeding',
    roles: ['PARTNER'],
    purposes: ['PROSECUTION'],
    reference: 'DOCKET',
  },
  CPL_160_50_1_D_II: {
    citation: 'CPL 160.50(1)(d)(ii)',
    permits: 'a law enforcement agency, on ex parte motion in a superior court that found justice requires the records be made available to it',
    roles: ['DETECTIVE', 'INTELLIGENCE'],
    purposes: ['CRIMINAL_INVESTIGATION'],
    reference: 'COURT_ORDER',
  },
  FCA_375_1_LAW_ENFORCEMENT: {
    citation: 'Family Court Act 375.1(3)',
    permits: 'a law enforcement agency, on a court order that justice requires a sealed juvenile delinquency record be made available to it',
    roles: ['DETECTIVE'],
    purposes: ['CRIMINAL_INVESTIGATION'],
    reference: 'COURT_ORDER',
  },
  FCA_375_1_PRESENTMENT: {
    citation: 'Family Court Act 375.1(3)',
    permits: 'the presentment agency (the Corporation Counsel) in a pending juvenile delinquency proceeding',
    roles: ['PARTNER'],
    purposes: ['PROSECUTION'],
    reference: 'DOCKET',
  },
} as const satisfies Record<string, StatutoryException>;

export type StatutoryExceptionCode = keyof typeof STATUTORY_EXCEPTIONS;
export const STATUTORY_EXCEPTION_CODES = Object.keys(STATUTORY_EXCEPTIONS) as StatutoryExceptionCode[];

/** The exception a request names, with the caller's reference to the case, order or application. */
export interface DeclaredException {
  code: StatutoryExceptionCode;
  reference: string;
}

/**
 * [P18] The department's own oversight of how sealed records are used: Internal Affairs and the
 * Agency Privacy Officer, on an audit, see which sealed record a use touched. Not a purpose alone:
 * the role and the AUDIT purpose together.
 */
export const SEALED_RECORD_OVERSIGHT: { roles: readonly Role[]; purpose: Purpose } = { roles: ['IAB', 'PRIVACY_OFFICER'], purpose: 'AUDIT' };

/** What of a declared purpose an exception is judged on (policy/Subject.ts DeclaredPurpose). */
interface PurposeClaim {
  code: Purpose;
  exception?: DeclaredException;
}

/** Why an exception cannot be used by this caller, or null when it can. */
export function exceptionRefusal(roles: readonly Role[], purpose: PurposeClaim | null): string | null {
  const declared = purpose?.exception;
  if (!declared) return null;
  const exception: StatutoryException | undefined = STATUTORY_EXCEPTIONS[declared.code];
  if (!exception) return `${declared.code} is not a statutory exception`;
  if (!declared.reference) return `${exception.citation} needs a reference (${exception.reference.toLowerCase().replace('_', ' ')})`;
  if (!roles.some((role) => exception.roles.includes(role))) return `${exception.citation} does not cover your roles`;
  if (!exception.purposes.includes(purpose.code)) return `${exception.citation} is not declared for ${purpose.code}`;
  return null;
}

/** [P12] May this caller see a sealed record: an exception it may use, or the department's oversight of their use. */
export function sealedRecordsOpen(roles: readonly Role[], purpose: PurposeClaim | null): boolean {
  if (!purpose) return false;
  if (purpose.exception) return exceptionRefusal(roles, purpose) === null;
  return purpose.code === SEALED_RECORD_OVERSIGHT.purpose && roles.some((role) => SEALED_RECORD_OVERSIGHT.roles.includes(role));
}
