import { decodeJwt, decodeProtectedHeader } from 'jose';
import { issueDevelopmentToken, type DevelopmentTokenRequest } from '../issueDevelopmentToken';
import { createKeyPair, type KeyPair } from '../localKeys';
import { AUDIENCE, LOCAL_ISSUER } from '../verifyBearerToken';

/**
 * The embedded default's development issuer: the token a developer or a test signs in with, as
 * the gateway's verifier reads it (issuer, audience, subject, an hour's life, the methods used).
 */
describe('a development token', () => {
  let key: KeyPair;
  beforeAll(async () => {
    key = await createKeyPair('local-issuer', 'ES256');
  });

  it('names the local issuer, the federation as audience and the user, valid an hour from now (5 s of skew before)', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await issueDevelopmentToken(key, { userId: 'detective' });
    const claims = decodeJwt(token);
    expect(claims).toStrictEqual({ iss: LOCAL_ISSUER, aud: AUDIENCE, sub: 'detective', iat: expect.any(Number), nbf: claims.iat! - 5, exp: claims.iat! + 3600, amr: ['pwd'], remote: false });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(decodeProtectedHeader(token)).toStrictEqual({ alg: 'ES256', kid: key.kid, typ: 'JWT' });
  });

  it.each<[string, Omit<DevelopmentTokenRequest, 'userId'>, Record<string, unknown>]>([
    ['[P9] a remote session with a second factor', { remote: true, mfa: true }, { remote: true, amr: ['pwd', 'mfa'] }],
    ['a remote session on a password only', { remote: true }, { remote: true, amr: ['pwd'] }],
    ['a session of the given lifetime', { ttlSeconds: 60 }, { remote: false }],
  ])('says what was asked: %s', async (_what, request, expected) => {
    const claims = decodeJwt(await issueDevelopmentToken(key, { userId: 'detective', ...request }));
    expect(claims).toMatchObject(expected);
    expect(claims.exp! - claims.iat!).toBe(request.ttlSeconds ?? 3600);
  });

  it('[P14] a partner client\'s client-credentials token names the client as subject and client, with no user methods', async () => {
    const claims = decodeJwt(await issueDevelopmentToken(key, { userId: 'da-kings-client', clientCredentials: true }));
    expect(claims).toMatchObject({ sub: 'da-kings-client', client_id: 'da-kings-client', amr: [], scope: 'erms:partner' });
  });

  it('a user\'s token carries no client id or scope', async () => {
    const claims = decodeJwt(await issueDevelopmentToken(key, { userId: 'detective', clientCredentials: false }));
    expect(claims).not.toHaveProperty('client_id');
    expect(claims).not.toHaveProperty('scope');
  });

  it('lets a test of the verifier override any claim, last', async () => {
    const claims = decodeJwt(await issueDevelopmentToken(key, { userId: 'detective', clientCredentials: true, claims: { iss: 'https://evil.example', amr: ['otp'], sub: undefined } }));
    expect(claims).toMatchObject({ iss: 'https://evil.example', amr: ['otp'] });
    expect(claims).not.toHaveProperty('sub');
  });
});
