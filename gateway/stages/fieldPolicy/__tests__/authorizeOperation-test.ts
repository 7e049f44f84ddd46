import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { parse, print } from 'graphql';
import { readPolicyMap } from '../../../../directives/readPolicyMap';
import { policyContext, type AgreementScope, type DeclaredPurpose, type Subject } from '../../../../policy/Subject';
import { authorizeOperation } from '../authorizeOperation';
import { FieldDecisions } from '../fieldDecisions';

/**
 * Field policy as a function [P5, P8, P16], on the real supergraph and its `@policy` map, with
 * no server: what is removed, why, and what the planner would get.
 */
const sdl = readFileSync(path.join(__dirname, '../../../../schema/supergraph.graphql'), 'utf8');
const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const policyMap = readPolicyMap(sdl);

const subject = (roles: Subject['roles'], trainings: string[] = ['ERMS-INTERNAL-RECORDS', 'ERMS-OUTSIDE-AGENCY-RECORDS']): Subject => ({
  id: 'u', kind: 'USER', displayName: 'u', roles, command: '075 PCT', assignment: 'X', agency: { name: 'NYPD', ori: 'NY0303000' },
  currentTrainings: trainings, remote: false, mfa: false,
});
const purpose = (code: DeclaredPurpose['code']): DeclaredPurpose => ({ code, caseNumber: '2025-075-000123', justification: 'Robbery pattern in the 75 precinct' });
const authorize = (roles: Subject['roles'], declared: DeclaredPurpose | null, query: string, variables: Record<string, unknown> = {}) =>
  authorizeOperation({
    schema, policyMap, document: parse(query), operationName: null, variables,
    policy: policyContext(subject(roles), declared), missingPurposeHeaders: ['X-Purpose', 'X-Case-Number', 'X-Justification'],
  });

