import { Counter, Registry } from 'prom-client';

/** A subgraph's Prometheus metrics (one registry per subgraph server, served at its `/metrics`). */
export interface SubgraphMetrics {
  registry: Registry;
  /** Calls refused because their gateway context or call signature failed, by reason [P5]. */
  contextRefusals: Counter<'subgraph' | 'reason'>;
}

export function createSubgraphMetrics(): SubgraphMetrics {
  const registry = new Registry();
  const contextRefusals = new Counter({
    name: 'erms_subgraph_context_refusals_total',
    help: 'Subgraph calls refused for a missing, forged, expired, misdirected, altered or replayed gateway context, by reason.',
    labelNames: ['subgraph', 'reason'] as const,
    registers: [registry],
  });
  return { registry, contextRefusals };
}
