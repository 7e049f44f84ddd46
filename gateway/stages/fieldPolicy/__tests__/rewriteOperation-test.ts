import { buildSchema, execute, parse, print, type DocumentNode } from 'graphql';
import { PolicyDenial } from '../../../../policy/PolicyDenial';
import { collectRequestedFields, removeDeniedFields, type RemovedFields } from '../rewriteOperation';
import { restoreRemovedFields } from '../restoreRemovedFields';

/**
 * The rewrite on a plain schema, the way a naive one gets it wrong (STACK-NOTES): fragments,
 * aliases, interfaces, variables, @skip, non-null fields, emptied selections, key order.
 */
const schema = buildSchema(`
  interface Record { number: String! sealedNote: String }
  type Arrest implements Record { number: String! sealedNote: String charge: String secret: String! }
  type Call implements Record { number: String! sealedNote: String priority: Int }
  type Person { id: ID! name: String dob: String secret: String! arrests: [Arrest!]! }
  type Query { person(id: ID!): Person records: [Record!]! secretRoot: String }
`);
const DENIED = new Set(['Arrest.sealedNote', 'Call.sealedNote', 'Record.sealedNote', 'Person.dob', 'Person.secret', 'Arrest.secret', 'Query.secretRoot']);

const DATA_SOURCE = {
  person: () => ({
    id: 'P1', name: 'JOHN SMITH', dob: '1990-01-01', secret: 's',
    arrests: [{ number: 'K1', sealedNote: 'x', charge: 'PL 155.25', secret: 's' }, { number: 'K2', sealedNote: 'y', charge: 'PL 120.00', secret: 's' }],
  }),
  records: () => [
    { __typename: 'Arrest', number: 'K1', sealedNote: 'x', charge: 'PL 155.25', secret: 's' },
    { __typename: 'Call', number: 'E1', sealedNote: 'z', priority: 2 },
  ],
  secretRoot: () => 'root secret',
};

/** What a subgraph would answer to the rewritten operation. */
function run(document: DocumentNode, variables: Record<string, unknown> = {}) {
  const requested = collectRequestedFields(schema, document, variables);
  const removed: RemovedFields = new Map();
  for (const field of requested) {
    if (DENIED.has(field.coordinate)) removed.set(field.node, { coordinate: field.coordinate, denial: new PolicyDenial('MISSING_ROLE', 'no') });
  }
  const rewritten = removeDeniedFields(schema, document, removed);
  const fetched = execute({ schema, document: rewritten, rootValue: DATA_SOURCE, variableValues: variables }) as { data: Record<string, unknown>; errors?: unknown };
  expect(fetched.errors).toBeUndefined();
  const restored = restoreRemovedFields(schema, document, undefined, variables, fetched.data, removed);
  return { rewritten: print(rewritten), fetched: fetched.data, ...restored };
}

