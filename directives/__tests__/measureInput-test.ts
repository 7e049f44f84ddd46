import { buildSchema, parse } from 'graphql';
import { measureInput } from '../measureInput';
import { readInputBounds } from '../readInputBounds';

/** Argument bounds, rule by rule, on a small schema that declares some (`@constraint`) and not others. */
const sdl = `
  directive @constraint(maxLength: Int, maxItems: Int) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
  directive @label(text: String) on FIELD
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
// Read in each test, not when the suite loads: the reader's own mutants are then run against these tests.
const boundsOf = (schemaSdl: string) => readInputBounds(schemaSdl, { maxLength: 10, maxItems: 3 });
const measure = (query: string, variables: Record<string, unknown> = {}) => measureInput(schema, parse(query), variables, boundsOf(sdl));

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
    ["not a directive's text, however long", `{ person(id: "1") @label(text: "${'x'.repeat(50)}") { id } }`, {}, null],
    ['an argument or a field the schema does not know is left to validation', `{ person(id: "1", nickname: "${'x'.repeat(50)}") { id } alias: unknown(text: "${'x'.repeat(50)}") }`, {}, null],
    ['a list of exactly its bound passes', '{ describe(description: { tags: ["a", "b"] }) { id } }', {}, null],
    ['a string of exactly the default passes', `{ person(id: "${'x'.repeat(10)}") { id } }`, {}, null],
    ['the last item a list may hold is measured too', 'query Q($ids: [ID!]!) { byIds(ids: $ids) { id } }', { ids: ['1', '2', 'x'.repeat(11)] }, ['byIds', 'ids', 'maxLength', 10, 11]],
    ['a single value given for a list is a list of one', `{ byIds(ids: "${'x'.repeat(11)}") { id } }`, {}, ['byIds', 'ids', 'maxLength', 10, 11]],
    ['a bound that declares only maxItems keeps the default maxLength for each item', `{ describe(description: { tags: ["${'t'.repeat(11)}"] }) { id } }`, {}, ['describe', 'description.tags', 'maxLength', 10, 11]],
    ['a variable inside an inline input object', 'query Q($m: String) { describe(description: { mark: $m }) { id } }', { m: 'x'.repeat(11) }, ['describe', 'description.mark', 'maxLength', 10, 11]],
    ['a variable default inside an inline input object', `query Q($m: String = "${'x'.repeat(12)}") { describe(description: { mark: $m }) { id } }`, {}, ['describe', 'description.mark', 'maxLength', 10, 12]],
    ['a variable given null is null, not its default', `query Q($n: ID = "${'x'.repeat(12)}") { person(id: $n) { id } }`, { n: null }, null],
    ['null arguments and input fields measure nothing', 'query Q($d: Description) { describe(description: null) { id } byIds(ids: null) { id } again: describe(description: $d) { id } }', { d: { name: null, tags: null } }, null],
    ['the first argument over its bound is the one named', `{ search(name: "abcdef") { id } person(id: "${'x'.repeat(11)}") { id } }`, {}, ['search', 'name', 'maxLength', 5, 6]],
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

  it('measures each request for its own variables and bounds: one measure never answers for another', () => {
    const document = parse('query Q($n: String!) { search(name: $n) { id } }');
    const bounds = boundsOf(sdl);
    expect(measureInput(schema, document, { n: 'abc' }, bounds).oversized).toBeNull();
    expect(measureInput(schema, document, { n: 'abcdef' }, bounds).oversized?.actual).toBe(6);
    const variables = { n: 'x'.repeat(11) };
    expect(measureInput(schema, document, variables, bounds).oversized?.max).toBe(5);
    const looser = boundsOf(sdl.replace('maxLength: 5', 'maxLength: 20'));
    expect(measureInput(schema, document, variables, looser).oversized).toBeNull();
    expect(measureInput(schema, parse('query Q($n: String!) { person(id: $n) { id } }'), variables, bounds).oversized?.field).toBe('Query.person');
  });

  it('refuses a 900 KB string at once', () => {
    const started = Date.now();
    expect(measure('query Q($n: String!) { search(name: $n) { id } }', { n: 'x'.repeat(900_000) }).oversized?.actual).toBe(900_000);
    expect(Date.now() - started).toBeLessThan(100);
  });
});
