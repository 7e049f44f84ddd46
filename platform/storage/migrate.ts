import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './Database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Reads `NNN_name.sql` files from a folder, ordered by version. Two files with one version (two
 * branches each adding "the next" migration) stop start-up with both names, rather than one
 * being applied and the other failing on the store's version key.
 */
export function readMigrations(folder: string): Migration[] {
  const migrations = readdirSync(folder)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(path.join(folder, file), 'utf8'),
    }));
  migrations.forEach((migration, i) => {
    const previous = migrations[i - 1];
    if (previous?.version === migration.version) {
      throw new Error(`${folder}: migrations ${previous.name} and ${migration.name} both have version ${migration.version}; renumber one`);
    }
  });
  return migrations;
}

/**
 * Applies the migrations not yet recorded in `<schema>.schema_migrations`, each in its own
 * transaction, in version order. Returns the versions applied.
 */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const done = new Set(
    (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version),
  );
  const applied: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    });
    applied.push(migration.version);
  }
  return applied;
}
