import { buildSchema } from 'graphql';
import { enumValuesOf } from '../enumValuesOf';

const schema = buildSchema(`
  enum Borough { BRONX BROOKLYN MANHATTAN QUEENS STATEN_ISLAND }
  input DateRange { from: String to: String }
  type Query { arrests(borough: Borough, boroughs: [Borough!], range: DateRange, first: Int): Int }
`);

/** A parameter form offers an enum's values only when the supergraph in force says what they are. */
describe('enumValuesOf: the values a parameter of an enum type may take', () => {
  it.each([
    ['Borough!', ['BRONX', 'BROOKLYN', 'MANHATTAN', 'QUEENS', 'STATEN_ISLAND']],
    ['Borough', ['BRONX', 'BROOKLYN', 'MANHATTAN', 'QUEENS', 'STATEN_ISLAND']],
    ['[Borough!]!', ['BRONX', 'BROOKLYN', 'MANHATTAN', 'QUEENS', 'STATEN_ISLAND']],
    ['Int!', null],
    ['DateRange', null],
    ['NoSuchType', null],
    ['[[', null],
  ])('%s → %j', (type, values) => {
    expect(enumValuesOf(schema, type)).toEqual(values);
  });

  it('knows nothing before the supergraph is composed', () => {
    expect(enumValuesOf(null, 'Borough!')).toBeNull();
  });
});
