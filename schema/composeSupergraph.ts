import { composeServices } from '@apollo/composition';
import { loadSdl } from './loadSdl';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`supergraph composition failed:\n- ${problems.join('\n- ')}`);
  }
}

/**
 * Composes the supergraph locally from the subgraphs' SDL in `schema/` with @apollo/composition:
 * no schema registry, no downloaded binary. A composition error stops start-up (and `npm test`).
 */
export function composeSupergraph(subgraphs: readonly SubgraphEndpoint[]): string {
  const result = composeServices(subgraphs.map(({ name, url }) => ({ name, url, typeDefs: loadSdl(name) })));
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  return result.supergraphSdl;
}
