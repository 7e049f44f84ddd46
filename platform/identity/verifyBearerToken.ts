import { createHash } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ermsError } from '../errors/ErrorCode';
import type { KeyPair } from './localKeys';
import { hasSecondFactor } from './secondFactors';

/** The identity claims the gateway relies on, once the token verifies. */
export interface VerifiedIdentity {
  subjectId: string;
  /** Authentication methods (RFC 8176): `pwd`, `mfa`, `otp`, `hwk`, ... */
  amr: string[];
  /** The session comes from outside the department's network. */
  remote: boolean;
  issuedAt?: number;
  /** Who issued the token (the identity provider, or the local development issuer). */
  issuer: string;
  /** The session: the token's `sid` or `jti`, else a digest of the token itself (never the token). */
  sessionId: string;
  /**
   * OAuth 2 client credentials (RFC 9068 `client_id`): a partner agency's client, whose token
   * names itself as subject [P14]. Absent for a user's token.
   */
  clientId?: string;
}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Only these algorithms are accepted: `alg: none` and algorithm confusion are impossible. */
  algorithms: readonly string[];
  /** Production: the identity provider's JWKS URL. Embedded default: the local issuer key. */
  jwksUrl?: string;
  localIssuerKey?: KeyPair;
  clockToleranceSeconds?: number;
}

export const LOCAL_ISSUER = 'urn:erms:local-development-issuer';
export const AUDIENCE = 'erms-federation';

export function createTokenVerifier(options: TokenVerifierOptions): (authorization: string | undefined) => Promise<VerifiedIdentity> {
  let keys: JWTVerifyGetKey;
  // Stryker disable next-line ObjectLiteral: 30 s is also jose's default cooldown between two fetches of the key set
  if (options.jwksUrl) keys = createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000 });
  else if (options.localIssuerKey) keys = createLocalJWKSet({ keys: [options.localIssuerKey.publicJwk] });
  else throw new Error('no key source: set OIDC_JWKS_URL (or use the embedded default\'s local issuer)');

  // A client sends the same token with each request: its signature is checked once, its expiry every time.
  const verified = new Map<string, { identity: VerifiedIdentity; exp: number }>();
  return async (authorization) => {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization?.trim() ?? '');
    if (!match) throw unauthenticated(authorization ? 'the Authorization header is not a bearer JWT' : 'an Authorization: Bearer token is required');
    const known = verified.get(match[1]!);
    if (known) {
      if (known.exp * 1000 > Date.now()) return known.identity;
      verified.delete(match[1]!);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [...options.algorithms],
        clockTolerance: options.clockToleranceSeconds ?? 30,
        // One clock for the signature check and the cache's expiry check.
        currentDate: new Date(Date.now()),
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw unauthenticated(`the bearer token was refused: ${tokenProblem(error)}`);
    }
    const amr = Array.isArray(payload.amr) ? payload.amr.filter((m): m is string => typeof m === 'string') : [];
    const remote = payload.remote === true;
    // [P9] remote access requires two-factor authentication.
    if (remote && !hasSecondFactor(amr)) {
      throw unauthenticated('a remote session must be authenticated with a second factor (amr: mfa)');
    }
    const sessionId = typeof payload.sid === 'string' ? payload.sid : typeof payload.jti === 'string' ? payload.jti : createHash('sha256').update(match[1]!).digest('hex').slice(0, 32);
    // A client-credentials token is the client's own: it names no user on another's behalf.
    const clientId = typeof payload.client_id === 'string' && payload.client_id === payload.sub ? payload.client_id : undefined;
    const identity: VerifiedIdentity = { subjectId: payload.sub!, amr, remote, issuedAt: payload.iat, issuer: String(payload.iss), sessionId, ...(clientId ? { clientId } : {}) };
    // Stryker disable next-line all: a bound on the cache's memory; clearing it sooner, later or never changes only the time spent verifying
    if (verified.size >= 10_000) verified.clear();
    verified.set(match[1]!, { identity, exp: payload.exp! });
    return identity;
  };
}

function tokenProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `claim check failed (${(error as { claim?: string }).claim ?? 'claim'})`;
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'algorithm not allowed';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'signature does not verify';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'signed by an unknown key';
    default:
      return 'malformed or unverifiable';
  }
}

export function unauthenticated(message: string) {
  return ermsError('UNAUTHENTICATED', message);
}
