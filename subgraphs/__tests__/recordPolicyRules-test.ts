import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { badUserInput } from '../../platform/errors/ErrorCode';
import { policyContext, type DeclaredPurpose, type Subject } from '../../policy/Subject';
import type { Role } from '../../policy/vocabulary';
import { applyRecordPolicy } from '../recordPolicy';

/**
 * [P12] The subgraph's record middleware alone, without the SQL filter: resolvers that hand back
 * every record, sealed or juvenile, so only `applyRecordPolicy` stands between them and the
 * caller. Each record rule alone and both together on one type, wherever a record is reached
 * (a root list, a single lookup, a nested field, a connection, `_entities`); and the field
 * shield's deny-by-default for a field the SDL gives no category.
 */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
    @link(url: "https://erms.nypd.example/policy/v1.0", import: ["@policy"]) @composeDirective(name: "@policy")
  directive @policy(category: String!) on OBJECT | INTERFACE | FIELD_DEFINITION
  directive @recordRule(name: String!) repeatable on OBJECT
  type Query {
    complaints: [Complaint] @policy(category: "RECORD")
    complaint(number: String!): Complaint @policy(category: "RECORD")
    people: [Person!]! @policy(category: "RECORD")
    youth: [Youth!]! @policy(category: "RECORD")
    page: ComplaintConnection @policy(category: "RECORD")
    loose: [ComplaintEdge!]! @policy(category: "RECORD")
    unclassified: String
  }
  type Complaint @key(fields: "number") @policy(category: "RECORD") @recordRule(name: "SEALED") @recordRule(name: "JUVENILE") {
    number: String!
  }
  type Youth @key(fields: "id") @policy(category: "RECORD") @recordRule(name: "JUVENILE") { id: String! }
  type Person @key(fields: "id") @policy(category: "RECORD") { id: String! complaints: [Complaint!]! }
  type ComplaintConnection @policy(category: "META") { edges: [ComplaintEdge!] }
  type ComplaintEdge @policy(category: "META") { node: Complaint! }
