import { parse } from 'graphql';
import { CATEGORY_NAMES } from '../../policy/vocabulary';
import { PolicyVocabularyError, readPolicyMap, type FieldPolicy } from '../readPolicyMap';

/**
 * The gateway's policy map, read from the composed supergraph: one row per place a `@policy` can
 * stand. A field the map gives no category is refused by the gateway, so every placement the
 * reader does not understand must come out as null, never as a category (deny by default [P5]).
 */
const POLICY_LINK = 'https://erms.nypd.example/policy/v1.0';

/** A supergraph of two subgraphs around `body`, as composition prints it (join v0.4). */
const supergraph = (body: string, policyImport = '["@policy"]') => `
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.4", for: EXECUTION)
  @link(url: "${POLICY_LINK}", import: ${policyImport})
{ query: Query }

enum join__Graph {
  CALLS @join__graph(name: "calls", url: "http://calls")
  COMPLAINTS_ARRESTS @join__graph(name: "complaints-arrests", url: "http://complaints-arrests")
}

type Query @join__type(graph: CALLS) @join__type(graph: COMPLAINTS_ARRESTS) {
  call: Call @join__field(graph: CALLS)
}
${body}`;

const CALLS = ['calls'];
const BOTH = ['calls', 'complaints-arrests'];
const row = (category: FieldPolicy['category'], systems: string[]): FieldPolicy => ({ category, systems });

describe('the policy map: which category governs a field, by where @policy stands', () => {
  it.each<[string, string, Record<string, FieldPolicy>]>([
    [
      "a type's @policy covers each of its fields; a root type without one is refused",
      'type Call @join__type(graph: CALLS) @policy(category: "RECORD") { id: ID! narrative: String }',
      { 'Query.call': row(null, CALLS), 'Call.id': row('RECORD', CALLS), 'Call.narrative': row('RECORD', CALLS) },
    ],
    [
      "a field's own @policy overrides its type's",
      `type Call @join__type(graph: CALLS) @policy(category: "RECORD") {
         id: ID!
         callerAddress: String @policy(category: "CONFIDENTIAL_ADDRESS")
       }`,
      { 'Query.call': row(null, CALLS), 'Call.id': row('RECORD', CALLS), 'Call.callerAddress': row('CONFIDENTIAL_ADDRESS', CALLS) },
    ],
    [
      'on a type without @policy, only the field that carries one has a category; its siblings are refused',
      'type Call @join__type(graph: CALLS) { id: ID! @policy(category: "META") narrative: String }',
      { 'Query.call': row(null, CALLS), 'Call.id': row('META', CALLS), 'Call.narrative': row(null, CALLS) },
    ],
    [
      "an interface's @policy covers the interface's fields, not those of a type implementing it without its own",
      `interface Report @join__type(graph: CALLS) @policy(category: "COMMERCIAL") { provider: String }
       type Call implements Report @join__implements(graph: CALLS, interface: "Report") @join__type(graph: CALLS) { provider: String }`,
      { 'Query.call': row(null, CALLS), 'Report.provider': row('COMMERCIAL', CALLS), 'Call.provider': row(null, CALLS) },
    ],
    [
      'a field override on an interface wins over the interface default',
      `interface Report @join__type(graph: CALLS) @policy(category: "COMMERCIAL") { provider: String subject: String @policy(category: "IDENTIFYING") }
       type Call @join__type(graph: CALLS) @policy(category: "RECORD") { id: ID! }`,
      {
        'Query.call': row(null, CALLS), 'Report.provider': row('COMMERCIAL', CALLS), 'Report.subject': row('IDENTIFYING', CALLS),
        'Call.id': row('RECORD', CALLS),
      },
    ],
    [
      'no @policy anywhere: every field is refused',
      'type Call @join__type(graph: CALLS) { id: ID! }',
      { 'Query.call': row(null, CALLS), 'Call.id': row(null, CALLS) },
    ],
    [
      "federation's own authorization @policy (policies:, no category) gives no category: refused",
      'type Call @join__type(graph: CALLS) @policy(policies: [["records"]]) { id: ID! narrative: String @policy(policies: [["records"]]) }',
      { 'Query.call': row(null, CALLS), 'Call.id': row(null, CALLS), 'Call.narrative': row(null, CALLS) },
    ],
    [
      'a category given as anything but a string is no category: refused',
      'type Call @join__type(graph: CALLS) @policy(category: RECORD) { id: ID! narrative: String @policy(category: ["RECORD"]) }',
      { 'Query.call': row(null, CALLS), 'Call.id': row(null, CALLS), 'Call.narrative': row(null, CALLS) },
    ],
    [
      'only output fields are governed: input types, enums and scalars are not in the map',
      `type Call @join__type(graph: CALLS) @policy(category: "RECORD") { id: ID! }
       input CallFilter @join__type(graph: CALLS) { narrative: String }
       enum CallKind @join__type(graph: CALLS) { EMERGENCY }
       scalar Date @join__type(graph: CALLS)`,
      { 'Query.call': row(null, CALLS), 'Call.id': row('RECORD', CALLS) },
    ],
  ])('%s', (_rule, body, expected) => {
    expect(Object.fromEntries(readPolicyMap(supergraph(body)))).toEqual(expected);
  });

  it('a @policy composed under another name (@link import "as") is not read: every field it marks is refused', () => {
    // What composition prints for subgraphs that import `{ name: "@policy", as: "@sensitivity" }` and
    // `@composeDirective(name: "@sensitivity")`. The reader knows the vocabulary by its own name only,
    // so such a supergraph opens nothing: its fields are refused until the import keeps the name.
    const renamed = supergraph(
      'type Call @join__type(graph: CALLS) @sensitivity(category: "RECORD") { id: ID! narrative: String @sensitivity(category: "META") }',
      '[{name: "@policy", as: "@sensitivity"}]',
    );
    expect(Object.fromEntries(readPolicyMap(renamed))).toEqual({ 'Query.call': row(null, CALLS), 'Call.id': row(null, CALLS), 'Call.narrative': row(null, CALLS) });
  });

  it('a category written as an enum value, not a string, is no category: the field is refused, not opened', () => {
    expect(readPolicyMap(supergraph('type Call @join__type(graph: CALLS) @policy(category: RECORD) { id: ID! }')).get('Call.id')).toEqual(row(null, CALLS));
  });

  it.each(CATEGORY_NAMES)('the category %s is read as itself, on a type and on a field', (category) => {
    const map = readPolicyMap(supergraph(`type Call @join__type(graph: CALLS) @policy(category: "${category}") { id: ID! own: String @policy(category: "${category}") }`));
    expect(map.get('Call.id')?.category).toBe(category);
    expect(map.get('Call.own')?.category).toBe(category);
  });

  it.each([
    ['a misspelt category on a type', 'type Call @join__type(graph: CALLS) @policy(category: "RECORDS") { id: ID! }', '"RECORDS" on Call;'],
    ['a misspelt category on a field', 'type Call @join__type(graph: CALLS) @policy(category: "RECORD") { id: ID! narrative: String @policy(category: "record") }', '"record" on Call.narrative;'],
    ['an empty category on an interface', 'interface Report @join__type(graph: CALLS) @policy(category: "") { id: ID! } type Call @join__type(graph: CALLS) { id: ID! }', '"" on Report;'],
  ])('%s stops start-up, naming the category and where it stands', (_rule, body, where) => {
    const read = () => readPolicyMap(supergraph(body));
    expect(read).toThrow(PolicyVocabularyError);
    expect(read).toThrow(`unknown @policy category ${where} known: ${CATEGORY_NAMES.join(', ')}`);
  });
});

