import { SignJWT } from 'jose';
import type { KeyPair } from './localKeys';
import { AUDIENCE, LOCAL_ISSUER } from './verifyBearerToken';

export interface DevelopmentTokenRequest {
  userId: string;
  remote?: boolean;
  mfa?: boolean;
  ttlSeconds?: number;
  /** For tests of the verifier: override any claim. */
  claims?: Record<string, unknown>;
}

/** A bearer token from the embedded default's local issuer (never valid in production). */
export function issueDevelopmentToken(key: KeyPair, request: DevelopmentTokenRequest): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: LOCAL_ISSUER,
    aud: AUDIENCE,
    sub: request.userId,
    iat: now,
    nbf: now - 5,
    exp: now + (request.ttlSeconds ?? 3600),
    amr: request.mfa ? ['pwd', 'mfa'] : ['pwd'],
    remote: request.remote ?? false,
    ...request.claims,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}
