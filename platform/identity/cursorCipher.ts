import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';

/**
 * [P18] A page cursor must not carry a readable record key: a caller who selects only
 * `edges { cursor }` would otherwise receive arrest numbers and dates the audit never names.
 * Cursors leave a subgraph sealed with AES-256-GCM (the subgraph's name authenticated with it, so
 * a cursor of one subgraph is no cursor of another) and are opened
 * when they come back as `after`; one that does not authenticate (tampered, forged, another
 * key) is the client's error.
 */
export interface CursorCipher {
  seal(cursor: string): string;
  /** The cursor as issued, or null when it does not authenticate. */
  open(sealed: string): string | null;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** `key`: 32 bytes shared by every replica of the subgraph (configuration, or DATA_DIR/keys/cursor.key). */
export function createCursorCipher(key: Buffer, subgraph: string): CursorCipher {
  if (key.length !== 32) throw new Error('the cursor key must be 32 bytes (AES-256)');
  const encryptionKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'erms page cursor: aes-256-gcm', 32));
  const ivKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'erms page cursor: synthetic iv', 32));
  const context = Buffer.from(`cursor:${subgraph}`);
  return {
    seal(cursor) {
      // A synthetic IV (an HMAC of the cursor, as in SIV): the same cursor seals the same, so a
      // connection's endCursor still equals its last edge's cursor (Relay); an IV repeats only
      // with its own plaintext, which GCM tolerates, and reveals only that two cursors are equal.
      const iv = createHmac('sha256', ivKey).update(context).update(cursor).digest().subarray(0, IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      cipher.setAAD(context);
      // Stryker disable next-line StringLiteral: node:crypto reads a string given with encoding '' as UTF-8 too
      const ciphertext = Buffer.concat([cipher.update(cursor, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
    },
    open(sealed) {
      try {
        const bytes = Buffer.from(sealed, 'base64url');
        if (bytes.length < IV_BYTES + TAG_BYTES + 1 || bytes.length > 1024) return null;
        const decipher = createDecipheriv('aes-256-gcm', encryptionKey, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(context);
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
