import { ermsError } from '../../../platform/errors/ErrorCode';
import { declarablePurposes } from '../../../policy/accessTable';
import { exceptionRefusal } from '../../../policy/statutoryExceptions';
import type { DeclaredPurpose, Subject } from '../../../policy/Subject';

/** The flag put on every use of a statutory exception, for supervisor review [P12, P18]. */
export const SEALED_RECORD_EXCEPTION = 'SEALED_RECORD_EXCEPTION';

/**
 * Whether this caller may make this claim of why, before anything is parsed or planned:
 *  - a purpose none of the caller's roles is granted for any category is refused (FORBIDDEN):
 *    the caller is known and the purpose well formed, but not theirs to claim [P5]. (Not
 *    PURPOSE_REQUIRED: that asks for a purpose to be sent, and sending another would not help
 *    unless it is one the role holds.) A detective cannot declare PROSECUTION;
 *  - a statutory exception the caller's roles or purpose are not covered by is refused
 *    (FORBIDDEN), rather than quietly leaving the sealed records hidden: the claim itself is wrong [P12].
 * Returns the flags the use carries: SEALED_RECORD_EXCEPTION for an exception used.
 */
export function admitPurpose(subject: Pick<Subject, 'roles'>, purpose: DeclaredPurpose | null): string[] {
  if (!purpose) return [];
  const declarable = declarablePurposes(subject.roles);
  // A caller with no purpose at all (an administrator, a vendor) holds no record role: the field
  // policy refuses each field with MISSING_ROLE, the more useful answer [P16].
  if (declarable.size > 0 && !declarable.has(purpose.code)) {
    throw ermsError('FORBIDDEN', `none of your roles may declare the purpose ${purpose.code}`, { reason: 'PURPOSE_NOT_PERMITTED', purpose: purpose.code });
  }
  const exception = exceptionRefusal(subject.roles, purpose);
  if (exception) throw ermsError('FORBIDDEN', exception, { reason: 'EXCEPTION_NOT_COVERED', exception: purpose.exception!.code });
  return purpose.exception ? [SEALED_RECORD_EXCEPTION] : [];
}
