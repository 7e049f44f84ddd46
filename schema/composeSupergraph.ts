import { composeServices } from '@apollo/composition';
import type { DocumentNode } from 'graphql';
import { missingRecordRules } from '../directives/missingRecordRules';
import { loadSdl } from './loadSdl';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export interface SubgraphSource extends SubgraphEndpoint {
  /** The subgraph's SDL; read from `schema/<name>.graphql` when absent. */
  typeDefs?: DocumentNode;
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
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): string {
  const services = subgraphs.map(({ name, url, typeDefs }) => ({ name, url, typeDefs: typeDefs ?? loadSdl(name) }));
  // [P12] a sealable entity's rules travel with every reference to it (directives/missingRecordRules.ts).
  const unsealed = missingRecordRules(services);
  if (unsealed.length) throw new CompositionError(unsealed);
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  return result.supergraphSdl;
}
