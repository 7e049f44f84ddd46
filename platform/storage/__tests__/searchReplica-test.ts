import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, startSearchReplica } from '../openDatabase';
import type { Database } from '../Database';

/**
 * [issue 20] The embedded store's searches run on a copy in a worker thread (searchReplica.ts):
 * the same answers as the main store, a statement past the timeout ends with QUERY_TOO_COMPLEX
 * and the next search is answered by a fresh copy, and a key lookup on the main store never
 * waits behind a search running on the copy.
 */
const TIMEOUT_MS = 600;
/** A statement that runs for seconds on any machine: 2,000³ rows counted. */
const SLOW = 'SELECT count(*) FROM person a, person b, person c';

async function seededStore(warnings: string[], statementTimeoutMs: number, dataDir?: string): Promise<Database> {
  const db = await openDatabase({ schema: 'replica_check', dataDir: dataDir ?? '', inMemory: !dataDir });
  await db.exec(`CREATE TABLE person (id int PRIMARY KEY, name text NOT NULL, born date NOT NULL);
    INSERT INTO person SELECT g, 'PERSON ' || chr(65 + g % 26) || chr(65 + g % 7) || ' ' || g, DATE '1970-01-01' + g FROM generate_series(1, 2000) g;
    CREATE INDEX person_name_trgm ON person USING gin (name gin_trgm_ops);`);
  await startSearchReplica(db, { statementTimeoutMs, warn: (message) => warnings.push(message) });
  return db;
}

// A store on disk gives the replica a copy of its folder; a store in memory, a dump.
describe.each([['in memory', false], ['on disk', true]])('search replica of the embedded store, %s', (_kind, onDisk) => {
  let db: Database;
  let dataDir: string | undefined;
  const warnings: string[] = [];
  beforeAll(async () => {
    dataDir = onDisk ? mkdtempSync(path.join(tmpdir(), 'erms-replica-')) : undefined;
    db = await seededStore(warnings, TIMEOUT_MS, dataDir);
  });
  afterAll(async () => {
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('started without a warning', () => {
    expect(warnings).toEqual([]);
  });

  test.each([
    ['trigram similarity (pg_trgm)', `SELECT id, name, similarity(name, $1)::float8 AS score FROM person WHERE name % $1 ORDER BY score DESC, id LIMIT 20`, ['PERSON CD 12']],
    ['fuzzystrmatch and dates', `SELECT id, born, soundex(name) AS code FROM person WHERE born > $1::date ORDER BY id LIMIT 5`, ['1972-01-01']],
    ['a count', `SELECT count(*)::int AS n FROM person WHERE name ILIKE $1`, ['%X%']],
  ])('answers the same rows as the main store: %s', async (_rule, sql, params) => {
    const expected = await db.query(sql, params);
    expect(expected.length).toBeGreaterThan(0);
    await expect(db.forSearch().query(sql, params)).resolves.toEqual(expected);
  });

  test('an error in a search reaches its caller with its SQLSTATE, and the replica keeps answering', async () => {
    await expect(db.forSearch().query('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: '42P01' });
    await expect(db.forSearch().query('SELECT count(*)::int AS n FROM person')).resolves.toEqual([{ n: 2000 }]);
  });

  test('a statement past the timeout is ended with QUERY_TOO_COMPLEX, and a fresh copy answers the next search', async () => {
    const started = Date.now();
    await expect(db.forSearch().query(SLOW)).rejects.toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' }, message: expect.stringMatching(/took too long/) });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1_000);
    // Queued while the copy reloads, then answered by it.
    const after = await Promise.all([db.forSearch().query('SELECT count(*)::int AS n FROM person'), db.forCaller('other').forSearch().query('SELECT 1 AS one')]);
    expect(after).toEqual([[{ n: 2000 }], [{ one: 1 }]]);
    expect(warnings).toEqual([]);
  });

  test('searches are read-only', async () => {
    await expect(db.forSearch().exec('DELETE FROM person')).rejects.toThrow(/only read/);
  });
});

describe('a key lookup while a slow search runs', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededStore([], 4_000);
  });
  afterAll(() => db?.close());

  test('the main store answers a lookup in well under the running search time', async () => {
    const search = db.forCaller('officer').forSearch().query(SLOW).then(
      () => 'finished',
      (error: { extensions?: { code?: string } }) => error.extensions?.code,
    );
    const searchStarted = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lookups: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const started = Date.now();
      await expect(db.forCaller('detective').query('SELECT id, name FROM person WHERE id = $1', [i * 100])).resolves.toEqual([{ id: i * 100, name: expect.any(String) }]);
      lookups.push(Date.now() - started);
    }
    const lookupsDone = Date.now() - searchStarted;
    expect(await search).toBe('QUERY_TOO_COMPLEX');
    const searchTook = Date.now() - searchStarted;
    // The search held the replica for its whole timeout; the lookups never waited for it.
    expect(searchTook).toBeGreaterThan(3_500);
    expect(lookupsDone).toBeLessThan(searchTook / 4);
    expect(Math.max(...lookups)).toBeLessThan(500);
  });
});
