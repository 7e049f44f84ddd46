/**
 * PKCE (RFC 7636) for the console's sign-in at the identity provider [P9]: a public client in a
 * browser keeps no secret, so the code it is sent back is worth nothing without the verifier
 * only this tab holds. Web Crypto only: `crypto.getRandomValues` and `crypto.subtle`.
 */
const base64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A random string of `bytes` bytes of entropy, base64url (no padding). */
export const randomToken = (bytes = 32): string => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

/** A code verifier: 32 random bytes, 43 characters of the unreserved set (§4.1 asks 43 to 128). */
export const createVerifier = (): string => randomToken(32);

/** The S256 challenge of a verifier: base64url(SHA-256(ASCII(verifier))) (§4.2). */
export async function challengeOf(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}
