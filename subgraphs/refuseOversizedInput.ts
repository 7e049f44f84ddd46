import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { measureInput } from '../directives/measureInput';
import { oversizedInputError } from '../directives/oversizedInputError';
import { readInputBounds } from '../directives/readInputBounds';

/**
 * Defence in depth: the subgraph refuses an argument over its SDL's `@constraint` bound (or the
 * default) itself, before any resolver runs, whoever sent it; the gateway refuses the same first.
 */
export function refuseOversizedInput(typeDefs: DocumentNode): ApolloServerPlugin<BaseContext> {
  const bounds = readInputBounds(typeDefs);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const { oversized } = measureInput(schema, document, request.variables ?? {}, bounds);
          if (oversized) throw oversizedInputError(oversized);
        },
      };
    },
  };
}