`);

/** Every combination of the two flags, and one whose flags did not come with it (unknown). */
const COMPLAINTS = [
  { number: 'PLAIN', sealed: false, juvenile: false },
  { number: 'SEALED', sealed: true, juvenile: false },
  { number: 'JUVENILE', sealed: false, juvenile: true },
  { number: 'BOTH', sealed: true, juvenile: true },
  { number: 'UNKNOWN' },
];
const YOUTH = [{ id: 'Y-ADULT', juvenile: false }, { id: 'Y-JUVENILE', juvenile: true }, { id: 'Y-UNKNOWN' }];
const PEOPLE = [{ id: 'P1' }];
let connectionEdges: unknown = COMPLAINTS.map((node) => ({ node }));

// Built in each test, not when the suite loads: Stryker runs a mutant against the tests that reached
// it, and a schema built at load reaches its wiring outside any test (docs/mutation.md).
const policedSchema = () => applyRecordPolicy(
  buildSubgraphSchema([{
    typeDefs,
    resolvers: {
      Query: {
        complaints: () => [...COMPLAINTS, null],
        complaint: (_: unknown, { number }: { number: string }) => {
          if (!/^[A-Z]+$/.test(number)) throw badUserInput('a complaint number is upper-case letters', { argument: 'number' });
          return COMPLAINTS.find((c) => c.number === number) ?? null;
        },
        people: () => PEOPLE,
        youth: () => YOUTH,
        page: () => ({ edges: connectionEdges }),
        loose: () => COMPLAINTS.map((node) => ({ node })),
        unclassified: () => 'should never be answered',
      },
      Person: {
        __resolveReference: ({ id }: { id: string }) => PEOPLE.find((p) => p.id === id) ?? null,
        complaints: () => COMPLAINTS,
      },
      Complaint: { __resolveReference: ({ number }: { number: string }) => COMPLAINTS.find((c) => c.number === number) ?? null },
      Youth: { __resolveReference: ({ id }: { id: string }) => YOUTH.find((y) => y.id === id) ?? null },
    } as never,
  }]),
  typeDefs,
  'complaints-arrests',
);

const caller = (roles: Role[]): Subject => ({
  id: 'u', kind: 'USER', displayName: 'U', roles, command: '075 PCT', assignment: 'PATROL',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: ['ERMS-INTERNAL-RECORDS'], remote: false, mfa: false,
});
const INVESTIGATION: DeclaredPurpose = { code: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-1', justification: 'testing the record middleware' };
const UNDER_ORDER: DeclaredPurpose = { ...INVESTIGATION, exception: { code: 'CPL_160_50_1_D_II', reference: 'ORDER-2026-0042' } };

const run = (roles: Role[], source: string, purpose: DeclaredPurpose = INVESTIGATION) => {
  const policy = policyContext(caller(roles), purpose);
  return graphql({ schema: policedSchema(), source, contextValue: Object.assign(policy, { policy }) });
};
const numbers = (list: unknown) => (list as ({ number: string } | null)[]).map((c) => c?.number ?? null);

/**
 * Who sees which complaint: sealed ones only under a statutory exception that covers the caller
 * (CPL 160.50(1)(d)(ii) covers a detective), juvenile ones only for the roles whose work needs
 * them (a detective, not an officer); a record whose flags are not known counts as both.
 */
const VISIBLE = [
  { rule: 'an officer sees neither sealed nor juvenile records', roles: ['OFFICER'], purpose: INVESTIGATION, visible: ['PLAIN'] },
  { rule: 'a detective sees juvenile records, not sealed ones', roles: ['DETECTIVE'], purpose: INVESTIGATION, visible: ['PLAIN', 'JUVENILE'] },
  { rule: 'an officer under an exception that covers only detectives still sees no sealed record', roles: ['OFFICER'], purpose: UNDER_ORDER, visible: ['PLAIN'] },
  { rule: 'a detective under an exception that covers them sees both', roles: ['DETECTIVE'], purpose: UNDER_ORDER, visible: ['PLAIN', 'SEALED', 'JUVENILE', 'BOTH', 'UNKNOWN'] },
] as const;

describe('[P12] the record middleware alone: sealed and juvenile records', () => {
  it.each(VISIBLE)('in a root list: $rule', async ({ roles, purpose, visible }) => {
    const result = await run([...roles], '{ complaints { number } }', purpose);
    expect(result.errors).toBeUndefined();
    // A null item of a list is no record: it stays (the list's own shape is the resolver's).
    expect(numbers(result.data?.complaints)).toEqual([...visible, null]);
  });

  it.each(VISIBLE)('looked up one by one, a hidden record is null: $rule', async ({ roles, purpose, visible }) => {
    const fields = COMPLAINTS.map(({ number }) => `${number}: complaint(number: "${number}") { number }`).join(' ');
    const result = await run([...roles], `{ ${fields} }`, purpose);
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data!).filter(Boolean).map((c) => (c as { number: string }).number)).toEqual(visible);
  });

  it.each(VISIBLE)('under another record that carries no rule of its own (Person.complaints): $rule', async ({ roles, purpose, visible }) => {
    const result = await run([...roles], '{ people { id complaints { number } } }', purpose);
    expect(result.errors).toBeUndefined();
    expect(result.data?.people).toEqual([{ id: 'P1', complaints: visible.map((number) => ({ number })) }]);
  });

  it.each(VISIBLE)('in a connection, a hidden record\'s edge is dropped: $rule', async ({ roles, purpose, visible }) => {
    const result = await run([...roles], '{ page { edges { node { number } } } }', purpose);
    expect(result.errors).toBeUndefined();
    expect(result.data?.page).toEqual({ edges: visible.map((number) => ({ node: { number } })) });
  });

  it.each(VISIBLE)('in _entities, a hidden entity is null in its place: $rule', async ({ roles, purpose, visible }) => {
    const representations = COMPLAINTS.map(({ number }) => `{ __typename: "Complaint", number: "${number}" }`).join(', ');
    const result = await run([...roles], `{ _entities(representations: [${representations}]) { ... on Complaint { number } } }`, purpose);
    expect(result.errors).toBeUndefined();
    expect(numbers(result.data?._entities)).toEqual(COMPLAINTS.map(({ number }) => ((visible as readonly string[]).includes(number) ? number : null)));
  });

  it.each([
    { rule: 'an officer sees only the adult record', roles: ['OFFICER'], visible: ['Y-ADULT'] },
    { rule: 'a detective sees juvenile records too, sealed or not: this type carries no sealing rule', roles: ['DETECTIVE'], visible: ['Y-ADULT', 'Y-JUVENILE', 'Y-UNKNOWN'] },
    { rule: 'one role of several that needs juvenile records is enough', roles: ['OFFICER', 'DETECTIVE'], visible: ['Y-ADULT', 'Y-JUVENILE', 'Y-UNKNOWN'] },
  ] as const)('a type under the juvenile rule alone: $rule', async ({ roles, visible }) => {
    const result = await run([...roles], '{ youth { id } }');
    expect(result.errors).toBeUndefined();
    expect((result.data?.youth as { id: string }[]).map((y) => y.id)).toEqual(visible);
  });

  it('_entities of several types: each entity judged by its own type\'s rules, in the order asked', async () => {
    const result = await run(['OFFICER'], `{ _entities(representations: [
      { __typename: "Youth", id: "Y-JUVENILE" }, { __typename: "Person", id: "P1" }, { __typename: "Complaint", number: "PLAIN" },
      { __typename: "Youth", id: "Y-ADULT" }, { __typename: "Complaint", number: "JUVENILE" }, { __typename: "Person", id: "NOBODY" }
    ]) { ... on Youth { id } ... on Person { id } ... on Complaint { number } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([null, { id: 'P1' }, { number: 'PLAIN' }, { id: 'Y-ADULT' }, null, null]);
  });

  it('a connection with no edges answers an empty page', async () => {
    connectionEdges = null;
    try {
      const result = await run(['OFFICER'], '{ page { edges { node { number } } } }');
      expect(result.errors).toBeUndefined();
      expect(result.data?.page).toEqual({ edges: [] });
    } finally {
      connectionEdges = COMPLAINTS.map((node) => ({ node }));
    }
  });

  it('an edge reached outside a connection still never shows a hidden record (every path through the subgraph)', async () => {
    const result = await run(['OFFICER'], '{ loose { node { number } } }');
    expect(JSON.stringify(result.data)).not.toMatch(/SEALED|JUVENILE|BOTH|UNKNOWN/);
  });
});

