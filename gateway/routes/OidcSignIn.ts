/**
 * [P9] The console's sign-in at the department's identity provider: OAuth 2 authorization code
 * with PKCE (RFC 7636), as a public client (a browser keeps no secret). The console reads these
 * from `GET /console/api/config`; nothing in it is secret.
 */
export interface OidcSignIn {
  issuer: string;
  clientId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  scopes: readonly string[];
}

/** What `GET /console/api/config` answers: how the console signs people in on this gateway. */
export type ConsoleSignInMode = { mode: 'development' } | ({ mode: 'oidc' } & OidcSignIn) | { mode: 'none' };

/**
 * The one origin the console's page may connect to besides its own: the token endpoint's, where
 * it exchanges the code. The authorization endpoint is a navigation, which connect-src does not govern.
 */
export const tokenEndpointOrigin = (signIn: OidcSignIn): string => new URL(signIn.tokenEndpoint).origin;