describe('rewriteOperation + restoreRemovedFields', () => {
  it('removes a denied field before planning and brings it back null with an error naming its path', () => {
    const result = run(parse('{ person(id: "P1") { id name dob } }'));
    expect(result.rewritten).not.toContain('dob');
    expect(result.data).toEqual({ person: { id: 'P1', name: 'JOHN SMITH', dob: null } });
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['person', 'dob'], extensions: expect.objectContaining({ code: 'FIELD_NOT_AUTHORIZED', field: 'Person.dob', reason: 'MISSING_ROLE' }) }),
    ]);
  });

  it('follows aliases and keeps the order of keys the client asked for', () => {
    const result = run(parse('{ p: person(id: "P1") { born: dob id alias: name } }'));
    expect(Object.keys(result.data!.p as object)).toEqual(['born', 'id', 'alias']);
    expect(result.errors[0]!.path).toEqual(['p', 'born']);
  });

  it('removes fields inside named fragments, wherever they are spread, with list indices in paths', () => {
    const result = run(parse('query { person(id: "P1") { ...Who arrests { ...A } } } fragment Who on Person { name dob } fragment A on Arrest { number sealedNote }'));
    expect(result.rewritten).not.toMatch(/sealedNote|dob/);
    expect(result.errors.map((e) => e.path)).toEqual([['person', 'dob'], ['person', 'arrests', 0, 'sealedNote'], ['person', 'arrests', 1, 'sealedNote']]);
    expect((result.data!.person as any).arrests[1]).toEqual({ number: 'K2', sealedNote: null });
  });

  it('handles inline fragments on an interface, and asks for __typename to rebuild the right type', () => {
    const result = run(parse('{ records { number ... on Arrest { sealedNote charge } ... on Call { priority sealedNote } } }'));
    expect(result.rewritten).toContain('__typename');
    expect(result.data).toEqual({ records: [{ number: 'K1', sealedNote: null, charge: 'PL 155.25' }, { number: 'E1', priority: 2, sealedNote: null }] });
    expect(JSON.stringify(result.data)).not.toContain('__typename');
  });

  it('keeps a placeholder in a selection emptied by the policy, never shown to the client', () => {
    const result = run(parse('{ person(id: "P1") { dob } }'));
    expect(result.rewritten).toMatch(/person\(id: "P1"\) \{\s*__typename\s*\}/);
    expect(result.data).toEqual({ person: { dob: null } });
  });

  it('propagates null from a removed non-null field to the nearest nullable parent, as GraphQL does', () => {
    const result = run(parse('{ person(id: "P1") { id arrests { number secret } } }'));
    // Arrest.secret is String! inside [Arrest!]!, so the null reaches the nullable `person`.
    expect(result.data).toEqual({ person: null });
    expect(result.errors.map((e) => e.path)).toContainEqual(['person', 'arrests', 0, 'secret']);
  });

  it('decides on variables and keeps @skip/@include working on what is left', () => {
    const document = parse('query Q($id: ID!, $withName: Boolean!) { person(id: $id) { id name @include(if: $withName) dob @skip(if: false) } }');
    const result = run(document, { id: 'P1', withName: false });
    expect(result.data).toEqual({ person: { id: 'P1', dob: null } });
  });

  it('leaves an operation with nothing denied untouched (same document: the plan cache hits)', () => {
    const document = parse('{ person(id: "P1") { id name } }');
    const requested = collectRequestedFields(schema, document, {});
    expect(removeDeniedFields(schema, document, new Map())).toBe(document);
    expect(requested.map((f) => f.coordinate)).toEqual(['Query.person', 'Person.id', 'Person.name']);
  });

  it('says why a field was removed: the denial\'s message, reason and details', () => {
    const document = parse('{ person(id: "P1") { id dob } }');
    const [, , dob] = collectRequestedFields(schema, document, {});
    const removed: RemovedFields = new Map([[dob!.node, { coordinate: 'Person.dob', denial: new PolicyDenial('MISSING_TRAINING', 'the warrants system needs its training', { training: 'ERMS-OUTSIDE-AGENCY-RECORDS' }) }]]);
    const restored = restoreRemovedFields(schema, document, undefined, {}, { person: { id: 'P1', __typename: 'Person' } }, removed);
    expect(restored.errors).toEqual([{
      message: 'not authorized: the warrants system needs its training',
      locations: [{ line: 1, column: 25 }],
      path: ['person', 'dob'],
      extensions: { code: 'FIELD_NOT_AUTHORIZED', field: 'Person.dob', reason: 'MISSING_TRAINING', training: 'ERMS-OUTSIDE-AGENCY-RECORDS' },
    }]);
  });

  it('reports only the fields it removed: a source\'s null in a non-null field was reported by the gateway already', () => {
    const document = parse('{ person(id: "P1") { dob id } }');
    const removed: RemovedFields = new Map();
    for (const field of collectRequestedFields(schema, document, {})) if (field.coordinate === 'Person.dob') removed.set(field.node, { coordinate: field.coordinate, denial: new PolicyDenial('MISSING_ROLE', 'no') });
    const restored = restoreRemovedFields(schema, document, undefined, {}, { person: { id: null } }, removed);
    expect(restored.data).toEqual({ person: null });
    expect(restored.errors.map((e) => e.extensions?.code)).toEqual(['FIELD_NOT_AUTHORIZED']);
  });

  it('rebuilds the answer from the sources\' data, never from resolvers the served schema carries (Apollo wraps them)', () => {
    const served = buildSchema('type Query { person(id: ID!): Person } type Person { id: ID! dob: String }');
    served.getQueryType()!.getFields().person!.resolve = () => ({ id: 'FROM A RESOLVER' });
    const document = parse('{ person(id: "P1") { id dob } }');
    const removed: RemovedFields = new Map();
    for (const field of collectRequestedFields(served, document, {})) if (field.coordinate === 'Person.dob') removed.set(field.node, { coordinate: field.coordinate, denial: new PolicyDenial('MISSING_ROLE', 'no') });
    expect(restoreRemovedFields(served, document, undefined, {}, { person: { id: 'P1' } }, removed).data).toEqual({ person: { id: 'P1', dob: null } });
  });

  it('asks __typename once: a selection that asks it already gets no second', () => {
    const result = run(parse('{ records { __typename number sealedNote } }'));
    expect(result.rewritten.match(/__typename/g)).toHaveLength(1);
    expect(result.data).toEqual({ records: [{ __typename: 'Arrest', number: 'K1', sealedNote: null }, { __typename: 'Call', number: 'E1', sealedNote: null }] });
  });

  it('an aliased __typename is no placeholder: the answer still learns each item\'s type', () => {
    const result = run(parse('{ records { kind: __typename ... on Arrest { sealedNote charge } ... on Call { priority } } }'));
    expect(result.rewritten).toMatch(/kind: __typename[\s\S]*\b__typename\b/);
    expect(result.data).toEqual({ records: [{ kind: 'Arrest', sealedNote: null, charge: 'PL 155.25' }, { kind: 'Call', priority: 2 }] });
  });

  it('answers an operation whose every root field is denied from the policy alone', () => {
    const document = parse('{ secretRoot }');
    const removed: RemovedFields = new Map();
    for (const field of collectRequestedFields(schema, document, {})) removed.set(field.node, { coordinate: field.coordinate, denial: new PolicyDenial('MISSING_ROLE', 'no') });
    const restored = restoreRemovedFields(schema, document, undefined, {}, {}, removed);
    expect(restored.data).toEqual({ secretRoot: null });
    expect(restored.errors[0]!.extensions!.code).toBe('FIELD_NOT_AUTHORIZED');
  });
});

describe('collectRequestedFields: every field the policy decides on', () => {
  it('neither __typename nor the schema\'s own description (introspection): those are no record data', () => {
    const requested = collectRequestedFields(schema, parse('{ __typename __schema { types { name } } person(id: "P1") { __typename id } }'), {});
    expect(requested.map((f) => f.coordinate)).toEqual(['Query.person', 'Person.id']);
  });

  it('reads each request\'s own arguments, for one parsed document sent with different variables', () => {
    const document = parse('query Q($id: ID!) { person(id: $id) { id } }');
    expect(collectRequestedFields(schema, document, { id: 'P1' })[0]!.args).toEqual({ id: 'P1' });
    expect(collectRequestedFields(schema, document, { id: 'P2' })[0]!.args).toEqual({ id: 'P2' });
  });

  it('arguments it cannot read (execution reports them) are none, never a failure', () => {
    const requested = collectRequestedFields(schema, parse('query Q($id: ID!) { person(id: $id) { id } }'), {});
    expect(requested.map((f) => [f.coordinate, f.args])).toEqual([['Query.person', {}], ['Person.id', {}]]);
  });
});
