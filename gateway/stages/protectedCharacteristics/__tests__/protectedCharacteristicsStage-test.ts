import { buildSchema, parse } from 'graphql';
import type { OperationState } from '../../Stage';
import { protectedCharacteristicsStage } from '../protectedCharacteristicsStage';

/**
 * [P7] No police action because of protected characteristics: the gateway's stage alone, on a
 * schema of its own. A search whose only narrowing criteria are marked protected is refused, at
 * any depth of its input; any other criterion that narrows suffices; paging is no criterion.
 */
const schema = buildSchema(`
  type Query {
    searchPersons(description: PersonDescription, name: String, first: Int, after: String): [Person]
    searchMany(descriptions: [PersonDescription], first: Int): [Person]
    searchBackwards(description: PersonDescription, last: Int, before: String): [Person]
    byRace(race: String, limit: Int): [Person]
    person(id: ID!): Person
    ping: Boolean
    searchNotes(filter: NoteFilter): [Person]
    searchOuter(outer: Outer): [Person]
  }
  input NoteFilter { note: String, next: NoteFilter }
  input Outer { note: String, inner: Inner }
  input Inner { ethnicity: String }
  input PersonDescription { race: String, sex: String, ageMin: Int, heightMinInches: Int, weightMaxPounds: Int, marks: String, nested: Nested }
  input Nested { religion: String, vehicle: String, again: PersonDescription }
  type Person { id: ID! }
`);
const MARKED = new Set([
  'PersonDescription.race', 'PersonDescription.sex', 'PersonDescription.ageMin', 'Nested.religion', 'Query.byRace(race:)', 'Inner.ethnicity',
]);

async function run(source: string, variables: Record<string, unknown> = {}) {
  let refusals = 0;
  const stage = protectedCharacteristicsStage({ marked: MARKED, refused: () => refusals++ });
  const document = parse(source);
  try {
    // The stage reads only the schema, the operation as sent and its variables.
    await stage.onOperation!({ schema, original: document, document, variables } as unknown as OperationState);
    return { code: null, refusals };
  } catch (error) {
    const { code, ...details } = (error as { extensions: Record<string, unknown> }).extensions;
    return { code, details, refusals, message: (error as Error).message };
  }
}

