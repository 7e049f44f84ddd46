import type { AgreementsInForce } from './AgreementsInForce';
import type { FindTrustedDocument } from '../trustedDocuments/resolveTrustedDocument';
import type { Revalidation } from '../trustedDocuments/revalidateTrustedDocuments';

/**
 * [P14] What the gateway needs to admit partner agencies: their agreements, the operations
 * approved for them, and the daily count. Absent from the gateway's options: every partner is
 * refused (AGREEMENT_SCOPE), fail closed.
 */
export interface PartnerAccess {
  agreements: AgreementsInForce;
  findTrustedDocument: FindTrustedDocument;
  countRequest: (agreementNumber: string) => Promise<number>;
  /** Internal clients (directory ids) that opted in to run only their published operations. */
  trustedDocumentClients?: ReadonlySet<string>;
  now?: () => Date;
  /** Checks every published operation against the supergraph the gateway starts with; the invalid are marked, not served. */
  revalidate?: (supergraphSdl: string) => Promise<Revalidation>;
}
