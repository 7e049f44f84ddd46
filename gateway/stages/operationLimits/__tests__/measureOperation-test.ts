import { buildSchema, getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { countTokens, measureOperation, type OperationMeasure } from '../measureOperation';
import { DEFAULT_LIST_SIZE } from '../../../../policy/operationLimitsTable';

/**
 * How an operation is measured, rule by rule, on a small schema shaped like the supergraph:
 * Relay connections with `first`, lists with `limit`, lists with no bound.
 */
const schema = buildSchema(`
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Charge { lawCode: String! }
  type Arrest { number: String! charges: [Charge!]! person: Person }
  type Person { id: ID! name: String arrests: [Arrest!]! latestArrests(last: Int): [Arrest!]! }
  type ArrestEdge { cursor: String! node: Arrest! }
  type ArrestConnection { edges: [ArrestEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type Location { id: ID! arrests(limit: Int = 25): [Arrest!]! }
  union Found = Person | Location
  type Query {
    person(id: ID!): Person
    arrests(first: Int = 20, after: String): ArrestConnection
    location(id: ID!): Location
    found(text: String!): [Found!]!
  }
`);

function measure(query: string, variables: Record<string, unknown> = {}, operationName?: string): OperationMeasure {
  const document = parse(query);
  return measureOperation(schema, document, getOperationAST(document, operationName)!, variables);
}

describe('measureOperation', () => {
  it.each([
    ['a root field is depth 1', '{ person(id: "1") { id } }', 2],
    ['each nested field adds one', '{ person(id: "1") { arrests { person { arrests { number } } } } }', 5],
    ['fragments and inline fragments add no depth of their own', '{ person(id: "1") { ...P } } fragment P on Person { ... on Person { arrests { number } } }', 3],
    ['__typename adds no depth', '{ person(id: "1") { __typename } }', 1],
  ])('depth: %s', (_rule, query, depth) => {
    expect(measure(query).depth).toBe(depth);
  });

  it.each([
    ['each aliased field counts', '{ a: person(id: "1") { n: name } b: person(id: "2") { id } }', 3],
    ['an alias in a fragment counts each time the fragment is spread', '{ a: person(id: "1") { ...P } b: person(id: "2") { ...P } } fragment P on Person { x: name y: id }', 6],
    ['an aliased __typename counts', '{ t: __typename }', 1],
  ])('aliases: %s', (_rule, query, aliases) => {
    expect(measure(query).aliases).toBe(aliases);
  });

  it.each([
    ['fields at the root, aliases included', '{ a: person(id: "1") { id } b: person(id: "2") { id } location(id: "L") { id } }', 3],
    ['root fields spread from fragments', '{ ...Q ... on Query { location(id: "L") { id } } } fragment Q on Query { person(id: "1") { id } }', 2],
    ['not __typename', '{ __typename person(id: "1") { id } }', 1],
  ])('root fields: %s', (_rule, query, rootFields) => {
    expect(measure(query).rootFields).toBe(rootFields);
  });

  it.each([
    ['a field costs 1', '{ person(id: "1") { id name } }', 3],
    ['an unbounded list multiplies what is under it by the default list size', '{ person(id: "1") { arrests { number } } }', 2 + DEFAULT_LIST_SIZE],
    ['a connection multiplies its edges by `first`', '{ arrests(first: 5) { totalCount edges { node { number } } } }', 3 + 5 * 2],
    ['`first` read by its name, whatever argument is given before it', '{ arrests(after: "c", first: 5) { edges { node { number } } } }', 2 + 5 * 2],
    ['a connection without `first` uses the schema default', '{ arrests { edges { node { number } } } }', 2 + 20 * 2],
    ['`first` from a variable', 'query Q($n: Int) { arrests(first: $n) { edges { node { number } } } }', 2 + 7 * 2, { n: 7 }],
    ['`first` from a variable default', 'query Q($n: Int = 3) { arrests(first: $n) { edges { node { number } } } }', 2 + 3 * 2],
    ['a `first` that is not an integer counts as the default list size', 'query Q($n: Int) { arrests(first: $n) { edges { node { number } } } }', 2 + DEFAULT_LIST_SIZE * 2, { n: 'x' }],
    ['`first: 0` fetches no rows', '{ arrests(first: 0) { totalCount edges { node { number } } } }', 3],
    ['a list with `limit` multiplies by it', '{ location(id: "L") { arrests(limit: 4) { number } } }', 2 + 4],
    ['a list under a limited list is unbounded again', '{ location(id: "L") { arrests(limit: 4) { charges { lawCode } } } }', 2 + 4 * (1 + DEFAULT_LIST_SIZE)],
    ['nested lists multiply', '{ arrests(first: 2) { edges { node { person { arrests { charges { lawCode } } } } } } }', 2 + 2 * (1 + 1 + 1 + DEFAULT_LIST_SIZE * (1 + DEFAULT_LIST_SIZE))],
    ['__typename is free', '{ person(id: "1") { __typename } }', 1],
    ['__typename of a union is free', '{ found(text: "x") { __typename ... on Person { id } } }', 1 + DEFAULT_LIST_SIZE],
    ['a fragment spread twice costs twice', '{ a: person(id: "1") { ...P } b: person(id: "2") { ...P } } fragment P on Person { id name }', 6],
    ['a fragment on a connection sees its page size', '{ arrests(first: 3) { ...C } } fragment C on ArrestConnection { edges { node { number } } }', 2 + 3 * 2],
    ['`last` bounds a list as `first` does', '{ person(id: "1") { latestArrests(last: 3) { number } } }', 2 + 3],
    ['a negative page counts no rows, never fewer: it cannot pay for another field', '{ location(id: "L") { arrests(limit: -50) { number } } }', 2],
    ['a negative `first` from a variable counts no rows', 'query Q($n: Int) { arrests(first: $n) { totalCount edges { node { number } } } }', 3, { n: -1000 }],
    ['`first: null` counts the schema default, as the resolver pages by it', '{ arrests(first: null) { edges { node { number } } } }', 2 + 20 * 2],
    ['a variable not sent counts the schema default', 'query Q($n: Int) { arrests(first: $n) { edges { node { number } } } }', 2 + 20 * 2],
    ['a variable sent as null counts the schema default, not the operation\'s', 'query Q($n: Int = 3) { arrests(first: $n) { edges { node { number } } } }', 2 + 20 * 2, { n: null }],
    ['a page that is no integer counts as the default list size', 'query Q($n: Int) { arrests(first: $n) { edges { node { number } } } }', 2 + DEFAULT_LIST_SIZE * 2, { n: 2.5 }],
    ['`$constructor` is a variable like any other, never a property of every object', 'query Q($constructor: Int) { arrests(first: $constructor) { edges { node { number } } } }', 2 + 20 * 2],
    ['one fragment under two page sizes costs each its own', '{ a: arrests(first: 2) { ...E } b: arrests(first: 7) { ...E } } fragment E on ArrestConnection { edges { node { number } } }', (2 + 2 * 2) + (2 + 7 * 2)],
    ['an inline fragment without a type condition counts its fields', '{ person(id: "1") { ... { id name } } }', 3],
    ['an inline fragment on the field\'s own type counts its fields', '{ person(id: "1") { ... on Person { arrests { number } } } }', 2 + DEFAULT_LIST_SIZE],
  ])('cost: %s', (_rule, query, cost, variables: Record<string, unknown> = {}) => {
    expect(measure(query, variables).cost).toBe(cost);
  });

  it('measures the operation named, not the others of the document', () => {
    const query = 'query Small { person(id: "1") { id } } query Big { a: person(id: "1") { id } b: person(id: "2") { id } }';
    expect(measure(query, {}, 'Small').rootFields).toBe(1);
    expect(measure(query, {}, 'Big').rootFields).toBe(2);
  });

  it('measures fragments that spread one another two by two (2^40 fields) at once, and sees the cost', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Person { ${i === 0 ? 'id' : `...F${i - 1} ...F${i - 1}`} }`).join(' ');
    const started = Date.now();
    const measured = measure(`{ person(id: "1") { ...F${levels - 1} } } ${fragments}`);
    expect(Date.now() - started).toBeLessThan(200);
    expect(measured.cost).toBe(1 + 2 ** (levels - 1));
  });

  it('puts introspection in its own budget, GraphiQL\'s introspection query within it', () => {
    const measured = measure(getIntrospectionQuery());
    expect(measured).toMatchObject({ depth: 0, cost: 0, rootFields: 0 });
    expect(measured.introspectionDepth).toBe(15);
    expect(measured.introspectionCost).toBeGreaterThan(1000);
    const cyclic = measure('{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }');
    expect(cyclic.introspectionCost).toBeGreaterThan(10 ** 5);
  });

  it.each([
    ['`__type` is introspection too', '{ __type(name: "Person") { name fields { name } } }', { depth: 0, cost: 0, rootFields: 0, introspectionDepth: 3, introspectionCost: 1 + 1 + (1 + DEFAULT_LIST_SIZE) }],
    ['beside record fields, each part in its own budget', '{ person(id: "1") { id } __schema { queryType { name } } }', { depth: 2, cost: 2, rootFields: 1, introspectionDepth: 3, introspectionCost: 3 }],
    ['an introspection list multiplies what is under it', '{ __schema { types { name kind } } }', { depth: 0, cost: 0, introspectionDepth: 3, introspectionCost: 1 + 1 + DEFAULT_LIST_SIZE * 2 }],
  ])('introspection: %s', (_rule, query, expected) => {
    expect(measure(query)).toMatchObject(expected);
  });

  it.each([
    ['a field the schema does not have counts nothing (validation refuses it)', '{ person(id: "1") { id nickname } }', { depth: 2, cost: 2, rootFields: 1 }],
    ['an operation type the schema does not have measures nothing (validation refuses it)', 'mutation { person(id: "1") { id } }', { depth: 0, cost: 0, rootFields: 0, aliases: 0 }],
    ['a spread of a fragment the document does not define counts nothing (validation refuses it)', '{ person(id: "1") { id ...Missing } }', { depth: 2, cost: 2 }],
    ['a fragment that spreads itself (validation refuses it) is measured once, without recursing forever', '{ person(id: "1") { ...P } } fragment P on Person { id arrests { person { ...P } } }', { depth: 3, cost: 1 + 1 + (1 + DEFAULT_LIST_SIZE * 1) }],
  ])('documents the validator refuses: %s', (_rule, query, expected) => {
    expect(measure(query)).toMatchObject(expected);
  });

  it('counts tokens as the parser does (comments excluded), and stops counting past the limit', () => {
    expect(countTokens('{ person(id: "1") { id } }')).toBe(11);
    expect(countTokens('# a comment\n{ a }')).toBe(3);
    expect(countTokens(`{ ${'a '.repeat(100_000)}}`, 50)).toBe(51);
    expect(countTokens('{ a " }')).toBe(2); // a lexical error: the parser reports it
  });
});
