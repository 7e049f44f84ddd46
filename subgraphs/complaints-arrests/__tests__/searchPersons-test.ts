import { backends } from '../../../test/harness/testDatabase';
import { startTestSubgraph, TEST_WORLD, type TestSubgraph } from '../../../test/harness/startTestSubgraph';
import { NICKNAMES } from '../../../synthetic/names';
import { fullName, personAt, type SyntheticPerson } from '../../../synthetic/world';
import { normalizeName } from '../normalizeName';

/** The master person index's fuzzy search: what an officer types is rarely what the index holds. */

const SEARCH = `query Search($name: String!, $dateOfBirth: Date, $first: Int, $after: String) {
  searchPersons(name: $name, dateOfBirth: $dateOfBirth, first: $first, after: $after) {
    totalCount
    edges { cursor score matchedName matchedKind node { id fullName dateOfBirth } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

interface Edge {
  cursor: string;
  score: number;
  matchedName: string;
  matchedKind: 'PRIMARY' | 'ALIAS' | 'VARIANT';
  node: { id: string; fullName: string; dateOfBirth: string };
}
interface SearchResult {
  searchPersons: { totalCount: number; edges: Edge[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null } };
}

const persons = Array.from({ length: TEST_WORLD.persons }, (_, i) => personAt(TEST_WORLD, i));
const find = (description: string, test: (p: SyntheticPerson) => boolean) => {
  const person = persons.find(test);
  if (!person) throw new Error(`the test world has no person with ${description}`);
  return person;
};

/** One clerk's slip in each name: a letter dropped from the first, two swapped in the last ("JON SMTIH"). */
function misspelled(person: SyntheticPerson): string {
  const first = person.firstName.slice(0, 2) + person.firstName.slice(3);
  const last = person.lastName;
  return `${first} ${last.slice(0, 2)}${last[3]}${last[2]}${last.slice(4)}`;
}

describe.each(backends())('searchPersons (%s)', (backend) => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph('complaints-arrests', backend);
  }, 180_000);
  afterAll(() => subgraph?.close());

  const search = async (variables: Record<string, unknown>) => {
    const response = await subgraph.query<SearchResult>(SEARCH, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.searchPersons;
  };

  it('finds a person by a spelling variant on file, as an exact match of that variant', async () => {
    const person = find('a spelling variant', (p) =>
      p.spellingVariants.some((v) => normalizeName(v) !== normalizeName(fullName(p)) && !/ .* /.test(v)));
    const variant = person.spellingVariants.find((v) => normalizeName(v) !== normalizeName(fullName(person)))!;
    const result = await search({ name: variant.toLowerCase(), first: 50 });
    const edge = result.edges.find((e) => e.node.id === person.id);
    expect(edge).toMatchObject({ score: 1, matchedKind: 'VARIANT', matchedName: variant });
  });

  it('finds a person through a typo in each name ("JON SMTIH" for "JOHN SMITH")', async () => {
    const person = find('long enough names', (p) => p.firstName.length >= 5 && p.lastName.length >= 6 && !p.lastName.includes(' '));
    const typed = misspelled(person);
    expect(normalizeName(typed)).not.toBe(normalizeName(fullName(person)));
    const result = await search({ name: typed, first: 5 });
    const edge = result.edges.find((e) => e.node.id === person.id);
    expect(edge).toBeDefined();
    expect(edge!.score).toBeLessThan(1);
    expect(edge!.score).toBeGreaterThanOrEqual(0.3);
  });

  it('finds a person by an alias (AKA), reporting which name matched', async () => {
    const person = find('an alias', (p) => p.aliases.some((a) => !NICKNAMES.includes(a)));
    const alias = person.aliases.find((a) => !NICKNAMES.includes(a))!;
    const result = await search({ name: alias, first: 50 });
    expect(result.edges.find((e) => e.node.id === person.id)).toMatchObject({ matchedKind: 'ALIAS', matchedName: alias, score: 1 });
  });

  it('finds a person by their primary name with accents, punctuation and spacing a clerk might add', async () => {
    const person = find('a plain primary name with an E', (p) => /^[A-Z]+ [A-Z]+$/.test(fullName(p)) && fullName(p).includes('E'));
    const typed = `  ${person.lastName},   ${person.firstName}`.replace('E', 'É').toLowerCase();
    const result = await search({ name: typed, first: 50 });
    expect(result.edges.find((e) => e.node.id === person.id)).toMatchObject({ score: 1, matchedKind: 'PRIMARY' });
  });

  it('returns nothing for a clearly unrelated name', async () => {
    const result = await search({ name: 'Zbigniew Quackenbush-Oyelaran' });
    expect(result).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: null } });
  });

  it('narrows to the exact date of birth', async () => {
    const person = find('a common last name', (p) => persons.filter((q) => q.lastName === p.lastName).length >= 3);
    const all = await search({ name: fullName(person), first: 100 });
    const narrowed = await search({ name: fullName(person), dateOfBirth: person.dateOfBirth, first: 100 });
    expect(narrowed.edges.map((e) => e.node.id)).toContain(person.id);
    expect(narrowed.edges.every((e) => e.node.dateOfBirth === person.dateOfBirth)).toBe(true);
    expect(narrowed.totalCount).toBeLessThan(all.totalCount);
    const wrongDay = await search({ name: fullName(person), dateOfBirth: '1900-01-01' });
    expect(wrongDay.totalCount).toBe(0);
  });

  it('ranks by score, then person id, one edge per person, each score a fraction', async () => {
    const result = await search({ name: 'MARIA RODRIGUEZ', first: 100 });
    expect(result.edges.length).toBeGreaterThan(1);
    const ids = result.edges.map((e) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < result.edges.length; i++) {
      const [before, after] = [result.edges[i - 1]!, result.edges[i]!];
      expect(before.score > after.score || (before.score === after.score && before.node.id < after.node.id)).toBe(true);
    }
    for (const edge of result.edges) expect(edge.score).toBeGreaterThanOrEqual(0.3);
  });

  it('pages with first/after through every match exactly once', async () => {
    const counts = new Map<string, number>();
    for (const p of persons) counts.set(p.lastName, (counts.get(p.lastName) ?? 0) + 1);
    const [lastName] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const everything = await search({ name: lastName, first: 100 });
    expect(everything.totalCount).toBe(everything.edges.length);
    expect(everything.totalCount).toBeGreaterThan(4);
    const seen: string[] = [];
    let after: string | null = null;
    for (let round = 0; round < 50; round++) {
      const page: SearchResult['searchPersons'] = await search({ name: lastName, first: 3, after });
      expect(page.totalCount).toBe(everything.totalCount);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(everything.edges.map((e) => e.node.id));
  });

  it.each([
    ['an undecodable cursor', { name: 'SMITH', after: 'not-a-cursor' }],
    ['a cursor of another list', { name: 'SMITH', after: Buffer.from(JSON.stringify(['2024-01-01T00:00:00.000Z', 'X'])).toString('base64url') }],
    ['a name with no letters', { name: ' ,.- ' }],
    ['a page too large', { name: 'SMITH', first: 1000 }],
  ])('refuses %s with BAD_USER_INPUT', async (_, variables) => {
    const response = await subgraph.query(SEARCH, variables);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
