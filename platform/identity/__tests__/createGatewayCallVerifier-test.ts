import { createGatewayCallVerifier } from '../createGatewayCallVerifier';
import { createKeyPair, type KeyPair } from '../localKeys';
import { CallRefusal, createCallSigner } from '../subgraphCallSignature';
import { signSubgraphContext, type SubgraphCallContext } from '../subgraphContextToken';

/**
 * [P5] What a subgraph checks before it answers, both layers together: the caller's context
 * token, then the call's own signature over this subgraph, this body and this token. The
 * answer names the request the signature names, and a refusal names the caller once known.
 */
const CALLER: SubgraphCallContext = {
  requestId: 'context-request',
  subject: { id: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 PCT', assignment: 'SQUAD', agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [] },
  purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123' },
};
const BODY = JSON.stringify({ query: '{ warrants { edges { node { number } } } }' });
let gateway: KeyPair;
let token: string;
beforeAll(async () => {
  gateway = await createKeyPair('gateway-context', 'EdDSA');
  token = await signSubgraphContext(gateway, CALLER);
});

const refusal = async (act: Promise<unknown>) => {
  try {
    await act;
    return null;
  } catch (error) {
    return error instanceof CallRefusal ? { reason: error.reason, subject: error.subject } : { error: String(error) };
  }
};

describe('a subgraph verifies the gateway call', () => {
  it('accepts the genuine call: the caller of the token, the request id and call id of the signature', async () => {
    const verify = createGatewayCallVerifier([gateway.publicJwk], 'warrants');
    const signature = createCallSigner(gateway)('warrants', BODY, token, 'signed-request');
    const verified = await verify({ contextToken: token, signature, body: BODY });
    expect(verified.caller).toMatchObject({ subject: { id: 'detective', roles: ['DETECTIVE'] }, purpose: { code: 'CRIMINAL_INVESTIGATION' }, requestId: 'signed-request' });
    expect(verified.jti).toEqual(expect.any(String));
  });

  it.each([
    { rule: 'a call signed for another subgraph is refused, naming the caller', audience: 'calls', body: BODY, reason: 'wrong-audience' },
    { rule: 'a body changed after signing is refused, naming the caller', audience: 'warrants', body: '{"query":"{ __typename }"}', reason: 'body-mismatch' },
  ])('$rule', async ({ audience, body, reason }) => {
    const verify = createGatewayCallVerifier([gateway.publicJwk], 'warrants');
    const signature = createCallSigner(gateway)(audience, BODY, token, 'r');
    expect(await refusal(verify({ contextToken: token, signature, body }))).toEqual({ reason, subject: 'detective' });
  });

  it('the same call twice is a replay', async () => {
    const verify = createGatewayCallVerifier([gateway.publicJwk], 'warrants');
    const signature = createCallSigner(gateway)('warrants', BODY, token, 'r');
    await verify({ contextToken: token, signature, body: BODY });
    expect(await refusal(verify({ contextToken: token, signature, body: BODY }))).toEqual({ reason: 'replayed', subject: 'detective' });
  });

  it('no context token: refused before the signature is read (no caller to name)', async () => {
    const verify = createGatewayCallVerifier([gateway.publicJwk], 'warrants');
    const signature = createCallSigner(gateway)('warrants', BODY, token, 'r');
    expect(await refusal(verify({ contextToken: undefined, signature, body: BODY }))).toEqual({ reason: 'missing', subject: undefined });
  });
});
