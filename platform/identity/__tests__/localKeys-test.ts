import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compactVerify, CompactSign } from 'jose';
import { createKeyPair, loadOrCreateKeyPair, type KeyAlgorithm } from '../localKeys';

/**
 * The embedded default's signing keys (the development issuer's, the gateway context's): one
 * pair per name, kept readable by this user only, the same pair on every start, and the public
 * half published with its key id and algorithm.
 */
describe('a local key pair', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'erms-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each<KeyAlgorithm>(['EdDSA', 'ES256'])('%s: created once, owner-only, and loaded back as the same pair', async (alg) => {
    const first = await loadOrCreateKeyPair(dir, 'gateway-context', alg);
    const file = path.join(dir, 'keys', 'gateway-context.jwk');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'keys')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ alg, private: { d: expect.any(String) } });
    const again = await loadOrCreateKeyPair(dir, 'gateway-context', alg);
    expect(again.publicJwk).toEqual(first.publicJwk);
    expect(readdirSync(path.join(dir, 'keys'))).toEqual(['gateway-context.jwk']);
    // What one signs, the other's public key verifies.
    const jws = await new CompactSign(Buffer.from('payload')).setProtectedHeader({ alg }).sign(first.privateKey);
    expect(Buffer.from((await compactVerify(jws, again.publicKey)).payload).toString()).toBe('payload');
  });

  it('publishes the public half only, with its key id, algorithm and use', async () => {
    const pair = await createKeyPair('issuer', 'EdDSA');
    expect(pair.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: pair.kid, alg: 'EdDSA', use: 'sig' });
    expect(pair.kid).toBe(`issuer-${pair.publicJwk.x!.slice(0, 8)}`);
    expect(pair.alg).toBe('EdDSA');
    expect(pair.publicJwk).not.toHaveProperty('d');
  });

  it.each<[KeyAlgorithm, object]>([
    ['EdDSA', { kty: 'OKP', crv: 'Ed25519' }],
    ['ES256', { kty: 'EC', crv: 'P-256' }],
  ])('%s: the curve the algorithm names, the key id from the public key', async (alg, curve) => {
    const pair = await createKeyPair('gateway-context', alg);
    expect(pair.publicJwk).toMatchObject({ ...curve, alg, use: 'sig', kid: `gateway-context-${pair.publicJwk.x!.slice(0, 8)}` });
    expect(pair.kid).toBe(pair.publicJwk.kid);
  });

  it('processes starting at once agree on one pair, and leave no temporary file', async () => {
    const pairs = await Promise.all([1, 2, 3].map(() => loadOrCreateKeyPair(dir, 'gateway-context', 'EdDSA')));
    expect(new Set(pairs.map((pair) => pair.publicJwk.x)).size).toBe(1);
    expect(readdirSync(path.join(dir, 'keys'))).toEqual(['gateway-context.jwk']);
  });

  it('never replaces a key file it cannot read: it refuses to start', async () => {
    mkdirSync(path.join(dir, 'keys'));
    writeFileSync(path.join(dir, 'keys', 'gateway-context.jwk'), 'not a key');
    await expect(loadOrCreateKeyPair(dir, 'gateway-context', 'EdDSA')).rejects.toThrow(/cannot read or create the key pair/);
    expect(readFileSync(path.join(dir, 'keys', 'gateway-context.jwk'), 'utf8')).toBe('not a key');
    expect(readdirSync(path.join(dir, 'keys'))).toEqual(['gateway-context.jwk']);
  });

  it('two names are two pairs', async () => {
    const [a, b] = await Promise.all([loadOrCreateKeyPair(dir, 'a', 'EdDSA'), loadOrCreateKeyPair(dir, 'b', 'EdDSA')]);
    expect(a.publicJwk.x).not.toBe(b.publicJwk.x);
  });
});
