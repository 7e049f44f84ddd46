import type { RecordSubgraphName } from './names';
import type { SubgraphDefinition } from './SubgraphDefinition';

/** Every record source, loaded on demand (a process serving one subgraph loads only that one). */
export const SUBGRAPHS: Record<RecordSubgraphName, () => Promise<SubgraphDefinition<any>>> = {
  'complaints-arrests': async () => (await import('./complaints-arrests')).complaintsArrests,
  calls: async () => (await import('./calls')).calls,
  warrants: async () => (await import('./warrants')).warrants,
};
