import { randomBytes } from 'node:crypto';
import type { StorageTarget } from '../../platform/storage/openDatabase';

/**
 * Where a test's stores live. By default in-memory PGlite; with `TEST_DATABASE_URL` set
 * (CI does), a fresh database on that PostgreSQL server, dropped afterwards. The suites run the
 * same either way: `describe.each(backends())` runs on every backend available.
 */
export type Backend = 'pglite' | 'postgres';

export function backends(): Backend[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestStorage {
  target: Omit<StorageTarget, 'schema'>;
  drop(): Promise<void>;
}

export async function createTestStorage(backend: Backend): Promise<TestStorage> {
  if (backend === 'pglite') return { target: { dataDir: '/nonexistent', inMemory: true }, drop: async () => undefined };
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const { Client } = await import('pg');
  const name = `erms_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    target: { dataDir: '/nonexistent', databaseUrl: url.toString() },
    async drop() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
