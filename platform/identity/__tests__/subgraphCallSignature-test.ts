import { createHash, KeyObject, sign, type webcrypto } from 'node:crypto';
import { createKeyPair, type KeyPair } from '../localKeys';
import { SeenCallIds } from '../SeenCallIds';
import { CallRefusal, createCallSigner, createCallVerifier, type CallRefusalReason } from '../subgraphCallSignature';

/**
 * [P5] A signed call is good for one subgraph, one body, one context token, once, for a short
 * time: each case changes one of these and expects the matching refusal.
 */
const BODY = JSON.stringify({ query: '{ warrants { edges { node { number } } } }' });
const TOKEN = 'caller.context.token';
let key: KeyPair;
let other: KeyPair;
beforeAll(async () => {
  [key, other] = await Promise.all([createKeyPair('gateway-context', 'EdDSA'), createKeyPair('not-the-gateway', 'EdDSA')]);
});

const refusalOf = (act: () => unknown): CallRefusalReason | 'accepted' => {
  try {
    act();
    return 'accepted';
  } catch (error) {
    if (error instanceof CallRefusal) return error.reason;
    throw error;
  }
};

describe('a subgraph call signature', () => {
  const NOW = 1_800_000_000_000;
  const cases: { rule: string; expected: CallRefusalReason | 'accepted'; sign?: 'other-key' | 'past' | 'far-future'; audience?: string; body?: string; token?: string; signature?: (s: string) => string | undefined }[] = [
    { rule: 'the genuine call is accepted', expected: 'accepted' },
    { rule: 'no signature: refused', expected: 'missing', signature: () => undefined },
    { rule: 'not a signature: refused', expected: 'malformed', signature: () => 'garbage' },
    { rule: 'signed by another key: refused', expected: 'bad-signature', sign: 'other-key' },
    { rule: 'claims altered after signing: refused', expected: 'bad-signature', signature: (s) => Buffer.from(Buffer.from(s.split('.')[0]!, 'base64url').toString().replace('"warrants"', '"calls"')).toString('base64url') + '.' + s.split('.')[1] },
    { rule: 'expired: refused', expected: 'expired', sign: 'past' },
    { rule: 'a life longer than a call needs: refused', expected: 'malformed', sign: 'far-future' },
    { rule: 'sent to another subgraph: refused', expected: 'wrong-audience', audience: 'calls' },
    { rule: 'with another query: refused', expected: 'body-mismatch', body: JSON.stringify({ query: '{ warrants { edges { node { number subject { id } } } } }' }) },
    { rule: 'with the same query re-encoded (one byte differs): refused', expected: 'body-mismatch', body: BODY.replace('{ warrants', '{  warrants') },
    { rule: 'with another caller\'s context token: refused', expected: 'context-mismatch', token: 'another.context.token' },
  ];
  it.each(cases)('$rule', ({ expected, sign, audience, body, token, signature }) => {
    const signingKey = sign === 'other-key' ? other : key;
    const lifetime = sign === 'past' ? -1 : sign === 'far-future' ? 3600 : 15;
    const signed = createCallSigner(signingKey, lifetime, () => NOW)('warrants', BODY, TOKEN, 'req-1');
    const verify = createCallVerifier([key.publicJwk], audience ?? 'warrants', new SeenCallIds(100, () => NOW), () => NOW);
    expect(refusalOf(() => verify({ signature: signature ? signature(signed) : signed, keyId: key.kid, body: body ?? BODY, contextToken: token ?? TOKEN }))).toBe(expected);
  });

  it('is accepted once: the same call again is a replay', () => {
    const seen = new SeenCallIds(100, () => NOW);
    const verify = createCallVerifier([key.publicJwk], 'warrants', seen, () => NOW);
    const signed = createCallSigner(key, 15, () => NOW)('warrants', BODY, TOKEN, 'req-1');
    const call = { signature: signed, keyId: key.kid, body: BODY, contextToken: TOKEN };
    expect(refusalOf(() => verify(call))).toBe('accepted');
    expect(refusalOf(() => verify(call))).toBe('replayed');
  });

  it('does not use up the id of a call it refused (a forged body cannot block the genuine call)', () => {
    const verify = createCallVerifier([key.publicJwk], 'warrants', new SeenCallIds(100, () => NOW), () => NOW);
    const signed = createCallSigner(key, 15, () => NOW)('warrants', BODY, TOKEN, 'req-1');
    expect(refusalOf(() => verify({ signature: signed, keyId: key.kid, body: '{}', contextToken: TOKEN }))).toBe('body-mismatch');
    expect(refusalOf(() => verify({ signature: signed, keyId: key.kid, body: BODY, contextToken: TOKEN }))).toBe('accepted');
  });

  it('names the request and carries a unique id per call', () => {
    const sign = createCallSigner(key);
    const verify = createCallVerifier([key.publicJwk], 'warrants', new SeenCallIds());
    const first = verify({ signature: sign('warrants', BODY, TOKEN, 'req-1'), keyId: key.kid, body: BODY, contextToken: TOKEN });
    const second = verify({ signature: sign('warrants', BODY, TOKEN, 'req-1'), keyId: key.kid, body: BODY, contextToken: TOKEN });
    expect(first.rid).toBe('req-1');
    expect(first.jti).not.toBe(second.jti);
  });

  it('verifies with the key whose kid the context token names, among several', () => {
    const verify = createCallVerifier([other.publicJwk, key.publicJwk], 'warrants', new SeenCallIds());
    const signed = createCallSigner(key)('warrants', BODY, TOKEN, 'req-1');
    expect(refusalOf(() => verify({ signature: signed, keyId: other.kid, body: BODY, contextToken: TOKEN }))).toBe('bad-signature');
    expect(refusalOf(() => verify({ signature: signed, keyId: 'retired-key', body: BODY, contextToken: TOKEN }))).toBe('bad-signature');
    expect(refusalOf(() => verify({ signature: signed, keyId: undefined, body: BODY, contextToken: TOKEN }))).toBe('bad-signature');
    expect(refusalOf(() => verify({ signature: signed, keyId: key.kid, body: BODY, contextToken: TOKEN }))).toBe('accepted');
  });

  it('fails closed when the set of call ids seen is full: a call it cannot remember is not answered', () => {
    const verify = createCallVerifier([key.publicJwk], 'warrants', new SeenCallIds(1, () => NOW), () => NOW);
    const signer = createCallSigner(key, 15, () => NOW);
    const call = () => ({ signature: signer('warrants', BODY, TOKEN, 'r'), keyId: key.kid, body: BODY, contextToken: TOKEN });
    expect(refusalOf(() => verify(call()))).toBe('accepted');
    expect(refusalOf(() => verify(call()))).toBe('replay-window-full');
  });
});

