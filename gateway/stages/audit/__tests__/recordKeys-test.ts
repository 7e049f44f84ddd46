import { buildSchema, parse, print } from 'graphql';
import { addRecordKeys, readRecordKeys, takeRecordsReturned } from '../recordKeys';

/** [P18] How the plan asks for each record's key, and how the audit reads it back out of the answer. */
const schema = buildSchema(`
  type Charge { lawCode: String! }
  type Arrest { number: String! topCharge: Charge person: Person }
  type Person { id: ID! fullName: String arrests: [Arrest!]! }
  type Vehicle { vin: ID! }
  union Subject = Person | Vehicle
  union Found = Person | Charge
  interface Located { place: String }
  type Stop implements Located { place: String }
  type PersonEdge { cursor: String! score: Float! node: Person! }
  type PersonConnection { edges: [PersonEdge!]! }
  type Query { person(id: ID!): Person subjects: [Subject!]! searchPersons(name: String!): PersonConnection located: [Located!]! found: [Found!]! }
`);
const keys = readRecordKeys(`
  type Arrest @join__type(graph: A, key: "number") { number: String! }
  type Person @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") { id: ID! }
  type Vehicle @join__type(graph: A, key: "vin") { vin: ID! }
  type Stop @join__type(graph: A, key: "place") { place: String }
  type Charge { lawCode: String! }
`);

const keyed = (query: string) => print(addRecordKeys(schema, parse(query), keys)).replace(/\s+/g, ' ');

