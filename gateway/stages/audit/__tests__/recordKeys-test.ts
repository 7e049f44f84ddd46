import { buildSchema, parse, print } from 'graphql';
import { addRecordKeys, readRecordKeys, takeRecordsReturned } from '../recordKeys';

/** [P18] How the plan asks for each record's key, and how the audit reads it back out of the answer. */
const schema = buildSchema(`
  type Charge { lawCode: String! }
  type Arrest { number: String! topCharge: Charge person: Person }
  type Person { id: ID! fullName: String arrests: [Arrest!]! }
  type Vehicle { vin: ID! }
  union Subject = Person | Vehicle
  type PersonEdge { cursor: String! score: Float! node: Person! }
  type PersonConnection { edges: [PersonEdge!]! }
  type Query { person(id: ID!): Person subjects: [Subject!]! searchPersons(name: String!): PersonConnection }
`);
const keys = readRecordKeys(`
  type Arrest @join__type(graph: A, key: "number") { number: String! }
  type Person @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") { id: ID! }
  type Vehicle @join__type(graph: A, key: "vin") { vin: ID! }
  type Charge { lawCode: String! }
`);

const keyed = (query: string) => print(addRecordKeys(schema, parse(query), keys)).replace(/\s+/g, ' ');

describe('record keys for the audit', () => {
  it('reads each entity key of the supergraph; a type without one is no record', () => {
    expect([...keys]).toEqual([['Arrest', 'number'], ['Person', 'id'], ['Vehicle', 'vin']]);
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

  it('asks each possible type of an abstract field for its own key', () => {
    expect(keyed('{ subjects { __typename } }')).toBe(
      '{ subjects { __typename ... on Person { _erms_type: __typename _erms_key: id } ... on Vehicle { _erms_type: __typename _erms_key: vin } } }',
    );
  });

  it('[P18] asks for the record behind an edge selected without its node, and takes it out of the answer', () => {
    expect(keyed('{ searchPersons(name: "X") { edges { score } } }')).toBe(
      '{ searchPersons(name: "X") { edges { score _erms_node: node { _erms_type: __typename _erms_key: id } } } }',
    );
    // With its node selected, the node's own keys are enough.
    expect(keyed('{ searchPersons(name: "X") { edges { node { fullName } } } }')).not.toContain('_erms_node');
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
