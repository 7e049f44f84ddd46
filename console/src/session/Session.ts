import { hasSecondFactor } from '../../../platform/identity/secondFactors';

/** A signed-in user: the bearer token and what its claims say about the session. */
export interface Session {
  token: string;
  userId: string;
  /** Seconds since the epoch, from the token's `exp`. */
  expiresAt: number;
  remote: boolean;
  /** [P9] a remote session must show multi-factor authentication. */
  mfa: boolean;
}

/** Reads the claims the console shows; the gateway verifies the token, not the console. */
export function sessionFromToken(token: string): Session {
  const payload = token.split('.')[1] ?? '';
  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string; exp?: number; remote?: boolean; amr?: string[] };
  return {
    token,
    userId: claims.sub ?? '',
    expiresAt: claims.exp ?? 0,
    remote: claims.remote === true,
    // [P9] the same second factors the gateway's token check accepts.
    mfa: hasSecondFactor(claims.amr ?? []),
  };
}

export const isExpired = (session: Session, nowMs = Date.now()): boolean => session.expiresAt * 1000 <= nowMs;
