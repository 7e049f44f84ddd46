import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, isInputObjectType, type GraphQLField, type GraphQLInputObjectType, type GraphQLInputType } from 'graphql';
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
  const criteria = criteriaOf(options.marked);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          for (const field of collectRequestedFields(schema, document, request.variables ?? NO_VARIABLES)) {
            if (!field.definition.args.length) continue;
            const tally = { protectedGiven: [] as string[], otherGiven: 0 };
            for (const criterion of criteria.ofArguments(field.definition, field.coordinate)) count(criteria, criterion, field.args[criterion.name], tally);
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

/** An argument, or a field of an input object, as a search criterion. */
interface Criterion {
  name: string;
  /** Marked `@protectedCharacteristic` in the schema. */
  protected: boolean;
  /** The input object it holds, whose own fields are criteria too. */
  input: GraphQLInputObjectType | null;
}

/**
 * The criteria of a field's arguments, and of an input object's fields, worked out once per
 * schema element rather than on every request.
 */
function criteriaOf(marked: ReadonlySet<string>) {
  const known = new WeakMap<object, Criterion[]>();
  const criterion = (coordinate: string, name: string, type: GraphQLInputType): Criterion => {
    const named = getNamedType(type);
    return { name, protected: marked.has(coordinate), input: isInputObjectType(named) ? named : null };
  };
  const once = (holder: object, make: () => Criterion[]): Criterion[] => {
    let found = known.get(holder);
    if (!found) known.set(holder, (found = make()));
    return found;
  };
  return {
    /** `coordinate`: the field's, e.g. `Query.searchPersons`. */
    ofArguments: (field: GraphQLField<unknown, unknown>, coordinate: string) =>
      once(field, () => field.args.map((argument) => criterion(`${coordinate}(${argument.name}:)`, argument.name, argument.type))),
    ofInput: (input: GraphQLInputObjectType) =>
      once(input, () => Object.values(input.getFields()).map((field) => criterion(`${input.name}.${field.name}`, field.name, field.type))),
  };
}

function count(
  criteria: ReturnType<typeof criteriaOf>,
  criterion: Criterion,
  value: unknown,
  tally: { protectedGiven: string[]; otherGiven: number },
): void {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return;
  if (criterion.protected) {
    tally.protectedGiven.push(criterion.name);
    return;
  }
  if (criterion.input && typeof value === 'object') {
    for (const field of criteria.ofInput(criterion.input)) count(criteria, field, (value as Record<string, unknown>)[field.name], tally);
    return;
  }
  if (!PAGING.has(criterion.name)) tally.otherGiven++;
}
