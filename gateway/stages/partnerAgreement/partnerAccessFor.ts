import type { Database } from '../../../platform/storage/Database';
import { AgreementStore } from '../../../subgraphs/governance/agreements/AgreementStore';
import { TrustedDocuments } from '../../../subgraphs/governance/agreements/TrustedDocuments';
import { cachedTrustedDocuments } from '../trustedDocuments/cachedTrustedDocuments';
import { revalidateTrustedDocuments } from '../trustedDocuments/revalidateTrustedDocuments';
import { publicationSchema } from '../trustedDocuments/validateOperation';
import { AgreementsInForce } from './AgreementsInForce';
import type { PartnerAccess } from './PartnerAccess';

/** Partner access over the governance store: agreements, approved operations, daily counts. */
export function partnerAccessFor(db: Database, options: { trustedDocumentClients?: readonly string[]; cacheMs?: number } = {}): PartnerAccess {
  const store = new AgreementStore(db);
  const documents = new TrustedDocuments(db);
  return {
    agreements: new AgreementsInForce(store, options.cacheMs),
    findTrustedDocument: cachedTrustedDocuments(documents, options.cacheMs),
    countRequest: (number) => store.countRequest(number),
    ...(options.trustedDocumentClients?.length ? { trustedDocumentClients: new Set(options.trustedDocumentClients) } : {}),
    revalidate: (supergraphSdl) => revalidateTrustedDocuments(documents, store, publicationSchema(supergraphSdl)),
  };
}
