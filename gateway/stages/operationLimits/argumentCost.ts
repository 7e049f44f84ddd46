import type { DocumentNode, GraphQLSchema } from 'graphql';
import { measureInput } from '../../../directives/measureInput';
import { DEFAULT_INPUT_BOUND, type InputBounds } from '../../../directives/readInputBounds';
import { ARGUMENT_CHARACTERS_PER_COST } from '../../../policy/operationLimitsTable';

/** Only the length of argument text is read here: any bounds measure it the same. */
const ANY_BOUNDS: InputBounds = { byCoordinate: new Map(), defaults: DEFAULT_INPUT_BOUND };

/**
 * What the argument text of a request adds to its estimated cost: one field for every
 * ARGUMENT_CHARACTERS_PER_COST characters of strings given to arguments, inline or in variables.
 */
export function argumentCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
  /** The bounds the input bounds stage measured this request with, so its measure is reused. */
  bounds: InputBounds = ANY_BOUNDS,
): number {
  return Math.ceil(measureInput(schema, document, variables, bounds).stringLength / ARGUMENT_CHARACTERS_PER_COST);
}