describe('[P5] the subgraph\'s field shield denies by default', () => {
  it('a field the SDL gives no category is refused to anyone (FIELD_NOT_AUTHORIZED)', async () => {
    const result = await run(['DETECTIVE'], '{ unclassified }', UNDER_ORDER);
    expect(result.data?.unclassified ?? null).toBeNull();
    expect(result.errors?.map((e) => [e.extensions.code, e.message])).toEqual([['FIELD_NOT_AUTHORIZED', 'not authorized by policy']]);
  });

  it('a resolver\'s own error reaches the caller with its code, not masked as a policy refusal', async () => {
    const result = await run(['DETECTIVE'], '{ complaint(number: "k-1") { number } }');
    expect(result.errors?.map((e) => [e.extensions.code, e.extensions.argument])).toEqual([['BAD_USER_INPUT', 'number']]);
  });

  it('federation\'s own service field answers the composer without any policy', async () => {
    const result = await run([], '{ _service { sdl } }');
    expect(result.errors).toBeUndefined();
    expect((result.data?._service as { sdl: string }).sdl).toContain('type Complaint');
  });

  it('a subgraph with no entities (so no `_entities`) starts and answers: no rule is written for a field it lacks', async () => {
    const plain = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@composeDirective"])
        @link(url: "https://erms.nypd.example/policy/v1.0", import: ["@policy"]) @composeDirective(name: "@policy")
      directive @policy(category: String!) on OBJECT | INTERFACE | FIELD_DEFINITION
      type Query { version: String @policy(category: "META") }
    `);
    const schema = applyRecordPolicy(buildSubgraphSchema([{ typeDefs: plain, resolvers: { Query: { version: () => 'v1' } } as never }]), plain, 'complaints-arrests');
    expect(schema.getQueryType()?.getFields()._entities).toBeUndefined();
    const policy = policyContext(caller(['OFFICER']), INVESTIGATION);
    expect(await graphql({ schema, source: '{ version }', contextValue: Object.assign(policy, { policy }) })).toEqual({ data: { version: 'v1' } });
  });

  it('a @recordRule the policy does not know is refused when the subgraph starts, naming it', () => {
    const unknown = parse(`
      directive @policy(category: String!) on OBJECT | INTERFACE | FIELD_DEFINITION
      directive @recordRule(name: String!) repeatable on OBJECT
      type Query { a: A @policy(category: "RECORD") }
      type A @policy(category: "RECORD") @recordRule(name: "SEALED") @recordRule(name: "CONFIDENTIAL_INFORMANT") { id: String }
    `);
    expect(() => applyRecordPolicy(buildSubgraphSchema([{ typeDefs: unknown, resolvers: {} as never }]), unknown, 'complaints-arrests'))
      .toThrow('unknown @recordRule "CONFIDENTIAL_INFORMANT" on A');
  });
});
