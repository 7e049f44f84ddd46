import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../../GatewayContext';
import { measureInput } from '../../../directives/measureInput';
import { oversizedInputError } from '../../../directives/oversizedInputError';
import type { InputBounds } from '../../../directives/readInputBounds';
import { NO_VARIABLES } from '../fieldPolicy/rewriteOperation';

/**
 * Argument bounds: every string argument at most its `@constraint(maxLength:)` (or the default),
 * every list at most its `maxItems`, inline literals and variables alike, refused whole with
 * BAD_USER_INPUT naming the argument before the operation is planned: one officer's 900 KB
 * description must not hold the record store every other user waits on. The subgraphs check
 * the same bounds again.
 *
 * It throws before its first `await`, and stands before the cost limits in the gateway's list of
 * stages, so an oversized argument is reported as what it is.
 */
export function inputBoundsPlugin(options: { bounds: InputBounds; refused: () => void }): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const { oversized } = measureInput(schema, document, request.variables ?? NO_VARIABLES, options.bounds);
          if (oversized) {
            options.refused();
            throw oversizedInputError(oversized);
          }
        },
      };
    },
  };
}
