import { providerPortOffset } from '../platform/config/loadCommercialConfig';
import { COMMERCIAL_PROVIDERS, type CommercialProvider } from '../subgraphs/commercial/providers/providerNames';
import type { World } from '../synthetic/world';
import { ProviderTruth } from './providerTruth';
import { accurintSimulator } from './providers/accurintSimulator';
import { leadsOnlineSimulator } from './providers/leadsOnlineSimulator';
import { skopeNowSimulator } from './providers/skopeNowSimulator';
import { tloSimulator } from './providers/tloSimulator';
import { whoosterSimulator } from './providers/whoosterSimulator';
import { serveSimulator, type RunningSimulator, type SimulatorBehaviour, type SimulatorDefinition } from './serveSimulator';

const DEFINITIONS: Record<CommercialProvider, (truth: ProviderTruth) => SimulatorDefinition> = {
  TLO: tloSimulator,
  WHOOSTER: whoosterSimulator,
  ACCURINT: accurintSimulator,
  SKOPENOW: skopeNowSimulator,
  LEADS_ONLINE: leadsOnlineSimulator,
};

/** How the providers behave under `npm start`: their usual latency, limits and failure rates. */
export const REALISTIC_BEHAVIOUR: Record<CommercialProvider, SimulatorBehaviour> = {
  TLO: { latencyMs: [120, 400], errorRate: 0.01, rateLimit: { perSecond: 20, burst: 40 }, fault: null },
  WHOOSTER: { latencyMs: [60, 200], errorRate: 0.01, rateLimit: { perSecond: 30, burst: 60 }, fault: null },
  ACCURINT: { latencyMs: [200, 700], errorRate: 0.02, rateLimit: { perSecond: 10, burst: 20 }, fault: null },
  // Open-source searches crawl the web: slow, and tightly limited.
  SKOPENOW: { latencyMs: [400, 1500], errorRate: 0.03, rateLimit: { perSecond: 5, burst: 10 }, fault: null },
  LEADS_ONLINE: { latencyMs: [100, 300], errorRate: 0.01, rateLimit: { perSecond: 20, burst: 40 }, fault: null },
};

/** Tests and benchmarks: answers at once, never fails unless told to. */
export const FAST_BEHAVIOUR: SimulatorBehaviour = { latencyMs: [0, 0], errorRate: 0, rateLimit: { perSecond: 10_000, burst: 10_000 }, fault: null };

export interface RunningSimulators {
  byProvider: Record<CommercialProvider, RunningSimulator>;
  truth: ProviderTruth;
  close(): Promise<void>;
}

export interface SimulatorsOptions {
  world: World;
  host: string;
  /** The first simulator's port, the others after it in provider order; 0: free ports. */
  port: number;
  apiKeys: Record<CommercialProvider, string>;
  behaviour?: (provider: CommercialProvider) => SimulatorBehaviour;
}

/** The five providers, each its own HTTP server, all answering from one truth about `world`. */
export async function startSimulators(options: SimulatorsOptions): Promise<RunningSimulators> {
  const truth = new ProviderTruth(options.world);
  const running = await Promise.all(
    COMMERCIAL_PROVIDERS.map((provider) =>
      serveSimulator(DEFINITIONS[provider](truth), {
        host: options.host,
        port: options.port === 0 ? 0 : options.port + providerPortOffset(provider),
        apiKey: options.apiKeys[provider],
        behaviour: options.behaviour?.(provider) ?? REALISTIC_BEHAVIOUR[provider],
      }),
    ),
  );
  return {
    byProvider: Object.fromEntries(running.map((simulator) => [simulator.provider, simulator])) as Record<CommercialProvider, RunningSimulator>,
    truth,
    close: async () => {
      await Promise.all(running.map((simulator) => simulator.close()));
    },
  };
}
