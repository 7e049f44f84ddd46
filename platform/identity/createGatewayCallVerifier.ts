import { decodeProtectedHeader, type JWK } from 'jose';
import { SeenCallIds } from './SeenCallIds';
import { CallRefusal, createCallVerifier } from './subgraphCallSignature';
import { createSubgraphContextVerifier, type SubgraphCallContext } from './subgraphContextToken';

/** One call as a subgraph received it: the two headers and the exact body. */
export interface ReceivedCall {
  contextToken: string | undefined;
  signature: string | undefined;
  body: string;
}

export interface VerifiedCall {
  /** Who asks and why, with the request id the call signature names. */
  caller: SubgraphCallContext;
  jti: string;
}

/**
 * What a subgraph (`audience`) checks before it answers [P5]: the caller's context token, then
 * the call's own signature (this subgraph, this body, this token, not expired, not seen before).
 * Throws `CallRefusal`, naming the caller once the token verified.
 */
export function createGatewayCallVerifier(gatewayKeys: readonly JWK[], audience: string, seen = new SeenCallIds()): (call: ReceivedCall) => Promise<VerifiedCall> {
  const verifyContext = createSubgraphContextVerifier(gatewayKeys);
  const verifyCall = createCallVerifier(gatewayKeys, audience, seen);
  return async ({ contextToken, signature, body }) => {
    const caller = await verifyContext(contextToken);
    try {
      const claims = verifyCall({ signature, keyId: decodeProtectedHeader(contextToken!).kid, body, contextToken: contextToken! });
      // Object.assign, not a spread with a property after it: V8 on Node 20 writes that property slowly.
      return { caller: Object.assign({}, caller, { requestId: claims.rid }), jti: claims.jti };
    } catch (error) {
      if (error instanceof CallRefusal) throw new CallRefusal(error.reason, error.jti, caller.subject.id);
      throw error;
    }
  };
}
