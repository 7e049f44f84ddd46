import { createHash } from 'node:crypto';
import { decodeJwt, SignJWT, UnsecuredJWT } from 'jose';
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
    const jwt = await issueDevelopmentToken(key, { userId: 'analyst', ttlSeconds: 60 });
    expect(await verify(bearer(jwt))).toMatchObject({ subjectId: 'analyst' });
    expect(await verify(bearer(jwt))).toMatchObject({ subjectId: 'analyst' });
    // A second past its expiry and the 30 s of clock skew allowed: refused, although it verified before.
    const clock = jest.spyOn(Date, 'now').mockReturnValue((decodeJwt(jwt).exp! + 31) * 1000);
    try {
      await refused(bearer(jwt), /expired/);
    } finally {
      clock.mockRestore();
    }
  });

  it('refuses a missing or non-bearer Authorization header', async () => {
    await refused(undefined, /required/);
    await refused('', /required/);
    await refused('Basic dXNlcjpwYXNz', /not a bearer JWT/);
  });

  it('reads the header as exactly "Bearer <jwt>": nothing before the scheme, nothing after the token', async () => {
    const jwt = await issueDevelopmentToken(key, { userId: 'officer' });
    await expect(verify(`  Bearer ${jwt}  `)).resolves.toMatchObject({ subjectId: 'officer' });
    for (const header of [`Basic x, Bearer ${jwt}`, `XBearer ${jwt}`, `Bearer ${jwt} extra`, `Bearer ${jwt}, Bearer ${jwt}`, `Bearer ${jwt}.x`, `Bearer  ${jwt}`, `Bearer\t${jwt}`]) {
      await refused(header, /not a bearer JWT/);
    }
    const [head, body, signature] = jwt.split('.');
    for (const notThreeParts of [`${head}.${body}`, `${head}.${body}.${signature}.${signature}`, `${head}..${signature}`, `${head}.${body}.`, `${head}.${body}.${signature}=`]) {
      await refused(bearer(notThreeParts), /not a bearer JWT/);
    }
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

  it('reads the identity from the verified claims, and nothing more for a user', async () => {
    const jwt = await issueDevelopmentToken(key, { userId: 'analyst', claims: { sid: 'session-7' } });
    expect(await verify(bearer(jwt))).toStrictEqual({ subjectId: 'analyst', amr: ['pwd'], remote: false, issuedAt: decodeJwt(jwt).iat, issuer: LOCAL_ISSUER, sessionId: 'session-7' });
  });

  it.each([
    ['the issuer\'s session id (sid), before the token id', { sid: 'sid-1', jti: 'jti-1' }, 'sid-1'],
    ['the token id (jti) when there is no sid', { jti: 'jti-1' }, 'jti-1'],
    ['the token id when the sid is not text', { sid: 7, jti: 'jti-1' }, 'jti-1'],
  ])('the session is named by %s', async (_what, claims, sessionId) => {
    expect((await verify(bearer(await issueDevelopmentToken(key, { userId: 'analyst', claims })))).sessionId).toBe(sessionId);
  });

  it('names a session without sid or jti by a digest of its token, never by the token itself', async () => {
    const jwt = await issueDevelopmentToken(key, { userId: 'analyst', claims: { jti: 3 } });
    const { sessionId } = await verify(bearer(jwt));
    expect(sessionId).toMatch(/^[0-9a-f]{32}$/);
    expect(createHash('sha256').update(jwt).digest('hex').startsWith(sessionId)).toBe(true);
    const another = await issueDevelopmentToken(key, { userId: 'analyst', ttlSeconds: 1800 });
    expect((await verify(bearer(another))).sessionId).not.toBe(sessionId);
  });

  it('[P14] knows a partner client by its client-credentials token, which names the client itself', async () => {
    const identity = await verify(bearer(await issueDevelopmentToken(key, { userId: 'da-kings-client', clientCredentials: true })));
    expect(identity).toMatchObject({ subjectId: 'da-kings-client', clientId: 'da-kings-client', amr: [] });
  });

  it.each([
    ['a client id naming another subject (a client acting for a user)', { client_id: 'da-kings-client' }],
    ['a client id that is not text', { client_id: 42 }],
  ])('[P14] a user token with %s is no client', async (_what, claims) => {
    expect(await verify(bearer(await issueDevelopmentToken(key, { userId: 'analyst', claims })))).not.toHaveProperty('clientId');
  });

  it.each([
    ['methods that are not a list', { amr: 'mfa' }, []],
    ['methods that are not text', { amr: ['pwd', 7, { mfa: true }, 'otp'] }, ['pwd', 'otp']],
  ])('keeps only authentication methods named as text: %s', async (_what, claims, amr) => {
    expect((await verify(bearer(await issueDevelopmentToken(key, { userId: 'analyst', claims })))).amr).toEqual(amr);
  });

  it.each([
    ['a second factor named outside a list', { amr: 'mfa' }],
    ['a second factor not named as text', { amr: [{ mfa: true }, 'pwd'] }],
  ])('[P9] a remote session with %s has none', async (_what, claims) => {
    await refused(bearer(await issueDevelopmentToken(key, { userId: 'detective', remote: true, claims })), /second factor/);
  });

  it.each([
    ['the text "true"', 'true'],
    ['the number 1', 1],
  ])('a session is remote only when the token says true, not %s', async (_what, remote) => {
    expect((await verify(bearer(await issueDevelopmentToken(key, { userId: 'analyst', claims: { remote } })))).remote).toBe(false);
  });

  /** Each reason a token is refused, named in the message the caller reads. */
  it.each<[string, () => Promise<string>, RegExp]>([
    ['expired', () => issueDevelopmentToken(key, { userId: 'officer', ttlSeconds: -120 }), /: expired$/],
    ['without a subject', () => issueDevelopmentToken(key, { userId: 'officer', claims: { sub: undefined } }), /: claim check failed \(sub\)$/],
    ['without an expiry', () => issueDevelopmentToken(key, { userId: 'officer', claims: { exp: undefined } }), /: claim check failed \(exp\)$/],
    ['without an issue time', () => issueDevelopmentToken(key, { userId: 'officer', claims: { iat: undefined } }), /: claim check failed \(iat\)$/],
    ['of another issuer', () => issueDevelopmentToken(key, { userId: 'officer', claims: { iss: 'https://evil.example' } }), /: claim check failed \(iss\)$/],
    ['for another audience', () => issueDevelopmentToken(key, { userId: 'officer', claims: { aud: 'another-app' } }), /: claim check failed \(aud\)$/],
    ['signed by a key the issuer does not publish', () => issueDevelopmentToken(otherKey, { userId: 'officer' }), /: signed by an unknown key$/],
    ['signed by another key under the issuer\'s key id', () => issueDevelopmentToken({ ...otherKey, kid: key.kid }, { userId: 'officer' }), /: signature does not verify$/],
    ['signed with an algorithm outside the pinned list', async () => new SignJWT({ amr: ['pwd'] }).setProtectedHeader({ alg: 'HS256' }).setIssuer(LOCAL_ISSUER).setAudience(AUDIENCE)
      .setSubject('officer').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(JSON.stringify(key.publicJwk))), /: algorithm not allowed$/],
    ['that is no JSON', async () => 'bm90.anNvbg.c2ln', /: malformed or unverifiable$/],
  ])('names why a token is refused: %s', async (_what, token, reason) => {
    await refused(bearer(await token()), new RegExp(`^the bearer token was refused${reason.source}`));
  });

  it('allows 30 s of clock skew on a token\'s expiry by default, no more; the tolerance is configurable', async () => {
    await expect(verify(bearer(await issueDevelopmentToken(key, { userId: 'officer', ttlSeconds: -20 })))).resolves.toMatchObject({ subjectId: 'officer' });
    await refused(bearer(await issueDevelopmentToken(key, { userId: 'officer', ttlSeconds: -40 })), /expired/);
    const strict = createTokenVerifier({ issuer: LOCAL_ISSUER, audience: AUDIENCE, algorithms: ['ES256'], localIssuerKey: key, clockToleranceSeconds: 0 });
    await expect(strict(bearer(await issueDevelopmentToken(key, { userId: 'officer', ttlSeconds: -2 })))).rejects.toMatchObject({ message: expect.stringMatching(/expired/) });
  });

  it('cannot be created without a source of keys', () => {
    expect(() => createTokenVerifier({ issuer: LOCAL_ISSUER, audience: AUDIENCE, algorithms: ['ES256'] })).toThrow(/no key source/);
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
