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
    expect(refusalOf(() => verify({ signature: signed, keyId: key.kid, body: BODY, contextToken: TOKEN }))).toBe('accepted');
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
