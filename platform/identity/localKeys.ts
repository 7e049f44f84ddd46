import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';

export type KeyAlgorithm = 'ES256' | 'EdDSA';

export interface KeyPair {
  alg: KeyAlgorithm;
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/** A key pair in memory only (tests). */
export async function createKeyPair(name: string, alg: KeyAlgorithm): Promise<KeyPair> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return fromStored(name, { alg, private: await exportJWK(privateKey) });
}

/**
 * A key pair kept under `DATA_DIR/keys/<name>.jwk` (embedded default only): the development
 * token issuer's, and the gateway's for signing the context it sends to subgraphs. Created on
 * first use; several processes starting at once agree on one pair (create-exclusive, then read).
 */
export async function loadOrCreateKeyPair(dataDir: string, name: string, alg: KeyAlgorithm): Promise<KeyPair> {
  const folder = path.join(dataDir, 'keys');
  const file = path.join(folder, `${name}.jwk`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  let stored = readStored(file);
  if (!stored) {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ alg, private: await exportJWK(privateKey) }), { mode: 0o600 });
    try {
      linkSync(temporary, file); // atomic, and fails if another process created the pair first
    } catch {
      // theirs wins: read it below
    } finally {
      unlinkSync(temporary);
    }
    stored = readStored(file);
    if (!stored) throw new Error(`cannot read or create the key pair ${file}`);
  }
  return fromStored(name, stored);
}

async function fromStored(name: string, stored: { alg: KeyAlgorithm; private: JWK }): Promise<KeyPair> {
  const { d: _private, ...publicJwk } = stored.private;
  const kid = `${name}-${(publicJwk.x ?? '').slice(0, 8)}`;
  return {
    alg: stored.alg,
    kid,
    privateKey: (await importJWK(stored.private, stored.alg)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, stored.alg)) as CryptoKey,
    publicJwk: { ...publicJwk, kid, alg: stored.alg, use: 'sig' },
  };
}

function readStored(file: string): { alg: KeyAlgorithm; private: JWK } | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