describe('the policy map: which subgraphs serve a field (the training it needs [P8])', () => {
  const body = `
    type Person @join__type(graph: CALLS, key: "id") @join__type(graph: COMPLAINTS_ARRESTS, key: "id") @policy(category: "IDENTIFYING") {
      id: ID!
      firstName: String @join__field(graph: COMPLAINTS_ARRESTS)
      phone: String @join__field(graph: CALLS, external: true) @join__field(graph: COMPLAINTS_ARRESTS)
      callbackNumber: String @join__field(graph: CALLS, external: false)
      cellNumber: String @join__field(graph: COMPLAINTS_ARRESTS, usedOverridden: true) @join__field(graph: CALLS, override: "complaints-arrests")
      pager: String @join__field(graph: CALLS) @join__field(graph: COMPLAINTS_ARRESTS, usedOverridden: false)
      email: String @join__field(requires: "id", graph: CALLS)
      alias: String @join__field(graph: CALLS, requires: "id") @join__field(graph: COMPLAINTS_ARRESTS)
    }
    type Call @join__type(graph: CALLS) @policy(category: "RECORD") { id: ID! }`;
  // Read inside each test, not when the suite is collected: Stryker runs a mutant against the tests that reached it.
  const map = () => readPolicyMap(supergraph(body));

  it.each<[string, string, string[]]>([
    ['a field without @join__field is served by every subgraph of its type, named as join__Graph names them', 'Person.id', BOTH],
    ['a field with @join__field is served by the subgraphs it names, not all of its type', 'Person.firstName', ['complaints-arrests']],
    ['a subgraph where the field is external does not serve it', 'Person.phone', ['complaints-arrests']],
    ['external: false is served', 'Person.callbackNumber', CALLS],
    ['[P8] a subgraph the field was taken from by @override, which still uses it, does not serve it (usedOverridden)', 'Person.cellNumber', CALLS],
    ['usedOverridden: false is served', 'Person.pager', BOTH],
    ['the graph is read by its name, wherever it stands among the arguments', 'Person.email', CALLS],
    ['a field served by two subgraphs names both', 'Person.alias', BOTH],
    ['a root field is served by the subgraph of its @join__field', 'Query.call', CALLS],
    ['a type of one subgraph', 'Call.id', CALLS],
  ])('%s (%s)', (_rule, coordinate, systems) => {
    expect(map().get(coordinate)?.systems).toEqual(systems);
  });

  it('join__Graph is read by names, whatever else is written around them', () => {
    const sdl = supergraph('type Call @join__type(graph: CALLS) @policy(category: "RECORD") { id: ID! }')
      .replace('CALLS @join__graph(name: "calls", url: "http://calls")', 'CALLS @deprecated(reason: "named") @join__graph(url: "http://calls", name: "calls")');
    expect(readPolicyMap(sdl).get('Call.id')?.systems).toEqual(CALLS);
  });

  it("another enum with a value named like a graph does not rename the graph: systems keep join__Graph's names", () => {
    const systems = readPolicyMap(supergraph('type Call @join__type(graph: CALLS) @policy(category: "RECORD") { id: ID! } enum Feed { CALLS }')).get('Call.id')?.systems;
    expect(systems).toEqual(CALLS);
  });

  it('reads a parsed document as it reads the text', () => {
    expect(readPolicyMap(parse(supergraph(body)))).toEqual(map());
  });
});
