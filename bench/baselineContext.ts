import type { Config } from '../platform/config/loadConfig';
import { loadOrCreateKeyPair } from '../platform/identity/localKeys';
import { createCallSigner } from '../platform/identity/subgraphCallSignature';
import { signSubgraphContext } from '../platform/identity/subgraphContextToken';

/**
 * The signed context the baselines (a bare @apollo/gateway, Hive Gateway) send every subgraph:
 * subgraphs answer only a signed gateway context, so each baseline signs one for the whole run
 * (a detective on a criminal investigation, as the secured gateway's benchmark caller) and its
 * cost is not counted against them. Each call must still carry its own signature over its
 * subgraph and body (platform/identity/subgraphCallSignature.ts), as the secured gateway's do: the
 * baselines sign their calls too, with `signCall`. Development only.
 */
export async function signBaselineContext(config: Config): Promise<{ token: string; signCall: (subgraph: string, body: string) => string }> {
  if (config.env === 'production') throw new Error('the benchmark baselines never run in production');
  const key = await loadOrCreateKeyPair(config.dataDir, 'gateway-context', 'EdDSA');
  const token = await signSubgraphContext(
    key,
    {
      requestId: 'benchmark-baseline',
      subject: { id: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 DET SQUAD', assignment: 'DETECTIVE SQUAD', agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: ['ERMS-COMMERCIAL-SOURCES', 'ERMS-INTERNAL-RECORDS', 'ERMS-OUTSIDE-AGENCY-RECORDS'] },
      purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: 'BENCH-1' },
    },
    3600,
  );
  const signer = createCallSigner(key);
  return { token, signCall: (subgraph, body) => signer(subgraph, body, token, 'benchmark-baseline') };
}
