import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import type { PolicyDenial } from '../../policy/PolicyDenial';
import { policyContext, type Subject } from '../../policy/Subject';
import type { DeclaredException } from '../../policy/statutoryExceptions';
import { applyRecordPolicy } from '../recordPolicy';

/**
 * The subgraph's own record filter [P12], alone: resolvers that return sealed records
 * unfiltered, so only the filter can hide them, in lists, single lookups, connections and
 * `_entities` (which graphql-shield's field rules never see).
 */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
    @link(url: "https://erms.nypd.example/policy/v1.0", import: ["@policy"]) @composeDirective(name: "@policy")
  directive @policy(category: String!) on OBJECT | INTERFACE | FIELD_DEFINITION
  directive @recordRule(name: String!) repeatable on OBJECT
  type Query {
    arrests: [Arrest!]! @policy(category: "RECORD")
    arrest(number: String!): Arrest @policy(category: "RECORD")
    page: ArrestConnection! @policy(category: "RECORD")
  }
  type Arrest @key(fields: "number") @policy(category: "RECORD") @recordRule(name: "SEALED") { number: String! sealed: Boolean! }
  type ArrestConnection @policy(category: "META") { edges: [ArrestEdge!]! }
  type ArrestEdge @policy(category: "META") { node: Arrest! }
`);
const ARRESTS = [{ number: 'K1', sealed: false }, { number: 'K2', sealed: true }];
// Built in each test, not when the suite loads: Stryker runs a mutant against the tests that reached
// it, and a schema built at load reaches its wiring outside any test (docs/mutation.md).
const policedSchema = () => applyRecordPolicy(
  buildSubgraphSchema([{
    typeDefs,
    resolvers: {
      Query: {
        arrests: () => ARRESTS,
        arrest: (_: unknown, { number }: { number: string }) => ARRESTS.find((a) => a.number === number),
        page: () => ({ edges: ARRESTS.map((node) => ({ node })) }),
      },
      Arrest: { __resolveReference: ({ number }: { number: string }) => ARRESTS.find((a) => a.number === number) },
    } as never,
  }]),
  typeDefs,
  'complaints-arrests',
);

const detective: Subject = {
  id: 'detective', kind: 'USER', displayName: 'D', roles: ['DETECTIVE'], command: '075 DET SQUAD', assignment: 'DETECTIVE SQUAD',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: ['ERMS-INTERNAL-RECORDS'], remote: false, mfa: false,
};
const run = async (purpose: 'CRIMINAL_INVESTIGATION' | 'PROSECUTION', source: string, caller: Subject = detective, exception?: DeclaredException) => {
  const policy = policyContext(caller, { code: purpose, caseNumber: 'C-1', justification: 'testing the record filter', ...(exception ? { exception } : {}) });
  return graphql({ schema: policedSchema(), source, contextValue: Object.assign(policy, { policy }) });
};
const QUERY = `{ arrests { number } arrest(number: "K2") { number } page { edges { node { number } } }
  _entities(representations: [{ __typename: "Arrest", number: "K2" }, { __typename: "Arrest", number: "K1" }]) { ... on Arrest { number } } }`;

describe('applyRecordPolicy', () => {
  it('hides a sealed record from an investigation everywhere it can be reached, _entities included', async () => {
    const result = await run('CRIMINAL_INVESTIGATION', QUERY);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      arrests: [{ number: 'K1' }],
      arrest: null,
      page: { edges: [{ node: { number: 'K1' } }] },
      _entities: [null, { number: 'K1' }],
    });
  });

  it('[P12] shows it under a statutory exception that covers the caller, never for a purpose alone', async () => {
    // A prosecutor's office under an agreement that grants arrests for prosecution [P14]: the
    // field rules let it read, so only the sealing rule stands between it and the sealed arrest.
    const partner: Subject = {
      ...detective, id: 'partner', roles: ['PARTNER'],
      agreement: { number: 'DA-TEST', systems: ['complaints-arrests'], categories: ['META', 'RECORD', 'IDENTIFYING'], purposes: ['PROSECUTION'] },
    };
    const byPurpose = await run('PROSECUTION', QUERY, partner);
    expect(byPurpose.data?.arrest).toBeNull();
    const notCovered = await run('CRIMINAL_INVESTIGATION', QUERY, detective, { code: 'CPL_160_50_1_D_I', reference: 'CR-012345-24KN' });
    expect(notCovered.data?.arrest).toBeNull();
    const result = await run('CRIMINAL_INVESTIGATION', QUERY, detective, { code: 'CPL_160_50_1_D_II', reference: 'ORDER-2026-0042' });
    expect(result.data).toEqual({
      arrests: [{ number: 'K1' }, { number: 'K2' }],
      arrest: { number: 'K2' },
      page: { edges: [{ node: { number: 'K1' } }, { node: { number: 'K2' } }] },
      _entities: [{ number: 'K2' }, { number: 'K1' }],
    });
  });

  /** [P8] training before a system is used: the subgraph refuses its own fields as the gateway does. */
  it.each([
    { rule: 'trained for this system: records answered', trainings: ['ERMS-INTERNAL-RECORDS'], answered: true },
    { rule: 'trained for another system only: refused', trainings: ['ERMS-OUTSIDE-AGENCY-RECORDS'], answered: false },
    { rule: 'no current training: refused', trainings: [], answered: false },
  ])('$rule', async ({ trainings, answered }) => {
    const result = await run('CRIMINAL_INVESTIGATION', '{ arrests { number } }', { ...detective, currentTrainings: trainings });
    if (answered) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.arrests).toEqual([{ number: 'K1' }]);
    } else {
      expect(result.data?.arrests ?? null).toBeNull();
      // serveSubgraph's formatError turns a PolicyDenial into FIELD_NOT_AUTHORIZED.
      expect(result.errors?.map((e) => [(e.originalError as PolicyDenial).reason, e.message])).toEqual([['MISSING_TRAINING', expect.stringContaining('ERMS-INTERNAL-RECORDS')]]);
    }
  });

  it('serves an entity key on its category alone (the gateway checks training for every system that serves it)', async () => {
    const result = await run('CRIMINAL_INVESTIGATION', '{ _entities(representations: [{ __typename: "Arrest", number: "K1" }]) { ... on Arrest { number } } }', { ...detective, currentTrainings: [] });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ number: 'K1' }]);
  });
});
