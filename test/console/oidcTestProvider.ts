import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { createKeyPair, type KeyPair } from '../../platform/identity/localKeys';
import { AUDIENCE } from '../../platform/identity/verifyBearerToken';

/**
 * A tiny OpenID Connect provider for the console's browser tests (a test double, 127.0.0.1,
 * port 0): discovery, JWKS, `/authorize` that sends the browser back with a code for the user
 * the test chose, and `/token` that exchanges a code only with the PKCE verifier whose S256
 * challenge `/authorize` was given (RFC 7636 §4.6), once. Tokens are ES256, signed by a key
 * whose JWKS the gateway under test trusts [P9].
 */
export interface SignInAs {
  userId: string;
  /** Outside the department's network: the gateway then requires a second factor in `amr`. */
  remote?: boolean;
  amr?: string[];
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string;
  user: SignInAs;
}

export interface OidcTestProvider {
  issuer: string;
  jwksUrl: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  /** Who `/authorize` signs in next (a real provider would ask for a password and a second factor). */
  signInNext(user: SignInAs): void;
  /** An access token for API calls in the tests, as the provider would issue it (client credentials for a partner client). */
  token(userId: string, options?: { remote?: boolean; amr?: string[]; clientCredentials?: boolean }): Promise<string>;
  /** Token requests refused, and why (`invalid_grant: ...`). */
  refusals: string[];
  close(): Promise<void>;
}

const TOKEN_SECONDS = 15 * 60;
const base64url = (bytes: Buffer) => bytes.toString('base64url');

export async function startOidcTestProvider(clientId = 'erms-console'): Promise<OidcTestProvider> {
  const key: KeyPair = await createKeyPair('oidc-test-provider', 'ES256');
  const codes = new Map<string, PendingCode>();
  const refusals: string[] = [];
  let next: SignInAs | null = null;
  let issuer = '';

  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
  const accessToken = (userId: string, options: { remote?: boolean; amr?: string[]; clientCredentials?: boolean } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return sign({
      iss: issuer, aud: AUDIENCE, sub: userId, iat: now, exp: now + TOKEN_SECONDS, jti: base64url(randomBytes(12)),
      ...(options.clientCredentials ? { client_id: userId, amr: [] } : { amr: options.amr ?? ['pwd'], remote: options.remote ?? false }),
    });
  };

  const json = (response: ServerResponse, status: number, body: unknown) => {
    // The console's page (another origin) reads the token answer: CORS, as a provider's token endpoint allows its clients.
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
    response.end(JSON.stringify(body));
  };
  const refuse = (response: ServerResponse, error: string, description: string) => {
    refusals.push(`${error}: ${description}`);
    json(response, 400, { error, error_description: description });
  };

  const authorize = (url: URL, response: ServerResponse) => {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== clientId || !redirectUri.startsWith('http://127.0.0.1:')) return json(response, 400, { error: 'invalid_request', error_description: 'unknown client or redirect' });
    const back = new URL(redirectUri);
    if (q.get('state')) back.searchParams.set('state', q.get('state')!);
    if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '') || !next) {
      back.searchParams.set('error', next ? 'invalid_request' : 'access_denied');
    } else {
      const code = base64url(randomBytes(24));
      codes.set(code, { clientId, redirectUri, challenge: q.get('code_challenge')!, nonce: q.get('nonce') ?? '', user: next });
      next = null;
      back.searchParams.set('code', code);
    }
    response.writeHead(302, { location: back.toString() }).end();
  };

  const exchange = async (request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    const form = new URLSearchParams(text);
    const code = form.get('code') ?? '';
    const pending = codes.get(code);
    codes.delete(code); // one use, whatever happens next
    if (form.get('grant_type') !== 'authorization_code' || !pending) return refuse(response, 'invalid_grant', 'unknown or used code');
    if (form.get('client_id') !== pending.clientId || form.get('redirect_uri') !== pending.redirectUri) return refuse(response, 'invalid_grant', 'client or redirect differs');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return refuse(response, 'invalid_grant', 'malformed code_verifier');
    if (base64url(createHash('sha256').update(verifier).digest()) !== pending.challenge) return refuse(response, 'invalid_grant', 'code_verifier does not match the challenge');
    const now = Math.floor(Date.now() / 1000);
    const { user } = pending;
    json(response, 200, {
      token_type: 'Bearer',
      expires_in: TOKEN_SECONDS,
      access_token: await accessToken(user.userId, { remote: user.remote, amr: user.amr }),
      id_token: await sign({ iss: issuer, aud: pending.clientId, sub: user.userId, iat: now, exp: now + TOKEN_SECONDS, nonce: pending.nonce, amr: user.amr ?? ['pwd'] }),
    });
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(response, 200, {
        issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'], grant_types_supported: ['authorization_code'], code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['ES256'], token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (url.pathname === '/jwks') return json(response, 200, { keys: [{ ...key.publicJwk, kid: key.kid, alg: 'ES256', use: 'sig' }] });
    if (url.pathname === '/authorize' && request.method === 'GET') return authorize(url, response);
    if (url.pathname === '/token' && request.method === 'POST') return void exchange(request, response).catch(() => json(response, 500, { error: 'server_error' }));
    json(response, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    authorizationEndpoint: `${issuer}/authorize`,
    tokenEndpoint: `${issuer}/token`,
    clientId,
    signInNext: (user) => {
      next = user;
    },
    token: accessToken,
    refusals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
