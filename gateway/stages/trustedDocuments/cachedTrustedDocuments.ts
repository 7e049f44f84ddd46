import type { DocumentOwner, TrustedDocument, TrustedDocuments } from '../../../subgraphs/governance/agreements/TrustedDocuments';
import type { FindTrustedDocument } from './resolveTrustedDocument';

/**
 * Published operations as the gateway reads them: by owner and hash, cached for `ttlMs`
 * (default 10 s), so a partner's repeated operation costs no store read; an operation marked
 * invalid, or newly published, is seen within that time. Unknown hashes are cached too: a
 * client retrying a wrong id does not reach the store each time.
 */
export function cachedTrustedDocuments(store: Pick<TrustedDocuments, 'find'>, ttlMs = 10_000, now = () => Date.now()): FindTrustedDocument {
  const entries = new Map<string, { at: number; document: Promise<TrustedDocument | null> }>();
  return (owner: DocumentOwner, sha256: string) => {
    const key = `${'agreement' in owner ? `a:${owner.agreement}` : `c:${owner.client}`}|${sha256}`;
    const cached = entries.get(key);
    if (cached && now() - cached.at < ttlMs) return cached.document;
    const document = store.find(owner, sha256);
    entries.set(key, { at: now(), document });
    document.catch(() => entries.delete(key));
    if (entries.size > 10_000) entries.delete(entries.keys().next().value!);
    return document;
  };
}
