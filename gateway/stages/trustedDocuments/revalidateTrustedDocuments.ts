import type { AgreementStore } from '../../../subgraphs/governance/agreements/AgreementStore';
import type { TrustedDocuments } from '../../../subgraphs/governance/agreements/TrustedDocuments';
import { validateOperation, type PublicationSchema } from './validateOperation';

/** What revalidation found: operations still valid, and those now marked invalid with why. */
export interface Revalidation {
  checked: number;
  invalid: { name: string; version: number; owner: string; problem: string }[];
}

/**
 * [P14] Checks every published operation against a (new) supergraph and its agreement's terms:
 * one no longer valid is marked, never served, until it is published again. Run at gateway
 * start and by `npm run operations -- revalidate`.
 */
export async function revalidateTrustedDocuments(documents: TrustedDocuments, agreements: AgreementStore, schema: PublicationSchema): Promise<Revalidation> {
  const result: Revalidation = { checked: 0, invalid: [] };
  for (const document of await documents.list()) {
    if (document.supergraphSha256 === schema.sha256 && document.valid) {
      result.checked++;
      continue;
    }
    const agreement = 'agreement' in document.owner ? await agreements.get(document.owner.agreement) : null;
    const checked = validateOperation(document.body, schema, agreement ? { number: agreement.number, systems: agreement.systems, categories: agreement.categories, purposes: agreement.purposes } : null);
    const problem = checked.ok ? null : checked.problem;
    await documents.markChecked(document, schema.sha256, problem);
    result.checked++;
    if (problem) result.invalid.push({ name: document.name, version: document.version, owner: 'agreement' in document.owner ? document.owner.agreement : document.owner.client, problem });
  }
  return result;
}
