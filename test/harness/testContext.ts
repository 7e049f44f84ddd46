import { createKeyPair, type KeyPair } from '../../platform/identity/localKeys';
import { CALL_SIGNATURE_HEADER, createCallSigner, type CallSigner } from '../../platform/identity/subgraphCallSignature';
import { CONTEXT_HEADER, signSubgraphContext, type SubgraphCallContext } from '../../platform/identity/subgraphContextToken';
import { SYSTEM_TRAINING } from '../../policy/vocabulary';

/** The gateway context key of this test process (subgraphs started by the harness trust it). */
let key: Promise<KeyPair> | undefined;
export const testContextKey = () => (key ??= createKeyPair('test-gateway-context', 'EdDSA'));

let signer: Promise<CallSigner> | undefined;
const testCallSigner = () => (signer ??= testContextKey().then((pair) => createCallSigner(pair)));

/** Every course of the record systems [P8]: a test caller is trained unless the test says otherwise. */
export const ALL_TRAININGS: readonly string[] = [...new Set(Object.values(SYSTEM_TRAINING))].sort();

/**
 * The caller a test subgraph sees when a test does not say otherwise: Internal Affairs on an
 * audit, whom the policy lets see every record (sealed, juvenile, confidential addresses), so
 * record-source tests see the whole source.
 */
export const AUDITOR: SubgraphCallContext = {
  requestId: 'test-request',
  subject: {
    id: 'iab', kind: 'USER', roles: ['IAB'], command: 'INTERNAL AFFAIRS BUREAU', assignment: 'IAB INVESTIGATOR', agency: { name: 'NYPD', ori: 'NY0303000' },
    currentTrainings: ALL_TRAININGS,
  },
  purpose: { code: 'AUDIT', caseNumber: 'IAB-2025-0001' },
};

/**
 * Headers the gateway would send with `body` to the subgraph `audience`: the caller's signed
 * context and the call's own signature (one use, this subgraph, this body).
 */
export async function signedHeaders(caller: SubgraphCallContext, audience: string, body: string): Promise<Record<string, string>> {
  const token = await signSubgraphContext(await testContextKey(), caller);
  return { [CONTEXT_HEADER]: token, [CALL_SIGNATURE_HEADER]: (await testCallSigner())(audience, body, token, caller.requestId) };
}