describe('[P7] protected characteristics alone never describe a person', () => {
  it.each([
    { rule: 'race and sex alone: refused', query: '{ searchPersons(description: { race: "B", sex: "M" }) { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'race and sex with an identifying mark: allowed', query: '{ searchPersons(description: { race: "B", sex: "M", marks: "tattoo" }) { id } }', code: null },
    { rule: 'race with a name beside the description: allowed', query: '{ searchPersons(description: { race: "B" }, name: "Ana") { id } }', code: null },
    { rule: 'age alone: refused', query: '{ searchPersons(description: { ageMin: 30 }) { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'paging is no criterion: race with first and after is refused', query: '{ searchPersons(description: { race: "B" }, first: 10, after: "c") { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'paging backwards is no criterion either: race with last and before is refused', query: '{ searchBackwards(description: { race: "B" }, last: 10, before: "c") { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'a protected criterion as a direct argument: refused', query: '{ byRace(race: "W", limit: 5) { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'a protected criterion in a nested input: refused', query: '{ searchPersons(description: { nested: { religion: "X" } }) { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'a nested criterion that narrows suffices', query: '{ searchPersons(description: { race: "B", nested: { vehicle: "red van" } }) { id } }', code: null },
    { rule: 'a recursive input is read at every depth', query: '{ searchPersons(description: { nested: { again: { sex: "F" } } }) { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'a list of descriptions, protected only: refused', query: '{ searchMany(descriptions: [{ race: "B" }, { sex: "M" }]) { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'a list with one narrowing description: allowed', query: '{ searchMany(descriptions: [{ race: "B" }, { marks: "scar" }]) { id } }', code: null },
    { rule: 'a wildcard is no criterion: race with marks "%" is refused', query: '{ searchPersons(description: { race: "B", marks: "%" }) { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'a bound at the end of its range is no criterion', query: '{ searchPersons(description: { race: "B", heightMinInches: 1 }) { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'a bound inside its range narrows', query: '{ searchPersons(description: { race: "B", heightMinInches: 70 }) { id } }', code: null },
    { rule: 'a weight at the end of its range is no criterion', query: '{ searchPersons(description: { sex: "M", weightMaxPounds: 9999 }) { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'a search with no criterion at all is not this rule\'s to refuse', query: '{ searchPersons(first: 5) { id } }', code: null },
    { rule: 'a lookup by id is no search', query: '{ person(id: "P1") { id } }', code: null },
    { rule: 'a field without arguments', query: '{ ping }', code: null },
    { rule: 'a blank criterion in a search with protected ones is bad input', query: '{ searchPersons(description: { race: "B", marks: "  " }) { id } }', code: 'BAD_USER_INPUT' },
    { rule: 'a null item in a list is skipped', query: '{ searchMany(descriptions: [null, { race: "B" }]) { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
  ])('$rule', async ({ query, code }) => {
    expect((await run(query)).code).toBe(code);
  });

  it('reads variables as the values they stand for', async () => {
    const query = 'query($d: PersonDescription) { searchPersons(description: $d) { id } }';
    expect((await run(query, { d: { race: 'B', sex: 'F' } })).code).toBe('PROTECTED_CHARACTERISTICS_ONLY');
    expect((await run(query, { d: { race: 'B', marks: 'scar' } })).code).toBe(null);
  });

  it('the refusal names the field and the protected criteria given, and is counted', async () => {
    const result = await run('{ searchPersons(description: { race: "B", sex: "M" }) { id } }');
    expect(result).toMatchObject({ refusals: 1, details: { field: 'Query.searchPersons', protected: ['race', 'sex'] } });
    expect(result.message).toMatch(/^Query\.searchPersons: race, sex alone never describe a person/);
  });

  it('a blank criterion is named, and not counted as a protected-characteristics refusal', async () => {
    const result = await run('{ searchPersons(description: { race: "B", marks: "" }) { id } }');
    expect(result).toMatchObject({ refusals: 0, details: { field: 'Query.searchPersons', blank: ['marks'] } });
    expect(result.message).toMatch(/marks is blank; leave a criterion out/);
  });

  it('every blank criterion is named, in the message and in the details', async () => {
    const result = await run('{ searchPersons(description: { race: "B", marks: "", nested: { vehicle: " " } }) { id } }');
    expect(result).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'Query.searchPersons', blank: ['marks', 'vehicle'] } });
    expect(result.message).toBe('Query.searchPersons: marks, vehicle is blank; leave a criterion out rather than send it empty');
  });

  it('a blank criterion in a search with no protected criterion is not this rule\'s to refuse', async () => {
    expect((await run('{ person(id: " ") { id } }')).code).toBe(null);
  });

  it.each([
    { rule: 'a protected criterion two inputs deep makes a search one on protected characteristics: a blank criterion beside it is bad input', query: '{ searchOuter(outer: { note: " " }) { id } }', code: 'BAD_USER_INPUT' },
    { rule: 'and given alone, two inputs deep, it is refused', query: '{ searchOuter(outer: { inner: { ethnicity: "X" } }) { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'a recursive input with no protected criterion at any depth: a blank criterion is not this rule\'s to refuse', query: '{ searchNotes(filter: { note: "", next: { note: "x" } }) { id } }', code: null },
    { rule: 'a criterion sent as null is no criterion', query: '{ searchPersons(description: { race: "B" }, name: null) { id } }', code: 'PROTECTED_CHARACTERISTICS_ONLY' },
    { rule: 'a description sent as null is none', query: '{ searchPersons(description: null, name: "Ana") { id } }', code: null },
  ])('$rule', async ({ query, code }) => {
    expect((await run(query)).code).toBe(code);
  });

  it('a description list item that is no description (validation refuses it later) counts for nothing', async () => {
    const query = 'query($d: [PersonDescription]) { searchMany(descriptions: $d) { id } }';
    expect((await run(query, { d: ['tattoo', 7, { race: 'B' }] })).code).toBe('PROTECTED_CHARACTERISTICS_ONLY');
  });

  it('each search of one operation is judged alone', async () => {
    expect((await run('{ a: searchPersons(name: "Ana") { id } b: byRace(race: "W") { id } }')).code).toBe('PROTECTED_CHARACTERISTICS_ONLY');
  });
});
