import type { SubgraphCallContext } from '../../platform/identity/subgraphContextToken';
import { personId } from '../../synthetic/world';
import { startTestSubgraph, TEST_WORLD, type TestSubgraph } from '../harness/startTestSubgraph';
import { AUDITOR } from '../harness/testContext';

/**
 * [issue 20] One officer's expensive search must not hold up everyone else's lookups, and a
 * search that runs too long is ended. On the embedded store the subgraph's searches run on a
 * copy in a worker thread (platform/storage/searchReplica.ts) bounded by STATEMENT_TIMEOUT_MS. Here a
 * statement that would run for minutes holds the search copy, as the heaviest search would,
 * while other callers use the subgraph over HTTP.
 */
const TIMEOUT_MS = 2_500;
/** Hundreds of millions of rows counted: minutes, on any machine. */
const ENDLESS_SEARCH = 'SELECT count(*) FROM person a, person b, person c, person d';

const as = (id: string): SubgraphCallContext => ({ ...AUDITOR, requestId: `test-${id}`, subject: { ...AUDITOR.subject, id } });

describe('a record subgraph stays responsive while one search runs long', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph('complaints-arrests', 'pglite', TEST_WORLD, {
      target: { dataDir: '/nonexistent', inMemory: true, statementTimeoutMs: TIMEOUT_MS },
      drop: async () => undefined,
    });
  });
  afterAll(() => subgraph?.close());

  test('lookups answer at once, the long search ends with QUERY_TOO_COMPLEX, and the next search is answered', async () => {
    const started = Date.now();
    const officer = subgraph.db.forCaller('officer').forSearch().query(ENDLESS_SEARCH).then(
      () => 'finished',
      (error: { extensions?: { code?: string }; message?: string }) => `${error.extensions?.code}: ${error.message}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    // A detective's person lookups, over HTTP, while the search holds the search copy.
    const lookupTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const sent = Date.now();
      const answer = await subgraph.queryAs(as('detective'), `query { person(id: "${personId(i)}") { id } }`);
      lookupTimes.push(Date.now() - sent);
      expect(answer.errors).toBeUndefined();
      expect(answer.data.person).toEqual({ id: personId(i) });
    }
    const lookupsDone = Date.now() - started;

    // Another caller's search waits for its turn at the search copy, then is answered.
    const search = subgraph.queryAs(as('analyst'), 'query { searchPersons(name: "SMITH", first: 3) { totalCount } }');

    expect(await officer).toMatch(/^QUERY_TOO_COMPLEX: the search took too long/);
    const searchEnded = Date.now() - started;
    expect(searchEnded).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(lookupsDone).toBeLessThan(TIMEOUT_MS);
    expect(Math.max(...lookupTimes)).toBeLessThan(1_000);

    const answered = await search;
    expect(answered.errors).toBeUndefined();
    expect(answered.data.searchPersons.totalCount).toEqual(expect.any(Number));
  });
});
