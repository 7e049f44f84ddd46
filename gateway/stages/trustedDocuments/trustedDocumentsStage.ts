import type { Stage } from '../Stage';
import type { PartnerAccess } from '../partnerAgreement/PartnerAccess';
import { resolveTrustedDocument } from './resolveTrustedDocument';

/**
 * [P14] Trusted documents, before parsing: a partner agency (its agreement already admitted),
 * or an internal client that opted in, sends only the id of an operation approved for it;
 * the approved text takes the id's place in the body Apollo then reads. Anything else:
 * OPERATION_NOT_APPROVED (resolveTrustedDocument.ts).
 */
export function trustedDocumentsStage(partners: PartnerAccess | undefined): Stage {
  return {
    name: 'trustedDocuments',
    async onRequest({ context, body }) {
      const subject = context.subject!;
      const owner = subject.agreement ? { agreement: subject.agreement.number } : partners?.trustedDocumentClients?.has(subject.id) ? { client: subject.id } : null;
      if (!owner || !partners) return;
      context.audit.trustedDocument = await resolveTrustedDocument(body, owner, partners.findTrustedDocument);
    },
  };
}
