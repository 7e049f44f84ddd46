import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { publicationSchema, validateOperation } from '../validateOperation';

/** [P14] publication: an operation reaching outside its agreement is refused then, naming the field. */
const supergraphSdl = readFileSync(path.join(__dirname, '../../../../schema/supergraph.graphql'), 'utf8');
const schema = publicationSchema(supergraphSdl);
const DA = { number: 'DA-1', systems: ['complaints-arrests', 'warrants'], categories: ['RECORD', 'IDENTIFYING'] as const, purposes: ['PROSECUTION'] as const };
const NEIGHBOUR = { number: 'PD-1', systems: ['warrants'], categories: ['RECORD'] as const, purposes: ['CRIMINAL_INVESTIGATION'] as const };
const agreement = (a: typeof DA | typeof NEIGHBOUR) => ({ ...a, categories: [...a.categories], purposes: [...a.purposes] });

describe('validateOperation', () => {
  it.each([
    ['the DA: an arrest with its person and their warrants', DA, 'query A($n: String!) { arrest(number: $n) { number person { fullName warrants { number } } } }', null],
    ['the neighbour: warrants with their court', NEIGHBOUR, 'query W { warrants(first: 5) { edges { node { number issuingCourt { name } } } pageInfo { hasNextPage } } }', null],
    ['the neighbour: arrests', NEIGHBOUR, 'query A { arrests(first: 5) { edges { node { number } } } }', /Query\.arrests is outside agreement PD-1/],
    ['the neighbour: a warrant subject\'s name (IDENTIFYING not granted)', NEIGHBOUR, 'query W { warrants(first: 1) { edges { node { subjectNameAsRecorded } } } }', /Warrant\.subjectNameAsRecorded is outside agreement PD-1/],
    ['the DA: 911 calls through a nested entity', DA, 'query C($n: String!) { arrest(number: $n) { person { calls911 { id } } } }', /Person\.calls911 is outside agreement DA-1/],
    ['the DA: place of birth, in a fragment [P15]', DA, 'query B($n: String!) { arrest(number: $n) { person { ...Born } } } fragment Born on Person { placeOfBirth }', /Person\.placeOfBirth is outside agreement DA-1/],
    ['the DA: the audit trail', DA, 'query T { auditEvents(first: 1) { totalCount } }', /outside agreement DA-1/],
    ['an anonymous operation', DA, '{ arrests(first: 1) { totalCount } }', /needs a name/],
    ['two operations in one file', DA, 'query A { arrests(first: 1) { totalCount } } query B { arrests(first: 2) { totalCount } }', /holds 2 operations/],
    ['fields the supergraph does not have, each named', DA, 'query A { arrests(first: 1) { nope nada } }', 'not valid against the supergraph: Cannot query field "nope" on type "ArrestConnection".; Cannot query field "nada" on type "ArrestConnection".'],
    ['text that does not parse', DA, 'query A {', /does not parse/],
    ['a fragment without an operation', DA, 'fragment F on Arrest { number }', /holds 0 operations/],
    ['the neighbour: __typename, at the root and inside, is no data', NEIGHBOUR, 'query W { __typename warrants(first: 1) { __typename edges { node { __typename number } } } }', null],
  ])('%s', (_case, terms, text, problem) => {
    const checked = validateOperation(text, schema, agreement(terms));
    if (problem === null) expect(checked).toMatchObject({ ok: true });
    else expect(checked.ok ? null : checked.problem).toMatch(problem);
  });

  it('a field the policy map does not know is refused for an agreement: no category, no grant (fail closed)', () => {
    const policyMap = new Map(schema.policyMap);
    policyMap.delete('Warrant.number');
    const checked = validateOperation('query W { warrants(first: 1) { edges { node { number } } } }', { ...schema, policyMap }, agreement(NEIGHBOUR));
    expect(checked).toEqual({ ok: false, problem: 'Warrant.number has no policy category: no agreement grants it' });
  });

  it('a published operation names the supergraph it was checked against by the SHA-256 of its SDL', () => {
    expect(schema.sha256).toBe(createHash('sha256').update(supergraphSdl).digest('hex'));
  });

  it('checks against the API schema: the supergraph\'s join directives are not a client\'s to query', () => {
    expect(schema.api.getDirective('join__field')).toBeUndefined();
    expect(schema.policyMap.get('Query.arrests')?.category).toBe('RECORD');
  });
});
