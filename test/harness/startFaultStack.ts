import { RECORD_SUBGRAPHS, type RecordSubgraphName } from '../../subgraphs/names';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import { createGatewayHome, startGatewayProcess, type GatewayHome, type GatewayProcess } from './startGatewayProcess';
import { startTestSubgraph, type TestSubgraph } from './startTestSubgraph';
import { createTestStorage, type Backend, type TestStorage } from './testDatabase';
import type { World } from '../../synthetic/world';

/** Small: these tests are about processes and connections, not records. */
export const FAULT_WORLD: World = { seed: 7, persons: 60 };

export interface FaultStack {
  home: GatewayHome;
  subgraphs: Partial<Record<RecordSubgraphName, TestSubgraph>>;
  /** One proxy in front of each record subgraph (refusing, for one not started): the gateway only knows these. */
  faults: Record<RecordSubgraphName, FaultProxy>;
  /** The gateway process running now (`startGateway` replaces it). */
  gateway: GatewayProcess;
  startGateway(env?: Record<string, string>): Promise<GatewayProcess>;
  close(): Promise<void>;
}

/**
 * The record subgraphs a test needs (in this process, each behind a fault proxy) and the gateway
 * in a child process with its governance store on disk (PGlite), or on PostgreSQL for the
 * 'postgres' backend. `gatewayEnv` reaches the gateway's configuration (e.g. SUBGRAPH_TIMEOUT_MS).
 */
export async function startFaultStack(
  backend: Backend = 'pglite',
  gatewayEnv: Record<string, string> = {},
  needed: readonly RecordSubgraphName[] = RECORD_SUBGRAPHS,
): Promise<FaultStack> {
  const storage: TestStorage = await createTestStorage(backend);
  const home = await createGatewayHome(storage.target.databaseUrl);
  const proxies = await Promise.all(RECORD_SUBGRAPHS.map(() => startFaultProxy()));
  const endpoints = RECORD_SUBGRAPHS.map((name, i) => ({ name, url: proxies[i]!.url }));
  // The gateway needs no subgraph to start (it composes from the SDL files): both start at once.
  const starting = needed.map((name) => startTestSubgraph(name, backend, FAULT_WORLD, storage, [home.contextKey.publicJwk]));
  const [subgraphsStarted, [gatewayStarted]] = await Promise.all([Promise.allSettled(starting), Promise.allSettled([startGatewayProcess(home, endpoints, gatewayEnv)])]);
  const started = subgraphsStarted.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = subgraphsStarted.find((s) => s.status === 'rejected');
  if (failure || gatewayStarted!.status === 'rejected') {
    // Whatever did start is stopped, or the test runner would wait on it forever.
    if (gatewayStarted!.status === 'fulfilled') await gatewayStarted!.value.stop();
    await Promise.all([...started.map((subgraph) => subgraph.close()), ...proxies.map((proxy) => proxy.close())]);
    await storage.drop();
    home.remove();
    throw failure ? failure.reason : (gatewayStarted as PromiseRejectedResult).reason;
  }
  const gateway = gatewayStarted!.value;
  for (const subgraph of started) proxies[RECORD_SUBGRAPHS.indexOf(subgraph.name)]!.forwardTo(subgraph.url);
  const stack: FaultStack = {
    home,
    subgraphs: Object.fromEntries(started.map((s) => [s.name, s])),
    faults: Object.fromEntries(RECORD_SUBGRAPHS.map((name, i) => [name, proxies[i]!])) as Record<RecordSubgraphName, FaultProxy>,
    gateway,
    async startGateway(env = {}) {
      stack.gateway = await startGatewayProcess(home, endpoints, { ...gatewayEnv, ...env });
      return stack.gateway;
    },
    async close() {
      await stack.gateway?.stop();
      await Promise.all(proxies.map((proxy) => proxy.close()));
      await Promise.all(started.map((subgraph) => subgraph.close()));
      await storage.drop();
      home.remove();
    },
  };
  return stack;
}
