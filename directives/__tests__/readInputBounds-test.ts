import { parse } from 'graphql';
import { DEFAULT_INPUT_BOUND, readInputBounds, type InputBound } from '../readInputBounds';

/**
 * The schema is the one place that says how long an argument may be: every `@constraint` is read
 * where it stands (an argument of a type's, an interface's or an extension's field, an input
 * field), and anything else keeps the default bound.
 */
describe('the bounds of arguments, read from @constraint wherever it stands', () => {
  it.each<[string, string, Record<string, Partial<InputBound>>]>([
    ['an argument of a query field', 'type Query { search(name: String @constraint(maxLength: 5), kind: String): [ID] }', { 'Query.search(name:)': { maxLength: 5 } }],
    ['both bounds of a list argument', 'type Query { byIds(ids: [ID!] @constraint(maxItems: 20, maxLength: 12)): [ID] }', { 'Query.byIds(ids:)': { maxItems: 20, maxLength: 12 } }],
    ['an argument of a field of another type', 'type Person { calls(after: String @constraint(maxLength: 64)): [ID] }', { 'Person.calls(after:)': { maxLength: 64 } }],
    ['an argument of an interface field', 'interface Report { lines(filter: String @constraint(maxLength: 30)): [String] }', { 'Report.lines(filter:)': { maxLength: 30 } }],
    ['an argument of a type extension (a subgraph\'s `extend type Query`)', 'extend type Query { search(name: String @constraint(maxLength: 7)): [ID] }', { 'Query.search(name:)': { maxLength: 7 } }],
    ['an argument of an interface extension', 'extend interface Report { lines(filter: String @constraint(maxLength: 31)): [String] }', { 'Report.lines(filter:)': { maxLength: 31 } }],
    ['an input field of an input extension', 'extend input Description { clothing: String @constraint(maxLength: 80) }', { 'Description.clothing': { maxLength: 80 } }],
    ['an input field', 'input Description { identifyingMark: String @constraint(maxLength: 200) eyeColor: String }', { 'Description.identifyingMark': { maxLength: 200 } }],
    ['a bound not given as a whole number is no bound (the default holds)', 'type Query { search(name: String @constraint(maxLength: "5", maxItems: 2.5)): [ID] }', { 'Query.search(name:)': {} }],
    ['only maxLength and maxItems bound', 'type Query { search(name: String @constraint(minLength: 3)): [ID] }', { 'Query.search(name:)': {} }],
    ['not another directive, nor a field without arguments', 'type Query { search(name: String @deprecated): [ID] version: String } enum Kind { A }', {}],
  ])('%s', (_where, sdl, expected) => {
    expect(Object.fromEntries(readInputBounds(sdl).byCoordinate)).toEqual(expected);
  });

  it('an argument without @constraint may hold 256 characters and 100 items, unless other defaults are given', () => {
    expect(readInputBounds('type Query { a: ID }').defaults).toEqual({ maxLength: 256, maxItems: 100 });
    expect(DEFAULT_INPUT_BOUND).toEqual({ maxLength: 256, maxItems: 100 });
    expect(readInputBounds('type Query { a: ID }', { maxLength: 10, maxItems: 3 }).defaults).toEqual({ maxLength: 10, maxItems: 3 });
  });

  it('reads a parsed document as it reads the text', () => {
    const sdl = 'type Query { search(name: String @constraint(maxLength: 5)): [ID] } input D { mark: String @constraint(maxLength: 9) }';
    expect(readInputBounds(parse(sdl))).toEqual(readInputBounds(sdl));
    expect(readInputBounds(parse(sdl)).byCoordinate.size).toBe(2);
  });
});
