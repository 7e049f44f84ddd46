import { buildSchema } from 'graphql';
import { validateSavedQuery } from '../validateSavedQuery';

const schema = buildSchema(`
  type Query { arrests(borough: String, first: Int, after: String): ArrestConnection me: Me }
  type Mutation { setUserActive(userId: ID!, active: Boolean!): Me }
  type Me { id: ID! }
  type ArrestConnection { edges: [ArrestEdge!]! pageInfo: PageInfo! }
  type ArrestEdge { node: Arrest! }
  type Arrest { number: String! person: Person }
  type Person { fullName: String }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
`);
const rows = { rows: 'arrests.edges', columns: [{ name: 'n', path: 'node.number' }] };

describe('a saved query validates against the supergraph in force', () => {
  it('reads its parameters from the variable definitions: type, whether required, default, description', () => {
    const result = validateSavedQuery(schema, {
      document: 'query A($borough: String!, $first: Int = 25, $after: String) { arrests(borough: $borough, first: $first, after: $after) { edges { node { number } } pageInfo { hasNextPage endCursor } } }',
      columns: { ...rows, pageInfo: 'arrests.pageInfo' },
      parameterDescriptions: [{ name: 'borough', description: 'e.g. BROOKLYN' }],
    });
    expect(result).toEqual({
      valid: true,
      operationName: 'A',
      parameters: [
        { name: 'borough', type: 'String!', required: true, defaultValue: null, description: 'e.g. BROOKLYN' },
        { name: 'first', type: 'Int', required: false, defaultValue: 25, description: '' },
        { name: 'after', type: 'String', required: false, defaultValue: null, description: '' },
      ],
    });
  });

  it('follows fragments and aliases when checking the mapping', () => {
    const result = validateSavedQuery(schema, {
      document: 'query { list: arrests { edges { ...E } } } fragment E on ArrestEdge { node { ... on Arrest { number } } }',
      columns: { rows: 'list.edges', columns: [{ name: 'n', path: 'node.number' }] },
    });
    expect(result.valid).toBe(true);
  });

  it.each([
    ['it does not parse', '{ arrests {', rows, /does not parse/],
    ['it changes data (a schedule must never write)', 'mutation { setUserActive(userId: "u", active: false) { id } }', { rows: 'setUserActive', columns: [{ name: 'id', path: 'id' }] }, /only reads/],
    ['it is a subscription', 'subscription { me { id } }', { rows: 'me', columns: [{ name: 'id', path: 'id' }] }, /only reads/],
    ['it names a field the schema lacks', '{ arrests { edges { node { number shoeSize } } } }', rows, /shoeSize/],
    ['its rows path is not selected', '{ me { id } }', rows, /rows path/],
    ['a column is not selected', '{ arrests { edges { node { number } } } }', { rows: 'arrests.edges', columns: [{ name: 'p', path: 'node.person.fullName' }] }, /column "p"/],
    ['it pages without $after', '{ arrests { edges { node { number } } pageInfo { hasNextPage endCursor } } }', { ...rows, pageInfo: 'arrests.pageInfo' }, /\$after/],
  ])('is invalid when %s', (_rule, document, columns, reason) => {
    const result = validateSavedQuery(schema, { document, columns });
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reason).toMatch(reason);
  });

  it('is invalid when it describes a parameter the operation does not declare', () => {
    const result = validateSavedQuery(schema, { document: '{ arrests { edges { node { number } } } }', columns: rows, parameterDescriptions: [{ name: 'ghost', description: 'x' }] });
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reason).toMatch(/described/);
  });
});
