import type { OidcSignIn } from '../../../gateway/routes/OidcSignIn';
import { challengeOf, createVerifier, randomToken } from './pkce';
import { sessionFromToken, type Session } from './Session';

/** What this tab remembers between leaving for the identity provider and coming back (one sign-in). */
interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
}

const PENDING = 'erms.oidc.pending';
export const CALLBACK_PATH = '/console/callback';
const redirectUri = () => `${location.origin}${CALLBACK_PATH}`;

/**
 * [P9] Leaves for the identity provider's sign-in: authorization code with PKCE (S256), a
 * `state` against a forged callback and a `nonce` bound into the ID token, all kept in this
 * tab's sessionStorage only.
 */
export async function beginOidcSignIn(config: OidcSignIn): Promise<void> {
  const pending: PendingSignIn = { verifier: createVerifier(), state: randomToken(16), nonce: randomToken(16) };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scopes.join(' '),
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** The claims of a JWT's payload, unverified: the console checks what the OIDC flow binds (nonce, audience, issuer), the gateway verifies signatures. */
function claimsOf(jwt: string): Record<string, unknown> {
  try {
    return JSON.parse(atob((jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * Back at `/console/callback?code&state`: checks the state is this tab's, exchanges the code
 * with the verifier at the token endpoint (straight from the provider, over TLS in production:
 * OIDC Core §3.1.3.7), checks the ID token's nonce, audience and issuer, and returns the session
 * of the access token. Throws a sentence a person can read.
 */
export async function completeOidcSignIn(config: OidcSignIn, search: string): Promise<Session> {
  const params = new URLSearchParams(search);
  const saved = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING); // one use
  if (params.get('error')) throw new Error(`The identity provider did not sign you in (${params.get('error')}).`);
  const pending = saved ? (JSON.parse(saved) as PendingSignIn) : null;
  if (!pending || !params.get('state') || params.get('state') !== pending.state) throw new Error('This sign-in was not started from this tab: start again.');
  const response = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: redirectUri(), client_id: config.clientId, code_verifier: pending.verifier }),
  });
  const answer = (await response.json().catch(() => ({}))) as { access_token?: string; id_token?: string; error?: string };
  if (!response.ok || !answer.access_token || !answer.id_token) throw new Error(`The identity provider refused the sign-in (${answer.error ?? `HTTP ${response.status}`}).`);
  const id = claimsOf(answer.id_token);
  const audience = Array.isArray(id.aud) ? id.aud : [id.aud];
  if (id.nonce !== pending.nonce || !audience.includes(config.clientId) || id.iss !== config.issuer) throw new Error('The identity provider’s answer was not for this sign-in: start again.');
  return sessionFromToken(answer.access_token);
}
