import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { readPolicyMap } from '../../directives/readPolicyMap';
import type { DeclaredPurpose, Subject } from '../../policy/Subject';
import { PolicyOracle } from './policyOracle';

/** The fuzzer's policy oracle finds a denied field wherever an answer puts it. */
const sdl = readFileSync(path.join(__dirname, '../../schema/supergraph.graphql'), 'utf8');
const oracle = new PolicyOracle(Supergraph.build(sdl).apiSchema().toGraphQLJSSchema(), readPolicyMap(sdl));

const subject = (id: string, roles: Subject['roles'], trainings: string[]): Subject => ({
  id, kind: 'USER', displayName: id, roles, command: '075 PCT', assignment: 'X', agency: { name: 'NYPD', ori: 'NY0303000' },
  currentTrainings: trainings, remote: false, mfa: false,
});
// [P14] a partner under its agreement (the DA's: arrests and warrants, for prosecution).
const PARTNER: Subject = {
  ...subject('partner-da', ['PARTNER'], ['ERMS-INTERNAL-RECORDS']),
  agreement: { number: 'DA-KINGS-2026-01', systems: ['complaints-arrests', 'warrants'], categories: ['RECORD', 'IDENTIFYING'], purposes: ['PROSECUTION'] },
};
const IAB = subject('iab', ['IAB'], ['ERMS-INTERNAL-RECORDS', 'ERMS-OUTSIDE-AGENCY-RECORDS']);
const purpose = (code: DeclaredPurpose['code']): DeclaredPurpose => ({ code, caseNumber: '2025-075-000123', justification: 'Robbery pattern in the 75 precinct' });

describe('PolicyOracle', () => {
  const query = 'query Q($id: ID!) { who: person(id: $id) { id ...P } } fragment P on Person { born: placeOfBirth fullName }';
  const data = { who: { id: 'P00000001', born: 'SANTO DOMINGO', fullName: 'JON SMYTH' } };

  it('[P15] finds immigration status returned to a partner agency, under an alias in a fragment', async () => {
    expect(await oracle.deniedButReturned(PARTNER, purpose('PROSECUTION'), { query, variables: { id: 'P00000001' } }, data)).toEqual(['Person.placeOfBirth']);
  });

  it('finds nothing when those fields came back null', async () => {
    const nulled = { who: { id: 'P00000001', born: null, fullName: 'JON SMYTH' } };
    expect(await oracle.deniedButReturned(PARTNER, purpose('PROSECUTION'), { query, variables: { id: 'P00000001' } }, nulled)).toEqual([]);
  });

  it('finds nothing for a caller the policy lets see them', async () => {
    expect(await oracle.deniedButReturned(IAB, purpose('AUDIT'), { query, variables: { id: 'P00000001' } }, data)).toEqual([]);
  });

  it('[P5] finds every record field returned without a declared purpose', async () => {
    expect((await oracle.deniedButReturned(IAB, null, { query, variables: { id: 'P00000001' } }, data)).sort()).toEqual(
      ['Person.fullName', 'Person.id', 'Person.placeOfBirth', 'Query.person'],
    );
  });
});
