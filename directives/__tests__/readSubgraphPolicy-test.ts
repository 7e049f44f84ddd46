import { parse } from 'graphql';
import { CATEGORY_NAMES } from '../../policy/vocabulary';
import { PolicyVocabularyError } from '../policyDirectives';
import { readSubgraphPolicy } from '../readSubgraphPolicy';

/**
 * A subgraph's own reading of its SDL, the second layer behind the gateway's: the categories its
 * shield enforces (a field without one falls to the shield's deny, deny by default [P5]), the
 * record rules of each type [P12], and the fields it shares with other subgraphs (served on their
 * category alone: only the supergraph knows every system that serves them [P8]).
 */
const HEADER = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@composeDirective"])
  @link(url: "https://erms.nypd.example/policy/v1.0", import: ["@policy"]) @composeDirective(name: "@policy")
directive @policy(category: String!) on OBJECT | INTERFACE | FIELD_DEFINITION
`;
const read = (sdl: string) => readSubgraphPolicy(parse(HEADER + sdl));
const categoriesOf = (sdl: string) => Object.fromEntries(read(sdl).categories);

describe("a subgraph's categories, by where @policy stands", () => {
  it.each<[string, string, Record<string, string>]>([
    [
      "a type's @policy covers each of its fields; a type without one gives its fields none (refused)",
      'type Query { call(id: ID!): Call } type Call @policy(category: "RECORD") { id: ID! narrative: String }',
      { 'Call.id': 'RECORD', 'Call.narrative': 'RECORD' },
    ],
    [
      "a field's own @policy overrides its type's",
      'type Call @policy(category: "RECORD") { id: ID! callerAddress: String @policy(category: "CONFIDENTIAL_ADDRESS") }',
      { 'Call.id': 'RECORD', 'Call.callerAddress': 'CONFIDENTIAL_ADDRESS' },
    ],
    [
      'on a type without @policy, only the field that carries one has a category',
      'type Query { call(id: ID!): Call @policy(category: "RECORD") ping: String }',
      { 'Query.call': 'RECORD' },
    ],
    [
      'a type extension is read like a type: its own default, its fields\' overrides',
      'extend type Query @policy(category: "META") { version: String calls: [String] @policy(category: "RECORD") }',
      { 'Query.version': 'META', 'Query.calls': 'RECORD' },
    ],
    [
      'an interface gives no rule of its own: each implementing type is governed by its own @policy',
      `interface Report @policy(category: "COMMERCIAL") { provider: String }
       type PersonReport implements Report @policy(category: "COMMERCIAL") { provider: String }
       type PhoneReport implements Report { provider: String }`,
      { 'PersonReport.provider': 'COMMERCIAL' },
    ],
    [
      "federation's own authorization @policy (policies:, no category) gives no category",
      'type Call @policy(policies: [["records"]]) { id: ID! }',
      {},
    ],
    [
      'a category given as anything but a string is no category',
      'type Call @policy(category: RECORD) { id: ID! narrative: String @policy(category: ["RECORD"]) }',
      {},
    ],
    [
      'input types and enums are not governed',
      'input CallFilter @policy(category: "RECORD") { narrative: String } enum CallKind @policy(category: "RECORD") { EMERGENCY }',
      {},
    ],
  ])('%s', (_rule, sdl, expected) => {
    expect(categoriesOf(sdl)).toEqual(expected);
  });

  it('a @policy imported under another name (@link import "as") is not read: its fields fall to the deny', () => {
    const renamed = `
      extend schema @link(url: "https://erms.nypd.example/policy/v1.0", import: [{ name: "@policy", as: "@sensitivity" }])
        @composeDirective(name: "@sensitivity")
      directive @sensitivity(category: String!) on OBJECT | INTERFACE | FIELD_DEFINITION
      type Call @sensitivity(category: "RECORD") { id: ID! narrative: String @sensitivity(category: "META") }`;
    expect(readSubgraphPolicy(parse(renamed)).categories.size).toBe(0);
  });

  it.each(CATEGORY_NAMES)('the category %s is read as itself', (category) => {
    expect(categoriesOf(`type Call @policy(category: "${category}") { id: ID! own: String @policy(category: "${category}") }`)).toEqual({
      'Call.id': category,
      'Call.own': category,
    });
  });

  it.each([
    ['on a type', 'type Call @policy(category: "RECORDS") { id: ID! }', '"RECORDS" on Call;'],
    ['on a field', 'type Call @policy(category: "RECORD") { id: ID! narrative: String @policy(category: "record") }', '"record" on Call.narrative;'],
    ['on a type extension', 'extend type Query @policy(category: "PUBLIC") { version: String }', '"PUBLIC" on Query;'],
  ])('an unknown category %s stops the subgraph starting, naming it and where', (_where, sdl, named) => {
    expect(() => read(sdl)).toThrow(PolicyVocabularyError);
    expect(() => read(sdl)).toThrow(`unknown @policy category ${named} known: ${CATEGORY_NAMES.join(', ')}`);
  });
});

describe("a subgraph's record rules [P12]", () => {
  it.each<[string, string, Record<string, string[]>]>([
    [
      'each type names its rules, in order',
      `type Complaint @key(fields: "number") @recordRule(name: "SEALED") @recordRule(name: "JUVENILE") { number: String! }
       type Arrest @recordRule(name: "JUVENILE") { number: String! }`,
      { Complaint: ['SEALED', 'JUVENILE'], Arrest: ['JUVENILE'] },
    ],
    ['a type without @recordRule has none', 'type Collision @key(fields: "number") @policy(category: "RECORD") { number: String! }', {}],
    ['a stub declared by extension carries its rules too', 'extend type Complaint @key(fields: "number") @recordRule(name: "SEALED") { number: String! }', { Complaint: ['SEALED'] }],
    [
      'a rule without a name is kept as an empty name (refused when the rules are resolved), never dropped',
      'type Complaint @recordRule @recordRule(name: SEALED) { number: String! }',
      { Complaint: ['', ''] },
    ],
  ])('%s', (_rule, sdl, expected) => {
    expect(Object.fromEntries(read(sdl).recordRules)).toEqual(expected);
  });
});

describe('fields a subgraph shares with others (served on their category alone)', () => {
  it.each<[string, string, string[]]>([
    ['every field of a @shareable type', 'type PageInfo @shareable @policy(category: "META") { hasNextPage: Boolean! endCursor: String }', ['PageInfo.endCursor', 'PageInfo.hasNextPage']],
    ['a @shareable field, not its siblings', 'type Call @policy(category: "RECORD") { id: ID! @shareable narrative: String }', ['Call.id']],
    ['the key fields of an entity, not its other fields', 'type Person @key(fields: "id") @policy(category: "IDENTIFYING") { id: ID! name: String }', ['Person.id']],
    [
      'every field of the type named by any of its keys, compound keys included',
      `type Vehicle @key(fields: "vin") @key(fields: "plate, state { code } registeredAt") @policy(category: "RECORD") {
         vin: String! plate: String! state: State! registeredAt: String color: String
       }`,
      ['Vehicle.plate', 'Vehicle.registeredAt', 'Vehicle.state', 'Vehicle.vin'],
    ],
    [
      "a nested key's inner field belongs to the nested type: a field of this type of the same name keeps its training",
      `type Vehicle @key(fields: "state { code region { name } } plate") @policy(category: "RECORD") {
         state: State! plate: String! code: String name: String
       }`,
      ['Vehicle.plate', 'Vehicle.state'],
    ],
    ['a key on a type extension', 'extend type Person @key(fields: "id") { id: ID! name: String }', ['Person.id']],
    ['nothing of a type neither keyed nor shareable', 'type Call @policy(category: "RECORD") { id: ID! narrative: String }', []],
    ['[P8] a field with a directive of its own that is not @shareable is not shared', 'type Call @policy(category: "RECORD") { id: ID! narrative: String @policy(category: "RECORD") }', []],
    ['a type directive other than @key, even with a `fields` argument, names no key', 'type Call @custom(fields: "id") @policy(category: "RECORD") { id: ID! }', []],
    ['a key whose fields are not a string shares nothing', 'type Person @key(fields: id) @policy(category: "IDENTIFYING") { id: ID! }', []],
  ])('%s', (_rule, sdl, expected) => {
    expect([...read(sdl).shared].sort()).toEqual(expected);
  });
});
