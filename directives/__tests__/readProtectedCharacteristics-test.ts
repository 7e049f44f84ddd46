import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { readProtectedCharacteristics } from '../readProtectedCharacteristics';

/** [P7] no search argument anywhere in the schema filters on a protected characteristic unmarked. */
describe('protected characteristics in the schema', () => {
  const sdl = readFileSync(path.join(__dirname, '../../schema/supergraph.graphql'), 'utf8');
  // [P7] the policy's full list: race, colour, ethnicity, national origin, religion, age, gender
  // (and sex), alienage or citizenship status, sexual orientation, disability, marital or
  // partnership status, military status, political affiliation.
  const PROTECTED_NAMES =
    /^(race|sex|gender|genderidentity|age|agemin|agemax|birthyear|religion|creed|faith|ethnicity|nationalorigin|nationality|countryofbirth|placeofbirth|skincolou?r|colou?r|alienage|citizenship|citizenshipstatus|immigrationstatus|sexualorientation|orientation|disability|disabled|maritalstatus|partnershipstatus|married|militarystatus|veteran|veteranstatus|politicalaffiliation|politicalparty|party)$/i;

  it('marks every argument and input field named for a protected characteristic', () => {
    const marked = readProtectedCharacteristics(sdl);
    const unmarked: string[] = [];
    for (const definition of parse(sdl).definitions) {
      if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
        for (const field of definition.fields ?? []) {
          for (const argument of field.arguments ?? []) {
            const coordinate = `${definition.name.value}.${field.name.value}(${argument.name.value}:)`;
            if (PROTECTED_NAMES.test(argument.name.value) && !marked.has(coordinate)) unmarked.push(coordinate);
          }
        }
      }
      if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
        for (const field of definition.fields ?? []) {
          const coordinate = `${definition.name.value}.${field.name.value}`;
          if (PROTECTED_NAMES.test(field.name.value) && !marked.has(coordinate)) unmarked.push(coordinate);
        }
      }
    }
    expect(unmarked).toEqual([]);
    expect([...marked].sort()).toEqual(['PersonDescription.ageMax', 'PersonDescription.ageMin', 'PersonDescription.race', 'PersonDescription.sex']);
  });
});

/**
 * [P7] A criterion marked `@protectedCharacteristic` never describes a person alone: the reader
 * must find the mark wherever the schema can declare a search's argument or input field, or that
 * criterion would count as identifying. One row per placement.
 */
describe('a protected characteristic is read wherever it is marked', () => {
  it.each<[string, string, string[]]>([
    ['an argument of a query field', 'type Query { persons(race: String @protectedCharacteristic, name: String): [ID] }', ['Query.persons(race:)']],
    ['an argument of a field of another type', 'type Precinct { residents(sex: String @protectedCharacteristic, street: String): [ID] }', ['Precinct.residents(sex:)']],
    ['an argument of an interface field', 'interface Searchable { matches(religion: String @protectedCharacteristic): [ID] }', ['Searchable.matches(religion:)']],
    ['an argument of a type extension (a subgraph\'s `extend type Query`)', 'extend type Query { persons(ageMin: Int @protectedCharacteristic): [ID] }', ['Query.persons(ageMin:)']],
    ['an argument of an interface extension', 'extend interface Searchable { matches(disability: String @protectedCharacteristic): [ID] }', ['Searchable.matches(disability:)']],
    ['an input field', 'input PersonDescription { race: String @protectedCharacteristic eyeColor: String }', ['PersonDescription.race']],
    ['an input field of an input extension', 'extend input PersonDescription { maritalStatus: String @protectedCharacteristic }', ['PersonDescription.maritalStatus']],
    ['not an unmarked argument or input field, nor another directive', 'type Query { persons(name: String @deprecated): [ID] } input D { hair: String @constraint(maxLength: 9) }', []],
    ['not a field itself, only its arguments', 'type Person { race: String @protectedCharacteristic }', []],
  ])('%s', (_where, sdl, marked) => {
    expect([...readProtectedCharacteristics(sdl)]).toEqual(marked);
  });

  it('reads a parsed document as it reads the text', () => {
    const sdl = 'type Query { persons(race: String @protectedCharacteristic): [ID] } input D { sex: String @protectedCharacteristic }';
    expect(readProtectedCharacteristics(parse(sdl))).toEqual(readProtectedCharacteristics(sdl));
    expect(readProtectedCharacteristics(parse(sdl)).size).toBe(2);
  });
});
