import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, isInputObjectType, type GraphQLInputType } from 'graphql';
import { ermsError } from '../../errors/ErrorCode';
import type { GatewayContext } from '../GatewayContext';
import { NO_VARIABLES, collectRequestedFields } from '../fieldPolicy/rewriteOperation';

/** Arguments that only shape a page: they are no identifying characteristic. */
const PAGING = new Set(['first', 'after', 'last', 'before', 'limit']);

/**
 * [P7] No police action because of protected characteristics: a search whose criteria are only
 * race, colour, ethnicity, national origin, religion, age or gender is refused, on any field of
 * the schema, before planning. The schema marks those criteria (`@protectedCharacteristic`);
 * any other criterion given (name, date of birth, a mark, a place and time...) suffices.
 */
export function protectedCharacteristicsPlugin(options: { marked: ReadonlySet<string>; refused: () => void }): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          for (const field of collectRequestedFields(schema, document, request.variables ?? NO_VARIABLES)) {
            const [typeName, fieldName] = field.coordinate.split('.') as [string, string];
            const definition = (schema.getType(typeName) as { getFields?: () => Record<string, { args: readonly { name: string; type: GraphQLInputType }[] }> })
              ?.getFields?.()[fieldName];
            if (!definition?.args.length) continue;
            const tally = { protectedGiven: [] as string[], otherGiven: 0 };
            for (const argument of definition.args) {
              count(options.marked, `${field.coordinate}(${argument.name}:)`, argument.name, argument.type, field.args[argument.name], tally);
            }
            if (tally.protectedGiven.length > 0 && tally.otherGiven === 0) {
              options.refused();
              throw ermsError(
                'PROTECTED_CHARACTERISTICS_ONLY',
                `${field.coordinate}: ${tally.protectedGiven.join(', ')} alone never describe a person; add another identifying characteristic (name, date of birth, identifying marks, clothing, vehicle, place and time...)`,
                { field: field.coordinate, protected: tally.protectedGiven },
              );
            }
          }
        },
      };
    },
  };
}

function count(
  marked: ReadonlySet<string>,
  coordinate: string,
  name: string,
  type: GraphQLInputType,
  value: unknown,
  tally: { protectedGiven: string[]; otherGiven: number },
): void {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return;
  if (marked.has(coordinate)) {
    tally.protectedGiven.push(name);
    return;
  }
  const named = getNamedType(type);
  if (isInputObjectType(named) && typeof value === 'object') {
    for (const field of Object.values(named.getFields())) {
      count(marked, `${named.name}.${field.name}`, field.name, field.type, (value as Record<string, unknown>)[field.name], tally);
    }
    return;
  }
  if (!PAGING.has(name)) tally.otherGiven++;
}
