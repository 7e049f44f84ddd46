import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../openDatabase';
import type { Database } from '../Database';

/**
 * The embedded store runs each statement text prepared once (platform/storage/pgliteStatements.ts).
 * What callers rely on: the same values in and out as PGlite's own `query`, statements that
 * follow the schema as it changes, and transactions no other statement slips into.
 */
describe('statements on the embedded store', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDatabase({ schema: 'statements', dataDir: '', inMemory: true });
  });
  afterEach(() => db.close());

  test('parameters and rows keep their types: text, numbers, booleans, arrays, JSON, dates, bytes, null', async () => {
    await db.exec(`CREATE TABLE t (s text, i integer, b bigint, f boolean, a text[], j jsonb, d date, ts timestamptz, bin bytea, n text)`);
    const at = new Date('2026-11-26T06:00:00.000Z');
    await db.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
      `it's "quoted", {braced}, back\\slash`, 42, '9007199254740993', true, ['one', 'two, three', '"four"'], JSON.stringify({ k: [1, 'x'] }), '2026-02-28', at, new Uint8Array([0, 255, 7]), null,
    ]);
    const [row] = await db.query<Record<string, unknown>>('SELECT * FROM t');
    expect(row).toEqual({
      s: `it's "quoted", {braced}, back\\slash`,
      i: 42,
      b: 9007199254740993n,
      f: true,
      a: ['one', 'two, three', '"four"'],
      j: { k: [1, 'x'] },
      d: '2026-02-28',
      ts: '2026-11-26T06:00:00.000Z',
      bin: new Uint8Array([0, 255, 7]),
      n: null,
    });
  });

  test('a statement prepared before a table changed answers with the table as it is now', async () => {
    await db.exec('CREATE TABLE t (id integer)');
    await db.query('INSERT INTO t VALUES ($1)', [1]);
    expect(await db.query('SELECT * FROM t')).toEqual([{ id: 1 }]);
    await db.exec('ALTER TABLE t ADD COLUMN name text');
    await db.query('UPDATE t SET name = $1', ['one']);
    expect(await db.query('SELECT * FROM t')).toEqual([{ id: 1, name: 'one' }]);
  });

  test('a lookup by keys is planned once, however many times it runs', async () => {
    await db.exec('CREATE TABLE t (id text PRIMARY KEY, name text)');
    await db.query(`INSERT INTO t SELECT 'k' || g, 'name ' || g FROM generate_series(1, 500) g`);
    const lookup = 'SELECT id, name FROM t WHERE id = ANY($1::text[]) ORDER BY id';
    for (let i = 1; i <= 20; i++) expect(await db.query(lookup, [[`k${i}`, `k${i + 1}`]])).toHaveLength(2);
    // PostgreSQL's default plans such a lookup again for every call's keys, in WebAssembly each time.
    const [plans] = await db.query<{ generic_plans: number; custom_plans: number }>(
      'SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1',
      [lookup],
    );
    expect(plans).toEqual({ generic_plans: 20, custom_plans: 0 });
  });

  test('a new WAL segment is not written full of zeros before use (a stall of every answer in flight)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'wal-'));
    const onDisk = await openDatabase({ schema: 'wal', dataDir });
    try {
      await onDisk.exec('CREATE TABLE t (id integer)');
      await onDisk.query('SELECT pg_switch_wal()');
      await onDisk.query('INSERT INTO t VALUES ($1)', [1]);
      const folder = path.join(dataDir, 'wal', 'pg_wal');
      // The newest segment by name (mtimes can tie on a coarse clock), created by the switch above.
      const newest = readdirSync(folder).filter((name) => /^[0-9A-F]{24}$/.test(name)).sort().at(-1)!;
      expect(newest).not.toBe('000000010000000000000001');
      expect(statSync(path.join(folder, newest)).size).toBe(16 * 1024 * 1024);
      // How much of it is allocated depends on the machine's file system (a CI machine allocated
      // all 16 MB though nothing was written); what is ours is the setting that skips the zeros.
      expect(await onDisk.query('SHOW wal_init_zero')).toEqual([{ wal_init_zero: 'off' }]);
    } finally {
      await onDisk.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('more distinct statements than are kept prepared all still run', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 300; i++) answers.push(Number((await db.query<{ n: number }>(`SELECT $1::integer + ${i} AS n`, [1]))[0]!.n));
    // The first ones again, after they have been closed to make room.
    answers.push(Number((await db.query<{ n: number }>('SELECT $1::integer + 0 AS n', [5]))[0]!.n));
    expect(answers).toEqual([...Array.from({ length: 300 }, (_, i) => 1 + i), 5]);
  });

  test('an error fails its own statement only; the next one runs', async () => {
    await db.exec('CREATE TABLE t (id integer PRIMARY KEY)');
    await db.query('INSERT INTO t VALUES ($1)', [1]);
    await expect(db.query('INSERT INTO t VALUES ($1)', [1])).rejects.toThrow(/duplicate key/);
    await expect(db.query('SELECT nonsense FROM t')).rejects.toThrow(/nonsense/);
    await db.query('INSERT INTO t VALUES ($1)', [2]);
    expect(await db.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  test('an error keeps PostgreSQL\'s fields: code, constraint, detail', async () => {
    await db.exec('CREATE TABLE t (id integer CONSTRAINT t_key PRIMARY KEY)');
    await db.query('INSERT INTO t VALUES ($1)', [1]);
    await expect(db.query('INSERT INTO t VALUES ($1)', [1])).rejects.toMatchObject({
      code: '23505', constraint: 't_key', detail: 'Key (id)=(1) already exists.', message: expect.stringMatching(/duplicate key value violates unique constraint "t_key"/),
    });
  });

  test('an answer larger than the store\'s receive buffer arrives whole, multi-byte text intact', async () => {
    // 2,000 rows of 3,000 characters, each 1 to 4 bytes: about 15 MB, read in many chunks.
    const text = 'aé✓😀'.repeat(600);
    const rows = await db.query<{ i: number; s: string }>('SELECT i, $1::text || i AS s FROM generate_series(1, 2000) AS i', [text]);
    expect(rows).toHaveLength(2000);
    expect(rows.every((row, k) => row.i === k + 1 && row.s === text + (k + 1))).toBe(true);
  });

  test('timestamps read as ISO-8601 UTC, whatever their precision or the session\'s time zone', async () => {
    const values = ['2019-01-01 16:36:15', '2019-01-01 16:36:15.5', '2019-01-01 16:36:15.12', '2019-01-01 16:36:15.123', '2019-01-01 16:36:15.123456', '0099-12-31 23:59:59.999999'];
    const utc = await db.query<{ tz: string; plain: string }>('SELECT (v || \'+00\')::timestamptz AS tz, v::timestamp AS plain FROM unnest($1::text[]) WITH ORDINALITY AS u(v, n) ORDER BY n', [values]);
    const expected = ['2019-01-01T16:36:15.000Z', '2019-01-01T16:36:15.500Z', '2019-01-01T16:36:15.120Z', '2019-01-01T16:36:15.123Z', '2019-01-01T16:36:15.123Z', '0099-12-31T23:59:59.999Z'];
    expect(utc.map((row) => row.tz)).toEqual(expected);
    expect(utc.map((row) => row.plain)).toEqual(expected);
    // Another time zone: PostgreSQL writes the offset, and the value is still the same instant.
    await db.exec("SET TimeZone = 'Asia/Kolkata'");
    const [shifted] = await db.query<{ tz: string }>("SELECT '2019-01-01 16:36:15.5+00'::timestamptz AS tz");
    expect(shifted!.tz).toBe('2019-01-01T16:36:15.500Z');
  });

  test('a statement sent while a transaction is open waits for it, and never runs inside it', async () => {
    await db.exec('CREATE TABLE t (id integer)');
    let outside: Promise<unknown> | undefined;
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES ($1)', [1]);
        outside = db.query('INSERT INTO t VALUES ($1)', [2]);
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await outside;
    expect(await db.query('SELECT id FROM t')).toEqual([{ id: 2 }]);
  });
});
