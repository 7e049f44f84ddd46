import { createKeyPair, type KeyPair } from '../../identity/localKeys';
import { CONTEXT_HEADER, signSubgraphContext, type SubgraphCallContext } from '../../identity/subgraphContextToken';

/** The gateway context key of this test process (subgraphs started by the harness trust it). */
let key: Promise<KeyPair> | undefined;
export const testContextKey = () => (key ??= createKeyPair('test-gateway-context', 'EdDSA'));

/**
 * The caller a test subgraph sees when a test does not say otherwise: Internal Affairs on an
 * audit, whom the policy lets see every record (sealed, juvenile, confidential addresses), so
 * record-source tests see the whole source.
 */
export const AUDITOR: SubgraphCallContext = {
  requestId: 'test-request',
  subject: { id: 'iab', kind: 'USER', roles: ['IAB'], command: 'INTERNAL AFFAIRS BUREAU', assignment: 'IAB INVESTIGATOR', agency: { name: 'NYPD', ori: 'NY0303000' } },
  purpose: { code: 'AUDIT', caseNumber: 'IAB-2025-0001' },
};

/** Headers carrying a signed context for `caller`, as the gateway sends them. */
export async function signedHeaders(caller: SubgraphCallContext = AUDITOR): Promise<Record<string, string>> {
  return { [CONTEXT_HEADER]: await signSubgraphContext(await testContextKey(), caller) };
}
