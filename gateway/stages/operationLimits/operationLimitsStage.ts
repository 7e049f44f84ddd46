import type { ApolloServerPlugin } from '@apollo/server';
import { badUserInput } from '../../../platform/errors/ErrorCode';
import type { GatewayContext } from '../../GatewayContext';
import { exceededLimit, tooComplex } from './exceededLimit';
import { limitsFor } from './limitsFor';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { countTokens, measureOperation, pageVariables, type OperationMeasure } from './measureOperation';
import type { OperationLimitsTable } from './operationLimitsTable';
import { argumentCost } from './argumentCost';
import type { InputBounds } from '../../../directives/readInputBounds';
import { NO_VARIABLES } from '../fieldPolicy/rewriteOperation';
import { isTokenCeilingError } from './tokenCeiling';
import { VALIDATION_ABORTED } from '../../errors/formatClientError';

export interface OperationLimitsOptions {
  /** Limits by role (gateway/stages/operationLimits/operationLimitsTable.ts, with configured overrides). */
  table: OperationLimitsTable;
  /** Counts each refusal under the limit's name. */
  refused: (limit: string) => void;
  /** The schema's argument bounds (the input bounds stage's): argument text counts in the cost. */
  inputBounds?: InputBounds;
}

/**
 * Operation limits: tokens, depth, root fields, aliases and estimated cost (fields resolved and
 * argument text, operationLimitsTable.ts), by the caller's
 * roles, before the operation is planned: an operation over a limit is refused whole with
 * QUERY_TOO_COMPLEX and no subgraph is called. The parser has already stopped any document over
 * the largest token limit of all (`parseOptions.maxTokens`, set by the gateway), and
 * graphql-js gives up validating a document whose fields would cost too much to check against
 * one another; this stage counts both refusals too.
 *
 * It throws before its first `await`: Apollo runs the stages' `didResolveOperation` together,
 * and the refusal of the earliest stage in the list is the one the client gets.
 */
export function operationLimitsPlugin(options: OperationLimitsOptions): ApolloServerPlugin<GatewayContext> {
  const measure = measures();
  return {
    async requestDidStart() {
      return {
        async parsingDidStart() {
          return async (error?: Error) => {
            if (isTokenCeilingError(error)) options.refused('tokens');
          };
        },
        async validationDidStart() {
          return async (errors?: readonly Error[]) => {
            if (errors?.some((error) => error.message === VALIDATION_ABORTED)) options.refused('validation');
          };
        },
        async didResolveOperation({ contextValue, document, operation, request, schema, source }) {
          // No operation to measure (an unknown operation name, or several operations and no
          // name): refused here, before later stages or the planner meet an operation that is not there.
          if (!operation) throw unresolvedOperation(request.operationName);
          const limits = limitsFor(contextValue.subject.roles, options.table);
          const variables = request.variables ?? NO_VARIABLES;
          const measured = measure(schema, document, operation, variables, source);
          const exceeded = exceededLimit({ ...measured, cost: measured.cost + argumentCost(schema, document, variables, options.inputBounds) }, limits);
          if (exceeded) {
            options.refused(exceeded.limit);
            throw tooComplex(exceeded);
          }
        },
      };
    },
  };
}

/**
 * Measures each operation once: Apollo hands every request with the same text the same parsed
 * document, and a measure depends on nothing else but the variables given to page arguments.
 */
function measures() {
  const known = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; tokens: number; pageVariables: string[]; byPages: Map<string, OperationMeasure & { tokens: number }> }>();
  return (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>, source: string | undefined) => {
    let entry = known.get(operation);
    if (!entry || entry.schema !== schema) {
      // Bounded: the parser accepted no more than the largest limit of all.
      entry = { schema, tokens: countTokens(source ?? document.loc?.source.body ?? ''), pageVariables: pageVariables(document), byPages: new Map() };
      known.set(operation, entry);
    }
    const pages = JSON.stringify(entry.pageVariables.map((name) => (Object.hasOwn(variables, name) ? variables[name] : null) ?? null));
    let measured = entry.byPages.get(pages);
    if (!measured) {
      measured = { ...measureOperation(schema, document, operation, variables), tokens: entry.tokens };
      if (entry.byPages.size >= 64) entry.byPages.clear();
      entry.byPages.set(pages, measured);
    }
    return measured;
  };
}

function unresolvedOperation(operationName: string | undefined) {
  const message = operationName ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.';
  return badUserInput(message, { reason: 'OPERATION_RESOLUTION_FAILURE' });
}
