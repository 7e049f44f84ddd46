import { SignJWT } from 'jose';
import type { KeyPair } from './localKeys';
import { AUDIENCE, LOCAL_ISSUER } from './verifyBearerToken';

export interface DevelopmentTokenRequest {
  userId: string;
  /**
   * [P14] an OAuth 2 client-credentials token for this client (a partner agency's directory
   * CLIENT): `sub` and `client_id` both name it (RFC 9068). `userId` is then the same id.
   */
  clientCredentials?: boolean;
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
    ...(request.clientCredentials ? { client_id: request.userId, amr: [], scope: 'erms:partner' } : {}),
    ...request.claims,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}
