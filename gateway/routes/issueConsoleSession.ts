import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../../platform/http/readBody';
import { writeJson } from '../../platform/http/graphqlRequestHandler';
import type { ConsoleSignInMode, OidcSignIn } from './OidcSignIn';

/** A user the development sign-in offers. */
export interface SignInUser {
  id: string;
  displayName: string;
  roles: readonly string[];
  command: string;
}

/**
 * Development sign-in for the console: the embedded default's local issuer (the one
 * `npm run token` uses) mints a short session for a seeded user picked in the browser. A browser
 * cannot run `npm run token`, and pasting tokens teaches people to pass them around. Never in
 * production, never beside an identity provider: the composition root passes it only then, and
 * startGateway refuses it in production [P9].
 */
export interface DevelopmentSignIn {
  users: readonly SignInUser[];
  /** A bearer token for the user, expiring after the console's session length. */
  issue(userId: string): Promise<string>;
}

export type ConsoleSessionRoute = (path: string, request: IncomingMessage, response: ServerResponse) => Promise<boolean> | boolean;

/**
 * `/console/api/config` (GET: how the console signs in here, development or the identity
 * provider's PKCE flow), `/console/api/users` (GET) and `/console/api/session` (POST
 * `{ userId }`); the last two 404 when sign-in is not development's.
 */
export function issueConsoleSession(signIn: DevelopmentSignIn | undefined, oidc?: OidcSignIn): ConsoleSessionRoute {
  const mode: ConsoleSignInMode = signIn ? { mode: 'development' } : oidc ? { mode: 'oidc', ...oidc } : { mode: 'none' };
  return async (path, request, response) => {
    if (!path.startsWith('/console/api/')) return false;
    if (path === '/console/api/config' && request.method === 'GET') {
      writeJson(response, 200, mode);
      return true;
    }
    if (!signIn) {
      writeJson(response, 404, { error: 'development sign-in is not available: sign in through the identity provider' });
      return true;
    }
    if (path === '/console/api/users' && request.method === 'GET') {
      writeJson(response, 200, signIn.users);
      return true;
    }
    if (path === '/console/api/session' && request.method === 'POST') {
      // A JSON body only: a cross-site form cannot send one without the browser asking first.
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        writeJson(response, 415, { error: 'send application/json' });
        return true;
      }
      let userId: unknown;
      try {
        userId = (JSON.parse(await readBody(request, 1024)) as { userId?: unknown }).userId;
      } catch {
        writeJson(response, 400, { error: 'send { "userId": "<a seeded user>" }' });
        return true;
      }
      if (typeof userId !== 'string' || !signIn.users.some((user) => user.id === userId)) {
        writeJson(response, 400, { error: 'not a user the development sign-in offers' });
        return true;
      }
      writeJson(response, 200, { token: await signIn.issue(userId) });
      return true;
    }
    writeJson(response, 404, { error: 'not found' });
    return true;
  };
}
