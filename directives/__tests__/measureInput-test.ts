import { buildSchema, parse } from 'graphql';
import { measureInput } from '../measureInput';
import { readInputBounds } from '../readInputBounds';

/** Argument bounds, rule by rule, on a small schema that declares some (`@constraint`) and not others. */
const sdl = `
  directive @constraint(maxLength: Int, maxItems: Int) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
  input Description { name: String @constraint(maxLength: 8) mark: String tags: [String!] @constraint(maxItems: 2) }
  type Person { id: ID! calls(first: Int, after: String): [ID!] }
  type Query {
    search(name: String! @constraint(maxLength: 5)): [Person!]
    describe(description: Description!): [Person!]
    person(id: ID!): Person
    byIds(ids: [ID!]!): [Person!]
    _entities(representations: [String!]!): [Person]
  }
`;
const schema = buildSchema(sdl);
const bounds = readInputBounds(sdl, { maxLength: 10, maxItems: 3 });
const measure = (query: string, variables: Record<string, unknown> = {}) => measureInput(schema, parse(query), variables, bounds);

describe('measureInput', () => {
  it.each([
    ['a declared bound holds, inline', '{ search(name: "abcde") { id } }', {}, null],
    ['over a declared bound, inline', '{ search(name: "abcdef") { id } }', {}, ['search', 'name', 'maxLength', 5, 6]],
    ['over a declared bound, in a variable', 'query Q($n: String!) { search(name: $n) { id } }', { n: 'abcdef' }, ['search', 'name', 'maxLength', 5, 6]],
    ['over a declared bound, in a variable default', 'query Q($n: String! = "abcdefg") { search(name: $n) { id } }', {}, ['search', 'name', 'maxLength', 5, 7]],
    ['no declared bound: the default', '{ person(id: "12345678901") { id } }', {}, ['person', 'id', 'maxLength', 10, 11]],
    ['an input field with a declared bound', 'query Q($d: Description!) { describe(description: $d) { id } }', { d: { name: 'x'.repeat(9) } }, ['describe', 'description.name', 'maxLength', 8, 9]],
    ['an input field without one: the default', '{ describe(description: { mark: "x" }) { id } }', {}, null],
    ['an input field over the default, inline', `{ describe(description: { mark: "${'x'.repeat(11)}" }) { id } }`, {}, ['describe', 'description.mark', 'maxLength', 10, 11]],
    ['a list over its declared items', '{ describe(description: { tags: ["a", "b", "c"] }) { id } }', {}, ['describe', 'description.tags', 'maxItems', 2, 3]],
    ['a list over the default items', 'query Q($ids: [ID!]!) { byIds(ids: $ids) { id } }', { ids: ['1', '2', '3', '4'] }, ['byIds', 'ids', 'maxItems', 3, 4]],
    ['each item of a list is a string with a bound', 'query Q($ids: [ID!]!) { byIds(ids: $ids) { id } }', { ids: ['x'.repeat(11)] }, ['byIds', 'ids', 'maxLength', 10, 11]],
    ['an argument of a nested field', `{ person(id: "1") { calls(after: "${'c'.repeat(11)}") } }`, {}, ['Person.calls', 'after', 'maxLength', 10, 11]],
    ['in a fragment', `{ ...F } fragment F on Query { search(name: "abcdef") { id } }`, {}, ['search', 'name', 'maxLength', 5, 6]],
    ['not directive arguments', '{ person(id: "1") @skip(if: false) { id } }', {}, null],
    ['not what a gateway sends a subgraph for entities', 'query E($r: [String!]!) { _entities(representations: $r) { id } }', { r: ['x'.repeat(50), 'a', 'b', 'c'] }, null],
  ])('%s', (_rule, query, variables, expected) => {
    const { oversized } = measure(query, variables);
    if (!expected) return expect(oversized).toBeNull();
    const [field, argument, bound, max, actual] = expected as [string, string, string, number, number];
    expect(oversized).toEqual({ field: field.includes('.') ? field : `Query.${field}`, argument, bound, max, actual });
  });

  it('counts the characters of every string argument, literals and variables alike', () => {
    expect(measure('query Q($d: Description!) { search(name: "abc") { id } describe(description: $d) { id } }', { d: { name: 'ab', mark: 'xyz' } }).stringLength).toBe(8);
  });

  it('refuses a 900 KB string at once', () => {
    const started = Date.now();
    expect(measure('query Q($n: String!) { search(name: $n) { id } }', { n: 'x'.repeat(900_000) }).oversized?.actual).toBe(900_000);
    expect(Date.now() - started).toBeLessThan(100);
  });
});