describe('record keys for the audit', () => {
  it('reads each entity key of the supergraph; a type without one is no record', () => {
    expect([...keys]).toEqual([['Arrest', 'number'], ['Person', 'id'], ['Vehicle', 'vin'], ['Stop', 'place']]);
  });

  it('a record is an entity keyed by one field: a compound key, a type only joined, an interface, or another directive\'s key name none', () => {
    const read = readRecordKeys(parse(`
      type Complaint @join__type(graph: A, key: "number precinct") { number: String! precinct: String! }
      type Address @join__type(graph: A) { line: String }
      type Note @join__owner(graph: A, key: "id") { id: ID! }
      interface Located @join__type(graph: A, key: "place") { place: String }
      type Warrant @join__type(graph: A, key: "docket") @join__type(graph: B, key: "number") { docket: String! number: String! }
    `));
    expect([...read]).toEqual([['Warrant', 'docket']]);
  });

  it('asks for the type and key of every record the client did not ask to identify', () => {
    expect(keyed('{ person(id: "P1") { fullName arrests { topCharge { lawCode } } } }')).toBe(
      '{ person(id: "P1") { fullName arrests { topCharge { lawCode } _erms_type: __typename _erms_key: number } _erms_type: __typename _erms_key: id } }',
    );
  });

  it('does not fetch a key twice: one the client selects under its own name is read from there', () => {
    expect(keyed('{ person(id: "P1") { id arrests { number } } }')).toBe(
      '{ person(id: "P1") { id arrests { number _erms_type: __typename } _erms_type: __typename } }',
    );
  });

  it('still fetches the key when the client renamed it or may skip it', () => {
    expect(keyed('{ person(id: "P1") { pid: id } }')).toContain('_erms_key: id');
    expect(keyed('query ($x: Boolean!) { person(id: "P1") { id @include(if: $x) } }')).toContain('_erms_key: id');
  });

  it('a record selected only through an inline fragment, or a fragment named like its key, is still named', () => {
    expect(keyed('{ person(id: "P1") { ... on Person { fullName } } }')).toBe(
      '{ person(id: "P1") { ... on Person { fullName _erms_type: __typename _erms_key: id } _erms_type: __typename _erms_key: id } }',
    );
    expect(keyed('{ person(id: "P1") { ...id } } fragment id on Person { fullName }')).toBe(
      '{ person(id: "P1") { ...id _erms_type: __typename _erms_key: id } } fragment id on Person { fullName _erms_type: __typename _erms_key: id }',
    );
  });

  it('[P18] a client may not use the reserved aliases, at any depth: they would hide what was read', () => {
    for (const [query, alias] of [
      ['{ person(id: "P1") { _erms_key: fullName } }', '_erms_key'],
      ['{ _erms_type: person(id: "P1") { fullName } }', '_erms_type'],
      ['{ searchPersons(name: "X") { edges { _erms_node: node { fullName } } } }', '_erms_node'],
      ['{ person(id: "P1") { arrests { _erms_anything: number } } }', '_erms_anything'],
    ] as const) {
      expect(() => keyed(query)).toThrow(expect.objectContaining({ message: 'aliases beginning with _erms_ are reserved', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', alias }) }));
    }
    expect(keyed('{ person(id: "P1") { my_erms_type: fullName } }')).toContain('my_erms_type: fullName');
  });

  it('asks each possible type of an interface field for its own key', () => {
    expect(keyed('{ located { place } }')).toBe('{ located { place ... on Stop { _erms_type: __typename _erms_key: place } } }');
  });

  it('asks only the possible types that are records', () => {
    expect(keyed('{ found { __typename } }')).toBe('{ found { __typename ... on Person { _erms_type: __typename _erms_key: id } } }');
  });

  it('asks each possible type of an abstract field for its own key', () => {
    expect(keyed('{ subjects { __typename } }')).toBe(
      '{ subjects { __typename ... on Person { _erms_type: __typename _erms_key: id } ... on Vehicle { _erms_type: __typename _erms_key: vin } } }',
    );
  });

  it('[P18] asks for the record behind an edge selected without its node, and takes it out of the answer', () => {
    expect(keyed('{ searchPersons(name: "X") { edges { score } } }')).toBe(
      '{ searchPersons(name: "X") { edges { score _erms_node: node { _erms_type: __typename _erms_key: id } } } }',
    );
    // With its node selected, the node's own keys are enough; a node the client may skip is not selected.
    expect(keyed('{ searchPersons(name: "X") { edges { node { fullName } } } }')).not.toContain('_erms_node');
    expect(keyed('query ($x: Boolean!) { searchPersons(name: "X") { edges { node @include(if: $x) { fullName } } } }')).toContain('_erms_node: node');
    expect(keyed('{ searchPersons(name: "X") { edges { ... on PersonEdge { score } } } }')).toBe(
      '{ searchPersons(name: "X") { edges { ... on PersonEdge { score _erms_node: node { _erms_type: __typename _erms_key: id } } _erms_node: node { _erms_type: __typename _erms_key: id } } } }',
    );
    const data = { searchPersons: { edges: [{ score: 0.9, _erms_node: { _erms_type: 'Person', _erms_key: 'P1' } }, { score: 0.8, _erms_node: { _erms_type: 'Person', _erms_key: 'P2' } }] } };
    const taken = takeRecordsReturned(data, undefined, keys);
    expect(taken.records).toEqual({ Person: ['P1', 'P2'] });
    expect(data).toEqual({ searchPersons: { edges: [{ score: 0.9 }, { score: 0.8 }] } });
  });

  it('names the records from either place, and gives the client exactly what it asked for', () => {
    const data = {
      person: {
        id: 'P1', _erms_type: 'Person',
        arrests: [
          { number: 'A2', _erms_type: 'Arrest' },
          { topCharge: { lawCode: 'PL 120.00' }, _erms_type: 'Arrest', _erms_key: 'A1' },
          // A renamed key: the client's alias is not read, the reserved one is.
          { number: 'not-the-key', _erms_type: 'Arrest', _erms_key: 'A3' },
        ],
      },
    };
    const taken = takeRecordsReturned(data, undefined, keys);
    expect(taken.records).toEqual({ Arrest: ['A1', 'A2', 'A3'], Person: ['P1'] });
    expect(taken.count).toBe(4);
    expect(data).toEqual({
      person: { id: 'P1', arrests: [{ number: 'A2' }, { topCharge: { lawCode: 'PL 120.00' } }, { number: 'not-the-key' }] },
    });
  });

  it('names no record whose key the policy withheld, and drops the errors about keys the client never asked for', () => {
    const data = { person: { fullName: 'X', _erms_type: 'Person', _erms_key: null } };
    const errors = [
      { message: 'not authorized', path: ['person', '_erms_key'] },
      { message: 'not authorized', path: ['person', 'fullName'] },
    ];
    const taken = takeRecordsReturned(data, errors, keys);
    expect(taken.records).toEqual({});
    expect(taken.errors).toEqual([errors[1]]);
  });
});

describe('the records an answer released, read back out of it', () => {
  it('a key of any scalar type is named as text; a record without a type name or without a key is not named', () => {
    const data = { a: { _erms_type: 'Arrest', _erms_key: 12 }, b: { _erms_type: null, _erms_key: 'X' }, c: { _erms_type: 'Person' }, d: ['text', 3, null] };
    const taken = takeRecordsReturned(data, undefined, keys);
    expect(taken.records).toEqual({ Arrest: ['12'] });
    expect(taken.count).toBe(1);
    expect(data).toEqual({ a: {}, b: {}, c: {}, d: ['text', 3, null] });
  });

  it('the same record released twice is named once', () => {
    const data = { a: { _erms_type: 'Person', _erms_key: 'P1' }, b: [{ _erms_type: 'Person', _erms_key: 'P1' }] };
    expect(takeRecordsReturned(data, undefined, keys)).toMatchObject({ records: { Person: ['P1'] }, count: 1 });
  });

  it('errors about any of the reserved keys are dropped; none left is no errors at all', () => {
    const errors = [
      { message: 'type', path: ['person', '_erms_type'] },
      { message: 'node', path: ['searchPersons', 'edges', 0, '_erms_node'] },
      { message: 'key', path: ['person', '_erms_key'] },
      { message: 'no path' },
    ];
    expect(takeRecordsReturned({}, errors, keys).errors).toEqual([{ message: 'no path' }]);
    expect(takeRecordsReturned({}, errors.slice(0, 3), keys).errors).toBeUndefined();
    expect(takeRecordsReturned({}, undefined, keys).errors).toBeUndefined();
  });
});
