import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit } from 'graphql';
import { ermsError } from '../../../platform/errors/ErrorCode';
import type { GatewayContext } from '../../GatewayContext';

/**
 * Introspection: on in the embedded default (the explorer and codegen need it), off in
 * production except for a developer role.
 */
export function introspectionPlugin(options: { production: boolean }): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!options.production || contextValue.subject.roles.includes('DEVELOPER')) return;
          let introspects = false;
          visit(document, {
            Field(node) {
              if (node.name.value === '__schema' || node.name.value === '__type') {
                introspects = true;
                return BREAK;
              }
              return undefined;
            },
          });
          if (introspects) throw ermsError('FORBIDDEN', 'introspection is disabled in production');
        },
      };
    },
  };
}
