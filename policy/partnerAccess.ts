import type { Subject } from './Subject';

/**
 * [P14] A partner agency reaches data only under a written agreement in force. The agreement
 * itself (its purposes, systems and fields) is the partner stage's; this rule is the default:
 * no agreement found, or one not ACTIVE (draft, suspended, expired, terminated), and the partner
 * reaches nothing at all, whatever it asks and whatever purpose it declares.
 */
export interface PartnerAgreementStatus {
  number: string;
  status: string;
}

/** Whether a caller needs an agreement to reach anything: a partner agency's client or user. */
export const needsAgreement = (subject: Pick<Subject, 'roles'>): boolean => subject.roles.includes('PARTNER');

/** Why a partner is refused before anything is planned, or null when it may go on. */
export function partnerRefusal(subject: Pick<Subject, 'roles'>, agreement: PartnerAgreementStatus | null): string | null {
  if (!needsAgreement(subject)) return null;
  if (!agreement) return 'a partner agency reaches data only under an active written agreement, and none was found';
  if (agreement.status !== 'ACTIVE') return `agreement ${agreement.number} is ${agreement.status}, not ACTIVE`;
  return null;
}
