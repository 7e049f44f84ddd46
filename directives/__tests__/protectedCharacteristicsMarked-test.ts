import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type TypeNode } from 'graphql';
import { readProtectedCharacteristics } from '../readProtectedCharacteristics';

/**
 * [P7] The policy's whole list of protected characteristics: race, colour, ethnicity, national
 * origin, religion, age, gender (and sex), alienage or citizenship status, sexual orientation,
 * disability, marital or partnership status, military status, political affiliation. Every search
 * argument or input field of the supergraph named for one of them must be marked
 * `@protectedCharacteristic`, so that none suffices alone. (Eye and hair colour are not skin colour.)
 */
const PROTECTED_NAME = /^(race|racial|skin|colou?r$|complexion|ethnic|national|nationality|origin|religio|faith|age(?:$|[A-Z])|dateOfBirth[A-Z]|gender|sex|citizen|alien|immigra|sexualOrientation|orientation|disab|handicap|marital|married|partnership|domesticPartner|military|veteran|politic|party)/i;

describe('every search criterion for a protected characteristic is marked', () => {
  const supergraph = readFileSync(path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
  const marked = readProtectedCharacteristics(supergraph);
  const criteria: string[] = [];
  const definitions = parse(supergraph).definitions;
  const inputs = new Map(definitions.flatMap((d) => (d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ? [[d.name.value, d] as const] : [])));
  const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));
  // Searches are read fields' arguments, and the input objects they take (at any depth); the
  // inputs of mutations describe what is written (an agreement's agency), not whom is sought.
  const searched = new Set<string>();
  const walkInput = (name: string) => {
    const input = inputs.get(name);
    if (!input || searched.has(name)) return;
    searched.add(name);
    for (const field of input.fields ?? []) walkInput(namedType(field.type));
  };
  for (const definition of definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value === 'Mutation') continue;
    for (const field of definition.fields ?? []) {
      for (const argument of field.arguments ?? []) {
        if (PROTECTED_NAME.test(argument.name.value)) criteria.push(`${definition.name.value}.${field.name.value}(${argument.name.value}:)`);
        walkInput(namedType(argument.type));
      }
    }
  }
  for (const name of searched) {
    for (const field of inputs.get(name)!.fields ?? []) if (PROTECTED_NAME.test(field.name.value)) criteria.push(`${name}.${field.name.value}`);
  }

  it('finds the criteria the description search offers (the name test works)', () => {
    expect(criteria).toEqual(expect.arrayContaining(['PersonDescription.race', 'PersonDescription.sex', 'PersonDescription.ageMin', 'PersonDescription.ageMax']));
  });

  it('marks each of them', () => {
    expect(criteria.filter((criterion) => !marked.has(criterion))).toEqual([]);
  });
});
