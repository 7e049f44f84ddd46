import type { SubgraphCallContext } from '../../platform/identity/subgraphContextToken';
import { startTestStack, type TestStack } from '../harness/startTestStack';

/**
 * [P7] Filters that filter nothing must not defeat the protected-characteristics guard. Found by
 * an attacker: race, sex and an age range are refused, but the same search plus `name: ""`,
 * `identifyingMark: ""`, `heightMinInches: 0` or `weightMinPounds: 0` ran and returned the same
 * people. The guard now counts criteria that narrow the search, at the gateway and again in the
 * subgraph that runs it.
 */
const INVESTIGATION = { code: 'CRIMINAL_INVESTIGATION', justification: 'Robbery suspect description, 75 precinct' };
const PROTECTED = 'race: "BLACK", sex: M, ageMin: 18, ageMax: 25';
const search = (extra: string) => `{ searchByDescription(description: { ${PROTECTED}${extra ? `, ${extra}` : ''} }) { totalCount edges { node { id } } } }`;

const PADDED: [string, string, string][] = [
  ['a blank name', 'name: ""', 'BAD_USER_INPUT'],
  ['a blank identifying mark', 'identifyingMark: ""', 'BAD_USER_INPUT'],
  ['a whitespace identifying mark', 'identifyingMark: "   "', 'BAD_USER_INPUT'],
  ['a zero minimum height', 'heightMinInches: 0', 'PROTECTED_CHARACTERISTICS_ONLY'],
  ['a zero minimum weight', 'weightMinPounds: 0', 'PROTECTED_CHARACTERISTICS_ONLY'],
  ['a wildcard identifying mark', 'identifyingMark: "%"', 'PROTECTED_CHARACTERISTICS_ONLY'],
  ['a wildcard name', 'name: "*"', 'PROTECTED_CHARACTERISTICS_ONLY'],
  ['a minimum height of one inch', 'heightMinInches: 1', 'PROTECTED_CHARACTERISTICS_ONLY'],
  ['a maximum weight of 9,999 pounds', 'weightMaxPounds: 9999', 'PROTECTED_CHARACTERISTICS_ONLY'],
  ['every empty filter at once', 'heightMinInches: 0, weightMinPounds: 0, identifyingMark: "%_%"', 'PROTECTED_CHARACTERISTICS_ONLY'],
];

describe('[P7] criteria that narrow nothing do not count', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 180_000);
  afterAll(() => stack?.close());

  it.each(PADDED)('protected characteristics padded with %s are refused at the gateway', async (_padding, extra, code) => {
    const answer = await stack.queryAs('detective', INVESTIGATION, search(extra));
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    expect(answer.status).toBe(400);
  });

  it('the same description with a real height bound runs (lawful work is not refused)', async () => {
    const answer = await stack.queryAs('detective', INVESTIGATION, search('heightMinInches: 70'));
    expect(answer.errors).toBeUndefined();
  });

  it('the same description with a real identifying mark runs (lawful work is not refused)', async () => {
    const answer = await stack.queryAs('detective', INVESTIGATION, search('identifyingMark: "TATTOO"'));
    expect(answer.errors).toBeUndefined();
    expect(answer.data.searchByDescription.totalCount).toEqual(expect.any(Number));
  });

  it('the padding arrives in variables just the same', async () => {
    const answer = await stack.queryAs('detective', INVESTIGATION, 'query($d: PersonDescription!) { searchByDescription(description: $d) { totalCount } }', {
      d: { race: 'BLACK', sex: 'M', weightMinPounds: 0, heightMinInches: 0 },
    });
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['PROTECTED_CHARACTERISTICS_ONLY']);
  });

  it.each([[[null]], [[1, 'x']], ['text'], [[{ race: 'BLACK' }, null]]])('a description that is no object (%j) is refused as bad input, never a 500', async (d) => {
    const answer = await stack.queryAs('detective', INVESTIGATION, 'query($d: PersonDescription!) { searchByDescription(description: $d) { totalCount } }', { d });
    expect(answer.status).toBe(400);
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual([expect.stringMatching(/BAD_USER_INPUT|PROTECTED_CHARACTERISTICS_ONLY/)]);
  });

  describe('the subgraph checks it again, whatever reaches it (defence in depth)', () => {
    const DETECTIVE: SubgraphCallContext = {
      requestId: 'pc-attack',
      subject: { id: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 DET SQUAD', assignment: 'DETECTIVE SQUAD', agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: ['ERMS-INTERNAL-RECORDS'] },
      purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123' },
    };
    it.each(PADDED)('padded with %s', async (_padding, extra, code) => {
      const answer = await stack.subgraphs['complaints-arrests'].queryAs(DETECTIVE, search(extra));
      expect(answer.data?.searchByDescription ?? null).toBeNull();
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    });
    it('and runs a description with a real criterion', async () => {
      const answer = await stack.subgraphs['complaints-arrests'].queryAs(DETECTIVE, search('identifyingMark: "TATTOO"'));
      expect(answer.errors).toBeUndefined();
    });
  });
});
