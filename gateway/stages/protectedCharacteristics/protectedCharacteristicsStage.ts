import { getNamedType, isInputObjectType, type GraphQLField, type GraphQLInputObjectType, type GraphQLInputType } from 'graphql';
import { badUserInput, ermsError } from '../../../platform/errors/ErrorCode';
import { CRITERION_RANGES, emptyTally, onlyProtected, tallyCriterion, type CriteriaTally, type CriterionRange } from '../../../policy/searchCriterion';
import { collectRequestedFields } from '../fieldPolicy/rewriteOperation';
import type { Stage } from '../Stage';

/** Arguments that only shape a page: they are no identifying characteristic. */
const PAGING = new Set(['first', 'after', 'last', 'before', 'limit']);

/**
 * [P7] No police action because of protected characteristics: a search whose only criteria that
 * narrow it are protected characteristics (race, colour, ethnicity, national origin, religion,
 * age, gender or sex, ...) is refused, on any field of the schema, before planning. The schema
 * marks those criteria (`@protectedCharacteristic`); any other criterion that actually narrows
 * the search (a name, a date of birth, a mark, a place and time...) suffices. A criterion that
 * filters nothing (a wildcard, a zero or whole-range bound) counts for nothing, and a blank one
 * in a search with protected criteria is refused as bad input (policy/searchCriterion.ts).
 */
export function protectedCharacteristicsStage(options: { marked: ReadonlySet<string>; refused: () => void }): Stage {
  const criteria = criteriaOf(options.marked, CRITERION_RANGES);
  return {
    name: 'protectedCharacteristics',
    onOperation({ schema, original, variables }) {
      for (const field of collectRequestedFields(schema, original, variables)) {
        const tally = emptyTally();
        for (const criterion of criteria.ofArguments(field.definition, field.coordinate)) count(criteria, criterion, field.args[criterion.name], tally);
        if (tally.blank.length > 0 && criteria.hasProtected(field.definition, field.coordinate)) {
          throw badUserInput(`${field.coordinate}: ${tally.blank.join(', ')} is blank; leave a criterion out rather than send it empty`, { field: field.coordinate, blank: tally.blank });
        }
        if (onlyProtected(tally)) {
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
}

/** An argument, or a field of an input object, as a search criterion. */
interface Criterion {
  name: string;
  /** Marked `@protectedCharacteristic` in the schema. */
  protected: boolean;
  /** The input object it holds, whose own fields are criteria too. */
  input: GraphQLInputObjectType | null;
  range: CriterionRange | undefined;
}


/**
 * The criteria of a field's arguments, and of an input object's fields, worked out once per
 * schema element rather than on every request.
 */
function criteriaOf(marked: ReadonlySet<string>, ranges: ReadonlyMap<string, CriterionRange>) {
  const known = new WeakMap<object, Criterion[]>();
  const searches = new WeakMap<object, boolean>();
  const criterion = (coordinate: string, name: string, type: GraphQLInputType): Criterion => {
    const named = getNamedType(type);
    return { name, protected: marked.has(coordinate), input: isInputObjectType(named) ? named : null, range: ranges.get(coordinate) };
  };
  const once = (holder: object, make: () => Criterion[]): Criterion[] => {
    let found = known.get(holder);
    // Stryker disable next-line ConditionalExpression: a cache; the criteria worked out again are the same
    if (!found) known.set(holder, (found = make()));
    return found;
  };
  return {
    /** `coordinate`: the field's, e.g. `Query.searchPersons`. */
    ofArguments: (field: GraphQLField<unknown, unknown>, coordinate: string) =>
      once(field, () => field.args.map((argument) => criterion(`${coordinate}(${argument.name}:)`, argument.name, argument.type))),
    ofInput: (input: GraphQLInputObjectType) =>
      once(input, () => Object.values(input.getFields()).map((field) => criterion(`${input.name}.${field.name}`, field.name, field.type))),
    /** A field is a search on protected characteristics when any of its criteria, at any depth, is one. */
    hasProtected(field: GraphQLField<unknown, unknown>, coordinate: string): boolean {
      let answer = searches.get(field);
      // Stryker disable next-line ConditionalExpression: a cache; the answer worked out again is the same
      if (answer === undefined) {
        const seen = new Set<GraphQLInputObjectType>();
        const any = (list: Criterion[]): boolean =>
          list.some((c) => c.protected || (!!c.input && !seen.has(c.input) && (seen.add(c.input), any(this.ofInput(c.input)))));
        searches.set(field, (answer = any(this.ofArguments(field, coordinate))));
      }
      return answer;
    },
  };
}

function count(
  criteria: ReturnType<typeof criteriaOf>,
  criterion: Criterion,
  value: unknown,
  tally: CriteriaTally,
): void {
  // Not given (null, undefined) counts for nothing below: tallyCriterion's ABSENT, or no item to read.
  if (PAGING.has(criterion.name)) return;
  if (criterion.input && typeof value === 'object') {
    // Values are not yet coerced here: a list item may be anything a client sent (validation refuses it later).
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || typeof item !== 'object') continue;
      for (const field of criteria.ofInput(criterion.input)) count(criteria, field, (item as Record<string, unknown>)[field.name], tally);
    }
    return;
  }
  tallyCriterion(tally, criterion.name, criterion.protected, value, criterion.range);
}