describe('authorizeOperation', () => {
  const personQuery = 'query { person(id: "P00000001") { id fullName immigrationStatus: placeOfBirth } }';

  it('[P5] refuses record data without a declared purpose, naming the headers to send', async () => {
    await expect(authorize(['DETECTIVE'], null, personQuery)).rejects.toMatchObject({
      extensions: { code: 'PURPOSE_REQUIRED', missing: ['X-Purpose', 'X-Case-Number', 'X-Justification'] },
    });
  });

  it('keeps the document untouched when every field is allowed (the planner reuses its plan)', async () => {
    const query = 'query { person(id: "P00000001") { id fullName } }';
    const result = await authorize(['DETECTIVE'], purpose('CRIMINAL_INVESTIGATION'), query);
    expect(result.removed.size).toBe(0);
    expect(result.nothingLeft).toBe(false);
    expect(print(result.document)).toBe(print(parse(query)));
    expect(result.requested.map((f) => f.coordinate)).toEqual(['Query.person', 'Person.id', 'Person.fullName']);
    // [P4] nothing to flag: no image was asked.
    expect(result.flags).toEqual([]);
  });

  it('[P16] removes a field the role may not see, under its alias, and says why', async () => {
    const result = await authorize(['OFFICER'], purpose('CRIMINAL_INVESTIGATION'), personQuery);
    const removed = [...result.removed.values()].map((r) => [r.coordinate, r.denial.reason]);
    expect(removed).toEqual([['Person.placeOfBirth', expect.any(String)]]);
    expect(print(result.document)).not.toContain('placeOfBirth');
    expect(print(result.document)).toContain('fullName');
  });

  it('answers without planning when nothing a subgraph could give is left', async () => {
    const result = await authorize(['OFFICER'], purpose('CRIMINAL_INVESTIGATION'), 'query { auditEvents { edges { cursor } } }');
    expect(result.nothingLeft).toBe(true);
    const partly = await authorize(['OFFICER'], purpose('CRIMINAL_INVESTIGATION'), 'query { person(id: "P00000001") { placeOfBirth } }');
    expect(partly.nothingLeft).toBe(false);
  });

  it.each([
    ['a root fragment with a field left still asks', 'query { ...Q } fragment Q on Query { person(id: "P00000001") { placeOfBirth } }', false],
    ['each spread is read through its own fragment, not the first one defined', 'query { ...T ...Q } fragment T on Query { __typename } fragment Q on Query { person(id: "P00000001") { placeOfBirth } }', false],
    ['a root fragment whose every field is denied, spread twice, leaves nothing', 'query { ...Q ...Q } fragment Q on Query { auditEvents { edges { cursor } } }', true],
  ])('what is left is read through fragments: %s', async (_rule, query, nothingLeft) => {
    const result = await authorize(['OFFICER'], purpose('CRIMINAL_INVESTIGATION'), query);
    expect(result.removed.size).toBeGreaterThan(0);
    expect(result.nothingLeft).toBe(nothingLeft);
  });

  it('[P4] flags a still image allowed as a declared facial-recognition probe, and only then', async () => {
    const photo = 'query { arrest(number: "K1") { photo { mediaType } } }';
    const probe = await authorize(['DETECTIVE'], purpose('FACIAL_RECOGNITION_PROBE'), photo);
    const investigation = await authorize(['DETECTIVE'], purpose('CRIMINAL_INVESTIGATION'), photo);
    expect(probe.flags).toEqual(['FACIAL_RECOGNITION_PROBE']);
    expect(probe.removed.size).toBe(0);
    expect(investigation.flags).toEqual([]);
    expect([...investigation.removed.values()].map((r) => r.coordinate)).toContain('Arrest.photo');
  });

  it('[P4] flags the probe even when another field of the operation is removed', async () => {
    const result = await authorize(['DETECTIVE'], purpose('FACIAL_RECOGNITION_PROBE'), 'query { arrest(number: "K1") { photo { mediaType } person { placeOfBirth } } }');
    expect([...result.removed.values()].map((r) => r.coordinate)).toEqual(['Person.placeOfBirth']);
    expect(result.flags).toEqual(['FACIAL_RECOGNITION_PROBE']);
  });

  it.each([
    ['the schema\'s own description (introspection)', 'query { __schema { queryType { name } } }'],
    ['__typename', 'query { __typename }'],
  ])('[P5] %s is no record data: no purpose asked, no field to decide', async (_what, query) => {
    const result = await authorize(['VENDOR'], null, query);
    expect(result.requested).toEqual([]);
    expect(result.removed.size).toBe(0);
    expect(result.nothingLeft).toBe(false);
  });

  it('judges what is left of the operation named, among several in the document', async () => {
    const document = parse('query Denied { person(id: "P00000001") { placeOfBirth } } query Partly { person(id: "P00000001") { fullName placeOfBirth } }');
    const result = await authorizeOperation({
      schema, policyMap, document, operationName: 'Partly', variables: {},
      policy: policyContext(subject(['OFFICER']), purpose('CRIMINAL_INVESTIGATION')), missingPurposeHeaders: [],
    });
    expect(result.removed.size).toBe(2);
    expect(result.nothingLeft).toBe(false);
  });

  it('[P14] two partners under different agreements never share a field decision', async () => {
    const partner = (agreement: AgreementScope): Subject => ({ ...subject(['PARTNER']), kind: 'CLIENT', agreement });
    const terms = { systems: ['complaints-arrests'], purposes: ['PROSECUTION'] as const };
    const wide: AgreementScope = { number: 'AGR-1', categories: ['RECORD', 'IDENTIFYING'], ...terms, purposes: [...terms.purposes] };
    const narrow: AgreementScope = { number: 'AGR-2', categories: ['RECORD'], ...terms, purposes: [...terms.purposes] };
    const decisions = new FieldDecisions();
    const asPartner = (agreement: AgreementScope) => authorizeOperation({
      schema, policyMap, document: parse('query { arrest(number: "K1") { number nysid } }'), operationName: null, variables: {},
      policy: policyContext(partner(agreement), purpose('PROSECUTION')), missingPurposeHeaders: [],
    }, decisions);
    expect((await asPartner(wide)).removed.size).toBe(0);
    const refused = await asPartner(narrow);
    expect([...refused.removed.values()].map((r) => [r.coordinate, r.denial.reason])).toEqual([['Arrest.nysid', 'AGREEMENT_SCOPE']]);
  });

  it('[P8] a caller who lacks a training never reuses the decisions of one who has it', async () => {
    const decisions = new FieldDecisions();
    const query = 'query { person(id: "P00000001") { warrants { number } } }';
    const as = (trainings: string[]) => authorizeOperation({
      schema, policyMap, document: parse(query), operationName: null, variables: {},
      policy: policyContext(subject(['DETECTIVE'], trainings), purpose('CRIMINAL_INVESTIGATION')), missingPurposeHeaders: [],
    }, decisions);
    expect((await as(['ERMS-INTERNAL-RECORDS', 'ERMS-OUTSIDE-AGENCY-RECORDS'])).removed.size).toBe(0);
    expect([...(await as(['ERMS-INTERNAL-RECORDS'])).removed.values()].map((r) => r.denial.reason)).toContain('MISSING_TRAINING');
    // The same caller again: the same decisions.
    expect((await as(['ERMS-OUTSIDE-AGENCY-RECORDS', 'ERMS-INTERNAL-RECORDS'])).removed.size).toBe(0);
  });

  it('[P5] denies a field no policy rule covers (deny by default)', async () => {
    const noRule = new Map(policyMap);
    noRule.delete('Person.fullName');
    const result = await authorizeOperation({
      schema, policyMap: noRule, document: parse('query { person(id: "P00000001") { id fullName } }'), operationName: null, variables: {},
      policy: policyContext(subject(['IAB']), purpose('AUDIT')), missingPurposeHeaders: [],
    });
    expect([...result.removed.values()].map((r) => [r.coordinate, r.denial.reason])).toEqual([['Person.fullName', 'NO_RULE']]);
  });
});
