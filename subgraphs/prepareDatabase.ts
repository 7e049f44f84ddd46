import type { Database } from '../platform/storage/Database';
import { migrate } from '../platform/storage/migrate';
import { openDatabase, startSearchReplica, type StorageTarget } from '../platform/storage/openDatabase';
import type { World } from '../synthetic/world';
import type { SubgraphDefinition } from './SubgraphDefinition';

export interface PreparedDatabase {
  db: Database;
  migrated: number[];
  seeded: boolean;
  /** The world the tables hold. */
  world: World;
}

const SEED_TABLE = `CREATE TABLE IF NOT EXISTS seed_info (
  seed integer NOT NULL, persons integer NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())`;

/**
 * Opens a subgraph's store, applies its migrations, and seeds it on first start (or again when
 * `reseed` is set). The tables record which world they hold, so a restart never reseeds.
 */
export async function prepareDatabase<Loaders>(
  definition: SubgraphDefinition<Loaders>,
  target: Omit<StorageTarget, 'schema'>,
  world: World,
  options: { reseed?: boolean; progress?: (message: string) => void; warn?: (message: string) => void } = {},
): Promise<PreparedDatabase> {
  const progress = options.progress ?? (() => undefined);
  const warn = options.warn ?? progress;
  // Migrations and seeding run without the statement timeout (an index over millions of rows
  // may take minutes); the store that serves requests is opened again with it, on a server.
  const { statementTimeoutMs, ...untimed } = target;
  const db = await openDatabase({ ...untimed, schema: definition.dbSchema });
  const served = async (prepared: PreparedDatabase): Promise<PreparedDatabase> => {
    if (db.engine === 'pglite' && definition.searchReplica) {
      // The embedded store cannot time a statement out: searches go to a replica that can.
      await startSearchReplica(db, { statementTimeoutMs: statementTimeoutMs ?? 0, warn });
    }
    if (!statementTimeoutMs || db.engine !== 'postgres') return prepared;
    await db.close();
    return { ...prepared, db: await openDatabase({ ...target, schema: definition.dbSchema }) };
  };
  try {
    const migrated = await migrate(db, definition.migrations);
    await db.exec(SEED_TABLE);
    const [existing] = await db.query<{ seed: number; persons: number }>('SELECT seed, persons FROM seed_info LIMIT 1');
    if (existing && !options.reseed) return await served({ db, migrated, seeded: false, world: { seed: existing.seed, persons: existing.persons } });
    await emptyTables(db);
    const started = Date.now();
    await definition.seed(db, world, progress);
    await db.query('INSERT INTO seed_info (seed, persons) VALUES ($1, $2)', [world.seed, world.persons]);
    await db.exec('ANALYZE');
    progress(`${definition.name}: seeded ${world.persons} persons' records in ${Date.now() - started} ms`);
    return await served({ db, migrated, seeded: true, world });
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Empties the store before seeding, except tables that refuse truncation (the append-only audit). */
async function emptyTables(db: Database): Promise<void> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'schema_migrations'
       AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND (t.tgtype & 32) <> 0)`,
    [db.schema],
  );
  if (tables.length) await db.exec(`TRUNCATE ${tables.map((t) => `"${t.table_name}"`).join(', ')} CASCADE`);
}
