import type { Config } from '../config/loadConfig';
import { loadOrCreateKeyPair } from '../identity/localKeys';
import { signSubgraphContext } from '../identity/subgraphContextToken';

/**
 * The signed context the baselines (a bare @apollo/gateway, Hive Gateway) send every subgraph:
 * subgraphs answer only a signed gateway context, so each baseline signs one for the whole run
 * (a detective on a criminal investigation, as the secured gateway's benchmark caller) and its
 * cost is not counted against them. Development only.
 */
export async function signBaselineContext(config: Config): Promise<string> {
  if (config.env === 'production') throw new Error('the benchmark baselines never run in production');
  const key = await loadOrCreateKeyPair(config.dataDir, 'gateway-context', 'EdDSA');
  return signSubgraphContext(
    key,
    {
      requestId: 'benchmark-baseline',
      subject: { id: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 DET SQUAD', assignment: 'DETECTIVE SQUAD', agency: { name: 'NYPD', ori: 'NY0303000' } },
      purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: 'BENCH-1' },
    },
    3600,
  );
}
