import { createHash, createPublicKey, KeyObject, randomUUID, sign, verify, type JsonWebKey, type webcrypto } from 'node:crypto';
import type { JWK } from 'jose';
import type { KeyPair } from './localKeys';
import type { SeenCallIds } from './SeenCallIds';

/**
 * The per-call half of the gateway's signed context [P5]: the caller's context token
 * (`x-erms-context`) is reused across a caller's requests, so on its own a captured one could
 * be replayed with any query. Every call therefore also carries `x-erms-call-signature`, a
 * detached signature (as AWS SigV4 or HTTP Message Signatures do) over:
 *   - `aud`: the one subgraph the call is for,
 *   - `jti`: a unique id, accepted once,
 *   - `exp`: a short expiry (seconds since the epoch),
 *   - `rid`: the gateway's request id (for the audit trail),
 *   - `bh`: SHA-256 of the exact request body (query, variables, operationName),
 *   - `ch`: SHA-256 of the context token it goes with.
 * Header value: `<base64url(JSON claims)>.<base64url(signature over "erms-call/1." + claims)>`,
 * signed with the gateway's context key (Ed25519) straight through node:crypto.
 */
export const CALL_SIGNATURE_HEADER = 'x-erms-call-signature';
const SIGNED_PREFIX = 'erms-call/1.';
const CALL_LIFETIME_SECONDS = 15;
/** A signature claiming a longer life than this is refused: the replay set must not hold ids for long. */
const MAX_CALL_LIFETIME_SECONDS = 60;

export interface CallClaims {
  aud: string;
  jti: string;
  exp: number;
  rid: string;
  bh: string;
  ch: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export type CallSigner = (audience: string, body: string, contextToken: string, requestId: string) => string;

/** Signs each call with the gateway's context key; `now` and `lifetimeSeconds` for tests (an expired call). */
export function createCallSigner(key: KeyPair, lifetimeSeconds = CALL_LIFETIME_SECONDS, now: () => number = Date.now): CallSigner {
  const privateKey = KeyObject.from(key.privateKey as unknown as webcrypto.CryptoKey);
  const digest = digestOf(key.alg);
  // The context token is the same for many calls in a row: hash it once.
  let lastToken = '';
  let lastTokenHash = '';
  return (aud, body, contextToken, rid) => {
    if (contextToken !== lastToken) [lastToken, lastTokenHash] = [contextToken, sha256(contextToken)];
    const claims: CallClaims = { aud, jti: randomUUID(), exp: Math.floor(now() / 1000) + lifetimeSeconds, rid, bh: sha256(body), ch: lastTokenHash };
    const encoded = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = sign(digest, Buffer.from(SIGNED_PREFIX + encoded), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    return `${encoded}.${signature.toString('base64url')}`;
  };
}

/** Why a call was refused: short, for the log, the metrics and the caller. */
export type CallRefusalReason =
  | 'missing'
  | 'malformed'
  | 'bad-signature'
  | 'expired'
  | 'wrong-audience'
  | 'context-mismatch'
  | 'body-mismatch'
  | 'replayed'
  | 'replay-window-full';

export class CallRefusal extends Error {
  constructor(
    readonly reason: CallRefusalReason,
    readonly jti?: string,
    /** The caller the context token names, once it verified (for the log). */
    readonly subject?: string,
  ) {
    super(reason);
  }
}

export interface CallToVerify {
  signature: string | undefined;
  /** `kid` of the verified context token: the same gateway key signs both. */
  keyId: string | undefined;
  body: string;
  contextToken: string;
}

/**
 * Verifies the call signature a subgraph (`audience`) receives, recomputing the hashes from the
 * bytes it received, and accepts each `jti` once. Throws `CallRefusal`.
 */
export function createCallVerifier(
  gatewayKeys: readonly JWK[],
  audience: string,
  seen: SeenCallIds,
  now: () => number = Date.now,
): (call: CallToVerify) => CallClaims {
  const keys = gatewayKeys.map((jwk) => ({
    kid: jwk.kid,
    key: createPublicKey({ key: { ...jwk } as JsonWebKey, format: 'jwk' }),
    digest: digestOf(jwk.alg),
  }));
  return ({ signature, keyId, body, contextToken }) => {
    if (!signature) throw new CallRefusal('missing');
    const dot = signature.indexOf('.');
    if (dot < 0) throw new CallRefusal('malformed');
    const encoded = signature.slice(0, dot);
    const key = keys.length === 1 ? keys[0] : keys.find((k) => k.kid === keyId);
    if (!key) throw new CallRefusal('bad-signature');
    let verified = false;
    try {
      verified = verify(key.digest, Buffer.from(SIGNED_PREFIX + encoded), { key: key.key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature.slice(dot + 1), 'base64url'));
    } catch {
      verified = false;
    }
    if (!verified) throw new CallRefusal('bad-signature');
    const claims = parseClaims(encoded);
    if (!claims) throw new CallRefusal('malformed');
    const nowMs = now();
    if (claims.exp * 1000 <= nowMs) throw new CallRefusal('expired', claims.jti);
    if (claims.exp * 1000 > nowMs + MAX_CALL_LIFETIME_SECONDS * 1000) throw new CallRefusal('malformed', claims.jti);
    if (claims.aud !== audience) throw new CallRefusal('wrong-audience', claims.jti);
    if (claims.ch !== sha256(contextToken)) throw new CallRefusal('context-mismatch', claims.jti);
    if (claims.bh !== sha256(body)) throw new CallRefusal('body-mismatch', claims.jti);
    // Last, once everything else holds: a refused call must not use up its id.
    const claimed = seen.claim(claims.jti, claims.exp * 1000);
    if (claimed === 'seen') throw new CallRefusal('replayed', claims.jti);
    if (claimed === 'full') throw new CallRefusal('replay-window-full', claims.jti);
    return claims;
  };
}

function parseClaims(encoded: string): CallClaims | null {
  try {
    const value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
    const strings = ['aud', 'jti', 'rid', 'bh', 'ch'] as const;
    if (!strings.every((name) => typeof value[name] === 'string' && value[name] !== '') || typeof value.exp !== 'number') return null;
    return value as unknown as CallClaims;
  } catch {
    return null;
  }
}

/** node:crypto's digest argument: none for Ed25519, SHA-256 for ES256. */
function digestOf(alg: string | undefined): string | null {
  return alg === 'ES256' ? 'sha256' : null;
}
