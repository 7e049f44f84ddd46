import { openDatabase } from '../openDatabase';
import { createTestStorage, type TestStorage } from '../../../test/harness/testDatabase';

/**
 * [issue 20] On a PostgreSQL server, a store that serves requests cancels a statement past its
 * timeout and its connection goes back to the pool; one opened without it (migrations and
 * seeding) waits. Runs where CI runs PostgreSQL (`TEST_DATABASE_URL`).
 */
const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onServer('statement timeout on PostgreSQL', () => {
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await createTestStorage('postgres');
  });
  afterAll(() => storage?.drop());

  it.each([
    ['a statement', (db: Awaited<ReturnType<typeof openDatabase>>) => db.query('SELECT pg_sleep(2)')],
    ['a statement inside a transaction', (db: Awaited<ReturnType<typeof openDatabase>>) => db.transaction((tx) => tx.query('SELECT pg_sleep(2)'))],
  ])('%s past the timeout is cancelled, and the pool answers the next', async (_rule, slow) => {
    const db = await openDatabase({ ...storage.target, schema: 'timeout_check', statementTimeoutMs: 300 });
    try {
      const started = Date.now();
      await expect(slow(db)).rejects.toThrow(/statement timeout/);
      expect(Date.now() - started).toBeLessThan(1_500);
      await expect(db.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('a store opened without a timeout lets a long statement finish', async () => {
    const db = await openDatabase({ ...storage.target, schema: 'timeout_check' });
    try {
      await expect(db.query('SELECT 1 AS one FROM pg_sleep(0.5)')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });
});
