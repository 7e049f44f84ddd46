import type { CommercialProvider } from './providers/providerNames';
import type { Database } from '../../platform/storage/Database';
import type { CacheCipher, SealedValue } from './cacheCipher';
import type { ProviderReport } from './ProviderReport';
import type { SearchQuery } from './SearchQuery';

/** A provider's answer as cached: the report and when the provider gave it. */
export interface CachedReport {
  report: ProviderReport;
  retrievedAt: string;
}

export interface CacheRow {
  key: string;
  iv: Uint8Array;
  tag: Uint8Array;
  ciphertext: Uint8Array;
}

/** The cache row key of one search at one provider (an HMAC: see cacheCipher). */
export const cacheKeyOf = (cipher: CacheCipher, provider: CommercialProvider, query: SearchQuery) => cipher.keyOf(JSON.stringify([provider, query]));

/** The row's authenticated context: a value moved to another row or provider does not open. */
const contextOf = (key: string, provider: CommercialProvider) => `${key}|${provider}`;

/** Rows still fresh at `now`, by key: one statement for every key asked in a tick. */
export function readCacheRows(db: Database, keys: readonly string[], now: Date): Promise<CacheRow[]> {
  return db.query<CacheRow>(
    'SELECT key_hash AS key, iv, tag, ciphertext FROM search_cache WHERE key_hash = ANY($1::text[]) AND expires_at > $2',
    [keys as string[], now.toISOString()],
  );
}

export function openCacheRow(cipher: CacheCipher, provider: CommercialProvider, row: CacheRow): CachedReport | null {
  const sealed: SealedValue = { iv: Buffer.from(row.iv), tag: Buffer.from(row.tag), ciphertext: Buffer.from(row.ciphertext) };
  const plaintext = cipher.open(sealed, contextOf(row.key, provider));
  return plaintext === null ? null : (JSON.parse(plaintext) as CachedReport);
}

/**
 * Stores an answer, encrypted, until `now + ttlSeconds` [P10]; rows past their time are deleted
 * on the way (an expired answer is never served, and does not stay on disk either).
 */
export async function writeCacheRow(
  db: Database,
  cipher: CacheCipher,
  provider: CommercialProvider,
  key: string,
  value: CachedReport,
  ttlSeconds: number,
  now: Date,
): Promise<void> {
  const sealed = cipher.seal(JSON.stringify(value), contextOf(key, provider));
  await db.query('DELETE FROM search_cache WHERE expires_at <= $1', [now.toISOString()]);
  await db.query(
    `INSERT INTO search_cache (key_hash, provider, iv, tag, ciphertext, stored_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (key_hash) DO UPDATE SET iv = excluded.iv, tag = excluded.tag, ciphertext = excluded.ciphertext,
       stored_at = excluded.stored_at, expires_at = excluded.expires_at`,
    [key, provider, sealed.iv, sealed.tag, sealed.ciphertext, now.toISOString(), new Date(now.getTime() + ttlSeconds * 1000).toISOString()],
  );
}
