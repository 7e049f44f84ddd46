import { PURPOSE_FREE } from './accessTable';
import { PolicyDenial } from './PolicyDenial';
import type { AgreementScope, DeclaredPurpose, Subject } from './Subject';
import type { Category } from './vocabulary';

/**
 * What a partner agency's written agreement opens [P14]. For a partner, the agreement is the
 * grant: a field is allowed when its category is one the agreement names (or one every
 * agreement implies), a system serving it is one the agreement names, and the declared
 * purpose is one the agreement allows. A partner without an agreement in force sees nothing.
 */

/** Categories an agreement may grant; anything else is refused when the agreement is created. */
export const AGREEMENT_GRANTABLE: readonly Category[] = ['RECORD', 'IDENTIFYING', 'CONFIDENTIAL_ADDRESS'];

/**
 * [P15] categories that reveal immigration or citizenship status, place of birth or alien
 * registration numbers: an agreement granting one is refused with IMMIGRATION_ENFORCEMENT_BLOCKED.
 */
export const IMMIGRATION_REVEALING: readonly Category[] = ['IMMIGRATION_STATUS'];

/** Connection plumbing, and the partner's own notices: implied by every agreement. */
export const AGREEMENT_IMPLIED: ReadonlySet<Category> = new Set(['META', 'PARTNER_REQUESTS']);

/** A subject that must hold an agreement to see anything: a partner client or a partner's user. */
export const isPartner = (subject: Pick<Subject, 'roles' | 'kind'>): boolean => subject.kind === 'CLIENT' || subject.roles.includes('PARTNER');

/** Whether the agreement covers a field of `category` served by `systems`, for `purpose`; null when it does. */
export function outsideAgreement(
  agreement: AgreementScope | undefined,
  category: Category,
  systems: readonly string[] | null,
  purpose: Pick<DeclaredPurpose, 'code'> | null,
): PolicyDenial | null {
  if (!agreement) return new PolicyDenial('AGREEMENT_SCOPE', 'no partner agreement in force covers this request', { category });
  if (!AGREEMENT_IMPLIED.has(category) && !agreement.categories.includes(category)) {
    return new PolicyDenial('AGREEMENT_SCOPE', `agreement ${agreement.number} does not grant ${category} data`, { category, agreement: agreement.number });
  }
  if (PURPOSE_FREE.has(category)) return null;
  if (purpose && !agreement.purposes.includes(purpose.code)) {
    return new PolicyDenial('AGREEMENT_SCOPE', `agreement ${agreement.number} does not allow ${purpose.code}`, { purpose: purpose.code, agreement: agreement.number });
  }
  if (systems && systems.length && !systems.some((system) => agreement.systems.includes(system))) {
    return new PolicyDenial('AGREEMENT_SCOPE', `agreement ${agreement.number} does not grant the ${systems.join(' or ')} system`, { systems, agreement: agreement.number });
  }
  return null;
}
