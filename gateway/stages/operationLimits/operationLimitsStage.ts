import type { Stage } from '../Stage';
import { measureInput } from '../../../directives/measureInput';
import { oversizedInputError } from '../../../directives/oversizedInputError';
import { exceededLimit, tooComplex } from './exceededLimit';
import { limitsFor } from './limitsFor';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { countTokens, measureOperation, pageVariables, type OperationMeasure } from './measureOperation';
import type { OperationLimitsTable } from '../../../policy/operationLimitsTable';
import { argumentCost } from './argumentCost';
import type { InputBounds } from '../../../directives/readInputBounds';
import { isTokenCeilingError } from './tokenCeiling';
import { VALIDATION_ABORTED } from '../../errors/formatClientError';

export interface OperationLimitsOptions {
  /** Limits by role (policy/operationLimitsTable.ts, with configured overrides). */
  table: OperationLimitsTable;
  /** Counts each refusal under the limit's name (`input` for an argument over its bounds). */
  refused: (limit: string) => void;
  /** The schema's argument bounds: checked first, and argument text counts in the cost. */
  inputBounds: InputBounds;
}

/**
 * Operation limits, before the operation is planned, so no subgraph is called for an operation
 * over one:
 *  - argument bounds: every string argument at most its `@constraint(maxLength:)` (or the
 *    default), every list at most its `maxItems`, inline literals and variables alike, refused
 *    whole with BAD_USER_INPUT naming the argument: one officer's 900 KB description must not
 *    hold the record store every other user waits on (the subgraphs check the same bounds);
 *  - tokens, depth, root fields, aliases and estimated cost (fields resolved and argument text,
 *    operationLimitsTable.ts), by the caller's roles: refused whole with QUERY_TOO_COMPLEX.
 * The parser has already stopped any document over the largest token limit of all
 * (`parseOptions.maxTokens`, set by the gateway), and graphql-js gives up validating a document
 * whose fields would cost too much to check against one another; this stage counts both.
 */
export function operationLimitsStage(options: OperationLimitsOptions): Stage {
  const measure = measures();
  return {
    name: 'operationLimits',
    onInvalid(errors) {
      if (errors.some(isTokenCeilingError)) options.refused('tokens');
      if (errors.some((error) => error.message === VALIDATION_ABORTED)) options.refused('validation');
    },
    onOperation({ context, original, operation, variables, schema, source }) {
      const { oversized } = measureInput(schema, original, variables, options.inputBounds);
      if (oversized) {
        options.refused('input');
        throw oversizedInputError(oversized);
      }
      const limits = limitsFor(context.subject.roles, options.table);
      const measured = measure(schema, original, operation, variables, source);
      const exceeded = exceededLimit({ ...measured, cost: measured.cost + argumentCost(schema, original, variables, options.inputBounds) }, limits);
      if (exceeded) {
        options.refused(exceeded.limit);
        throw tooComplex(exceeded);
      }
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
    // Stryker disable next-line ConditionalExpression: a cache; an operation measured again measures the same
    if (!entry || entry.schema !== schema) {
      // Bounded: the parser accepted no more than the largest limit of all.
      entry = { schema, tokens: countTokens(source ?? document.loc?.source.body ?? ''), pageVariables: pageVariables(document), byPages: new Map() };
      known.set(operation, entry);
    }
    // Not sent (its default applies) and sent as null (the argument's default applies) measure apart.
    const pages = JSON.stringify(entry.pageVariables.map((name) => (Object.hasOwn(variables, name) ? [variables[name] ?? null] : [])));
    let measured = entry.byPages.get(pages);
    // Stryker disable next-line ConditionalExpression: a cache, as above
    if (!measured) {
      measured = { ...measureOperation(schema, document, operation, variables), tokens: entry.tokens };
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the cache's bound (its size, never its answers)
      if (entry.byPages.size >= 64) entry.byPages.clear();
      entry.byPages.set(pages, measured);
    }
    return measured;
  };
}
