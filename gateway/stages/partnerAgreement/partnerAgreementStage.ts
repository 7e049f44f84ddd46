import { ermsError } from '../../../platform/errors/ErrorCode';
import { isPartner } from '../../../policy/agreementScope';
import { policyContext } from '../../../policy/Subject';
import type { Stage } from '../Stage';
import { admitPartner } from './admitPartner';
import type { PartnerAccess } from './PartnerAccess';

/**
 * [P14] A partner agency's request runs under its written agreement, or not at all: the
 * agreement in force is found (admitPartner.ts says what is checked), put on the subject, so
 * the field rules and every subgraph hold the request to it, and named in the audit event.
 * Without partner access configured, every partner is refused: fail closed.
 */
export function partnerAgreementStage(partners: PartnerAccess | undefined): Stage {
  return {
    name: 'partnerAgreement',
    async onRequest({ http, context }) {
      const subject = context.subject!;
      if (!isPartner(subject)) return;
      if (!partners) throw ermsError('AGREEMENT_SCOPE', 'partner access is not configured on this gateway', { reason: 'NO_AGREEMENT' });
      const admitted = await admitPartner(partners, subject, context.purpose ?? null, http, (number) => (context.audit.agreement = number));
      subject.agreement = admitted.scope;
      context.policy = policyContext(subject, context.purpose ?? null);
    },
  };
}