/**
 * Claims as the header comment defines them (`<base64url(JSON claims)>.<base64url(signature over
 * "erms-call/1." + claims)>`), signed here directly with the gateway's key: what a signer with a
 * bug, or another use of the same key, could produce.
 */
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const signedEncoded = (encoded: string, prefix = 'erms-call/1.') =>
  `${encoded}.${sign(null, Buffer.from(prefix + encoded), KeyObject.from(key.privateKey as unknown as webcrypto.CryptoKey)).toString('base64url')}`;
const signedClaims = (claims: unknown, prefix?: string) => signedEncoded(Buffer.from(JSON.stringify(claims)).toString('base64url'), prefix);

describe('a subgraph call signature\'s claims', () => {
  const NOW = 1_800_000_000_000;
  const GOOD = { aud: 'warrants', jti: 'call-1', exp: NOW / 1000 + 15, rid: 'req-1', bh: sha256(BODY), ch: sha256(TOKEN) };
  const verifyAt = (signature: string, at = NOW) => {
    const verify = createCallVerifier([key.publicJwk], 'warrants', new SeenCallIds(100, () => at), () => at);
    try {
      return { accepted: verify({ signature, keyId: key.kid, body: BODY, contextToken: TOKEN }) };
    } catch (error) {
      if (error instanceof CallRefusal) return { reason: error.reason, jti: error.jti };
      throw error;
    }
  };

  it('accepts the claims the header comment defines, signed with the gateway key', () => {
    expect(verifyAt(signedClaims(GOOD))).toEqual({ accepted: GOOD });
  });

  it.each(['aud', 'jti', 'rid', 'bh', 'ch'] as const)('a call whose %s is missing, empty or not text is malformed', (name) => {
    const { [name]: _left, ...without } = GOOD;
    expect(verifyAt(signedClaims(without))).toEqual({ reason: 'malformed' });
    expect(verifyAt(signedClaims({ ...GOOD, [name]: '' }))).toEqual({ reason: 'malformed' });
    expect(verifyAt(signedClaims({ ...GOOD, [name]: 7 }))).toEqual({ reason: 'malformed' });
  });

  it.each([
    ['without an expiry', () => signedClaims((({ exp: _exp, ...without }) => without)(GOOD))],
    ['with an expiry that is not a number', () => signedClaims({ ...GOOD, exp: String(GOOD.exp) })],
    ['that are not an object', () => signedClaims(null)],
    ['that are no JSON', () => signedEncoded(Buffer.from('{"aud":').toString('base64url'))],
  ])('a call with claims %s is malformed', (_what, signature) => {
    expect(verifyAt(signature())).toEqual({ reason: 'malformed' });
  });

  it('a signature the gateway key made over the claims alone (without "erms-call/1.") is no call signature', () => {
    expect(verifyAt(signedClaims(GOOD, ''))).toEqual({ reason: 'bad-signature' });
    expect(verifyAt(signedClaims(GOOD, 'erms-call/2.'))).toEqual({ reason: 'bad-signature' });
  });

  it.each([
    ['a millisecond before its expiry: accepted', NOW + 14_999, undefined],
    ['at its expiry: refused', NOW + 15_000, 'expired'],
    ['a second after: refused', NOW + 16_000, 'expired'],
  ])('a call %s', (_when, at, reason) => {
    expect(verifyAt(signedClaims(GOOD), at)).toEqual(reason ? { reason, jti: 'call-1' } : { accepted: GOOD });
  });

  it.each([
    ['60 s (the longest a call may live): accepted', 60, undefined],
    ['61 s: refused', 61, 'malformed'],
  ])('a call claiming to live %s', (_what, seconds, reason) => {
    const claims = { ...GOOD, exp: NOW / 1000 + seconds };
    expect(verifyAt(signedClaims(claims))).toEqual(reason ? { reason, jti: 'call-1' } : { accepted: claims });
  });

  it('a call the gateway signs lives 15 s unless told otherwise', () => {
    const signature = createCallSigner(key, undefined, () => NOW)('warrants', BODY, TOKEN, 'req-1');
    expect(verifyAt(signature, NOW + 14_999)).toMatchObject({ accepted: { exp: NOW / 1000 + 15 } });
    expect(verifyAt(signature, NOW + 15_000)).toMatchObject({ reason: 'expired' });
  });

  it('each refusal after the claims are read names the call id, for the log', () => {
    for (const [claims, reason] of [
      [{ ...GOOD, aud: 'calls' }, 'wrong-audience'],
      [{ ...GOOD, bh: sha256('{}') }, 'body-mismatch'],
      [{ ...GOOD, ch: sha256('another.context.token') }, 'context-mismatch'],
    ] as const) {
      expect(verifyAt(signedClaims(claims))).toEqual({ reason, jti: 'call-1' });
    }
  });

  it('one signer, calls for several callers in turn: each call names its own caller\'s context token', () => {
    const signer = createCallSigner(key, 15, () => NOW);
    const verify = createCallVerifier([key.publicJwk], 'warrants', new SeenCallIds(100, () => NOW), () => NOW);
    for (const contextToken of ['first.context.token', 'second.context.token', 'first.context.token']) {
      expect(refusalOf(() => verify({ signature: signer('warrants', BODY, contextToken, 'r'), keyId: key.kid, body: BODY, contextToken }))).toBe('accepted');
    }
  });

  it('fails closed on a gateway key it cannot use (an Ed25519 key published as ES256)', () => {
    const verify = createCallVerifier([{ ...key.publicJwk, alg: 'ES256' }], 'warrants', new SeenCallIds(100, () => NOW), () => NOW);
    expect(refusalOf(() => verify({ signature: signedClaims(GOOD), keyId: key.kid, body: BODY, contextToken: TOKEN }))).toBe('bad-signature');
  });

  it('verifies a call signed with an ES256 gateway key', async () => {
    const ecKey = await createKeyPair('gateway-context', 'ES256');
    const verify = createCallVerifier([ecKey.publicJwk], 'warrants', new SeenCallIds(100, () => NOW), () => NOW);
    const signature = createCallSigner(ecKey, 15, () => NOW)('warrants', BODY, TOKEN, 'req-1');
    expect(refusalOf(() => verify({ signature, keyId: ecKey.kid, body: BODY, contextToken: TOKEN }))).toBe('accepted');
  });
});

describe('the set of call ids seen', () => {
  it('forgets an id at its expiry, and refuses (fails closed) when full of live ids', () => {
    let now = 0;
    const seen = new SeenCallIds(2, () => now);
    expect(seen.claim('a', 1000)).toBe('first');
    expect(seen.claim('a', 1000)).toBe('seen');
    expect(seen.claim('b', 2000)).toBe('first');
    expect(seen.claim('c', 2000)).toBe('full');
    now = 1000;
    expect(seen.claim('c', 3000)).toBe('first');
    expect(seen.size).toBe(2);
  });
});
