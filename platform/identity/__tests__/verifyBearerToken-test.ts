import { SignJWT, UnsecuredJWT } from 'jose';
import { issueDevelopmentToken } from '../issueDevelopmentToken';
import { createKeyPair, type KeyPair } from '../localKeys';
import { AUDIENCE, createTokenVerifier, LOCAL_ISSUER } from '../verifyBearerToken';

/** [P9] tokens: pinned algorithms, exp/nbf/iss/aud checked, second factor for remote sessions. */
describe('verifyBearerToken', () => {
  let key: KeyPair;
  let otherKey: KeyPair;
  let verify: ReturnType<typeof createTokenVerifier>;
  beforeAll(async () => {
    key = await createKeyPair('issuer', 'ES256');
    otherKey = await createKeyPair('intruder', 'ES256');
    verify = createTokenVerifier({ issuer: LOCAL_ISSUER, audience: AUDIENCE, algorithms: ['ES256'], localIssuerKey: key });
  });
  const bearer = (token: string) => `Bearer ${token}`;
  const refused = async (authorization: string | undefined, message: RegExp) => {
    await expect(verify(authorization)).rejects.toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } });
  };

  it('accepts a valid token and reads its subject, methods and network', async () => {
    const identity = await verify(bearer(await issueDevelopmentToken(key, { userId: 'detective', remote: true, mfa: true })));
    expect(identity).toMatchObject({ subjectId: 'detective', amr: ['pwd', 'mfa'], remote: true });
  });

  it('checks a token\'s signature once, but its expiry on every use', async () => {
    const token = bearer(await issueDevelopmentToken(key, { userId: 'analyst', ttlSeconds: 60 }));
    expect(await verify(token)).toMatchObject({ subjectId: 'analyst' });
    expect(await verify(token)).toMatchObject({ subjectId: 'analyst' });
    const later = Date.now() + 10 * 60_000;
    const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
    try {
      await refused(token, /expired/);
    } finally {
      clock.mockRestore();
    }
  });

  it('refuses a missing or non-bearer Authorization header', async () => {
    await refused(undefined, /required/);
    await refused('Basic dXNlcjpwYXNz', /not a bearer JWT/);
  });

  it('refuses an expired token, one not yet valid, a wrong issuer and a wrong audience', async () => {
    await refused(bearer(await issueDevelopmentToken(key, { userId: 'officer', ttlSeconds: -120 })), /expired/);
    const notYet = await new SignJWT({ amr: ['pwd'] }).setProtectedHeader({ alg: 'ES256' }).setIssuer(LOCAL_ISSUER).setAudience(AUDIENCE)
      .setSubject('officer').setIssuedAt().setNotBefore('10m').setExpirationTime('1h').sign(key.privateKey);
    await refused(bearer(notYet), /claim check failed \(nbf\)/);
    await refused(bearer(await issueDevelopmentToken(key, { userId: 'officer', claims: { iss: 'https://evil.example' } })), /claim check failed \(iss\)/);
    await refused(bearer(await issueDevelopmentToken(key, { userId: 'officer', claims: { aud: 'another-app' } })), /claim check failed \(aud\)/);
  });

  it('refuses a token signed by any other key, and an unsigned one (alg: none)', async () => {
    await refused(bearer(await issueDevelopmentToken(otherKey, { userId: 'officer' })), /signature does not verify|unknown key/);
    const unsigned = new UnsecuredJWT({ amr: ['pwd'] }).setIssuer(LOCAL_ISSUER).setAudience(AUDIENCE).setSubject('officer').setIssuedAt().setExpirationTime('1h').encode();
    await refused(`Bearer ${unsigned}x`, /refused|not a bearer/);
  });

  it('refuses an algorithm outside the pinned list (HS256 signed with the public key)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(key.publicJwk));
    const confused = await new SignJWT({ amr: ['pwd'] }).setProtectedHeader({ alg: 'HS256' }).setIssuer(LOCAL_ISSUER).setAudience(AUDIENCE)
      .setSubject('officer').setIssuedAt().setExpirationTime('1h').sign(secret);
    await refused(bearer(confused), /refused/);
  });

  it('refuses a remote session without a second factor [P9]', async () => {
    await refused(bearer(await issueDevelopmentToken(key, { userId: 'detective', remote: true, mfa: false })), /second factor/);
  });

  it('verifies against an identity provider\'s JWKS URL (production), and refuses a key it does not publish', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [key.publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    try {
      const provider = createTokenVerifier({ issuer: LOCAL_ISSUER, audience: AUDIENCE, algorithms: ['ES256'], jwksUrl: `http://127.0.0.1:${port}/jwks.json` });
      await expect(provider(bearer(await issueDevelopmentToken(key, { userId: 'detective' })))).resolves.toMatchObject({ subjectId: 'detective' });
      await expect(provider(bearer(await issueDevelopmentToken(otherKey, { userId: 'detective' })))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      server.close();
    }
  });
});
