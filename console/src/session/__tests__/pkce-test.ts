import { challengeOf, createVerifier, randomToken } from '../pkce';

/** [P9] The console's PKCE (RFC 7636): what the identity provider checks the code exchange against. */
describe('PKCE', () => {
  it('makes the S256 challenge of RFC 7636 Appendix B from its verifier', async () => {
    await expect(challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('a verifier is 43 characters of the unreserved set, and a different one each time', () => {
    const verifiers = Array.from({ length: 50 }, createVerifier);
    for (const verifier of verifiers) expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(verifiers).size).toBe(50);
  });

  it('a tampered verifier has another challenge (the provider refuses the exchange)', async () => {
    const verifier = createVerifier();
    const tampered = `${verifier.slice(0, -1)}${verifier.endsWith('A') ? 'B' : 'A'}`;
    expect(await challengeOf(tampered)).not.toBe(await challengeOf(verifier));
  });

  it('state and nonce carry 128 bits, base64url with no padding', () => {
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
