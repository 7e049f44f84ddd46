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
