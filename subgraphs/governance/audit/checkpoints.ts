import { createPublicKey, KeyObject, sign, verify, type JsonWebKey } from 'node:crypto';
import type { JWK } from 'jose';
import type { KeyPair } from '../../../platform/identity/localKeys';

/** The head of the chain at one point: what a checkpoint signs. */
export interface ChainHead {
  seq: number;
  hash: string;
  signedAt: string;
}

export interface SignedCheckpoint extends ChainHead {
  keyId: string;
  signature: string;
}

export interface CheckpointSigner {
  sign(head: ChainHead): SignedCheckpoint;
}

/** The bytes signed: one line, so a checkpoint can be checked by hand with any Ed25519 tool. */
export const checkpointPayload = (head: ChainHead) => Buffer.from(`erms-audit-checkpoint|${head.seq}|${head.hash}|${head.signedAt}`);

/**
 * [P18] Signs checkpoints of the audit chain with a key kept outside the audit database (under
 * DATA_DIR/keys, or the key service in production): whoever can write the database can rebuild
 * a consistent chain, but cannot sign its checkpoints.
 */
export function checkpointSigner(key: KeyPair): CheckpointSigner {
  const privateKey = KeyObject.from(key.privateKey as unknown as Parameters<typeof KeyObject.from>[0]);
  return {
    sign: (head) => ({ ...head, keyId: key.kid, signature: sign(null, checkpointPayload(head), privateKey).toString('base64url') }),
  };
}

/** Checks a checkpoint's signature against the trusted public keys, by key id. */
export function checkpointVerifier(trusted: readonly JWK[]): (checkpoint: SignedCheckpoint) => boolean {
  const keys = new Map(trusted.map((jwk) => [jwk.kid, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })]));
  return (checkpoint) => {
    const key = keys.get(checkpoint.keyId);
    if (!key) return false;
    try {
      return verify(null, checkpointPayload(checkpoint), key, Buffer.from(checkpoint.signature, 'base64url'));
    } catch {
      return false;
    }
  };
}
