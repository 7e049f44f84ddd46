import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface SealedValue {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

export interface CacheCipher {
  /** The cache row's key: an HMAC of the search, so the key column names nobody either. */
  keyOf(search: string): string;
  /** AES-256-GCM with a fresh 96-bit IV; `context` (the row's key) is authenticated with it. */
  seal(plaintext: string, context: string): SealedValue;
  /** The plaintext, or null when the value does not authenticate (another key, another row, tampered). */
  open(sealed: SealedValue, context: string): string | null;
}

/**
 * [P10] Provider data cached at rest is encrypted: AES-256-GCM under a key from configuration
 * (`COMMERCIAL_CACHE_KEY`). Two subkeys are derived from it with HKDF, one to encrypt and one
 * to name rows, so no key does two jobs.
 */
export function createCacheCipher(key: Buffer): CacheCipher {
  if (key.length !== 32) throw new Error('the cache key must be 32 bytes (AES-256)');
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `erms commercial cache: ${purpose}`, 32));
  const encryptionKey = derive('aes-256-gcm');
  const indexKey = derive('hmac-sha256 row key');
  return {
    keyOf: (search) => createHmac('sha256', indexKey).update(search).digest('hex'),
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      cipher.setAAD(Buffer.from(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return { iv, tag: cipher.getAuthTag(), ciphertext };
    },
    open(sealed, context) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', encryptionKey, sealed.iv);
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(sealed.tag);
        return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
