import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { readProtectedCharacteristics } from '../readProtectedCharacteristics';

/**
 * [P7] The policy's whole list of protected characteristics: race, colour, ethnicity, national
 * origin, religion, age, gender (and sex), alienage or citizenship status, sexual orientation,
 * disability, marital or partnership status, military status, political affiliation. Every search
 * argument or input field of the supergraph named for one of them must be marked
 * `@protectedCharacteristic`, so that none suffices alone. (Eye and hair colour are not skin colour.)
 */
const PROTECTED_NAME = /^(race|racial|skin|colou?r$|complexion|ethnic|national|nationality|origin|religio|faith|age|dateOfBirth[A-Z]|gender|sex|citizen|alien|immigra|sexualOrientation|orientation|disab|handicap|marital|married|partnership|domesticPartner|military|veteran|politic|party)/i;

describe('every search criterion for a protected characteristic is marked', () => {
  const supergraph = readFileSync(path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
  const marked = readProtectedCharacteristics(supergraph);
  const criteria: string[] = [];
  for (const definition of parse(supergraph).definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) for (const argument of field.arguments ?? []) if (PROTECTED_NAME.test(argument.name.value)) criteria.push(`${definition.name.value}.${field.name.value}(${argument.name.value}:)`);
    }
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) if (PROTECTED_NAME.test(field.name.value)) criteria.push(`${definition.name.value}.${field.name.value}`);
    }
  }

  it('finds the criteria the description search offers (the name test works)', () => {
    expect(criteria).toEqual(expect.arrayContaining(['PersonDescription.race', 'PersonDescription.sex', 'PersonDescription.ageMin', 'PersonDescription.ageMax']));
  });

  it('marks each of them', () => {
    expect(criteria.filter((criterion) => !marked.has(criterion))).toEqual([]);
  });
});
