import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import type { Database, SqlParam } from './Database';
import { preparedStatements } from './pgliteStatements';
import { fairQueue } from './fairQueue';
import { TEXT_PARSERS } from './textParsers';
import { openSearchReplica, type SearchReplica, type SearchReplicaOptions } from './searchReplica';

export interface StorageTarget {
  /** PostgreSQL schema that owns the tables (one per subgraph or store). */
  schema: string;
  /** A PostgreSQL server; when absent, PGlite under `dataDir/<schema>`. */
  databaseUrl?: string;
  dataDir: string;
  /** Keep PGlite in memory (tests); ignored for a server. */
  inMemory?: boolean;
  /**
   * The server cancels any statement running longer (ms; absent or 0: never), so one expensive
   * query cannot hold a pooled connection and starve other callers. PGlite ignores it: its
   * single-threaded WebAssembly Postgres never receives the timer signal that cancels a
   * statement (tried: `SET statement_timeout = 300` and a 10 s scan runs to the end). There the
   * search replica (`startSearchReplica`) applies it by ending the replica's thread, and the
   * argument bounds (`@constraint`), page sizes and escaped patterns keep statements short.
   */
  statementTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export async function openDatabase(target: StorageTarget): Promise<Database> {
  if (!SCHEMA_NAME.test(target.schema)) throw new Error(`invalid schema name: ${target.schema}`);
  return target.databaseUrl ? openPostgres(target.databaseUrl, target.schema, target.statementTimeoutMs ?? 0) : openPGlite(target);
}

async function openPGlite(target: StorageTarget): Promise<Database> {
  // PGlite loads its WASM bundle through dynamic import; keep these imports lazy.
  const { PGlite, protocol, parse } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { fuzzystrmatch } = await import('@electric-sql/pglite/contrib/fuzzystrmatch');
  let dataDir: string | undefined;
  if (!target.inMemory) {
    dataDir = path.resolve(target.dataDir, target.schema);
    mkdirSync(dataDir, { recursive: true });
  }
  const pg = await PGlite.create(dataDir, { extensions: { pg_trgm, fuzzystrmatch }, parsers: TEXT_PARSERS });
  // Planning in WebAssembly often costs more than running the statement: prepared
  // statements keep one generic plan, where PostgreSQL's default would plan a lookup by keys
  // (`id = ANY($1)`) again on every call, judging a plan for those exact keys worth it.
  // A new 16 MB WAL segment is not written full of zeros first: PGlite does that inside the
  // process, every few thousand audit events, stalling every answer in flight meanwhile.
  await pg.exec(`CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
    CREATE SCHEMA IF NOT EXISTS ${target.schema}; SET search_path TO ${target.schema}, public;
    SET plan_cache_mode = force_generic_plan; SET wal_init_zero = off;`);
  const run = preparedStatements(pg, { protocol, parseDescribe: parse.parseDescribeStatementResults });
  // One statement or transaction at a time: prepared statements go to PGlite underneath its
  // own queue, so no statement may slip into another caller's transaction. PGlite cannot cancel
  // a running statement (no timer signal reaches its WebAssembly thread), so callers take turns
  // (fairQueue.ts): one caller's burst delays another's lookup by at most one statement, not by
  // the whole burst; searches go to a replica in another thread when there is one (forSearch).
  const exclusive = fairQueue();
  let statements = 0;
  const query = <Row>(sql: string, params?: readonly SqlParam[]) => {
    statements++;
    return run<Row>(sql, params);
  };
  let replica: SearchReplica | null = null;
  const handle = (lane: string): Database => ({
    engine: 'pglite',
    schema: target.schema,
    query: (sql, params) => exclusive(lane, () => query(sql, params)),
    exec: (sql) =>
      exclusive(lane, async () => {
        statements++;
        await pg.exec(sql);
      }),
    transaction: (work) =>
      exclusive(lane, () =>
        pg.transaction((tx) =>
          work({
            query,
            async exec(sql: string) {
              statements++;
              await tx.exec(sql);
            },
          }),
        ),
      ),
    forCaller: (caller) => handle(`caller:${caller}`),
    forSearch: () => searchHandle(lane),
    statementCount: () => statements,
    close: async () => {
      await replica?.close();
      replica = null;
      await exclusive(lane, () => pg.close());
    },
  });
  /** Read-only statements on the replica while it serves, on the main store otherwise. */
  const searchQuery = <Row>(lane: string, sql: string, params: readonly SqlParam[] = []): Promise<Row[]> => {
    if (!replica?.usable()) return exclusive(lane, () => query<Row>(sql, params));
    statements++;
    return replica.query<Row>(lane, sql, params);
  };
  const searchHandle = (lane: string): Database => ({
    ...handle(lane),
    query: (sql, params) => searchQuery(lane, sql, params),
    exec: () => Promise.reject(new Error('searches only read')),
    // Reads of data that no longer change: each statement already sees the same state.
    transaction: (work) => work({ query: (sql, params) => searchQuery(lane, sql, params), exec: () => Promise.reject(new Error('searches only read')) }),
    forCaller: (caller) => searchHandle(`caller:${caller}`),
    forSearch: () => searchHandle(lane),
    close: async () => undefined,
  });
  const root = handle('');
  replicaStarters.set(root, async ({ statementTimeoutMs, warn }) => {
    let source: SearchReplicaOptions['source'];
    if (dataDir) {
      // A copy of the folder, taken with every change on disk and no statement running; the
      // replica opens it as after a crash, with nothing to replay. Beside the store, not in a
      // temporary folder that may be held in memory.
      const pristineDir = `${dataDir}.search`;
      await exclusive('', async () => {
        await pg.exec('CHECKPOINT');
        await rm(pristineDir, { recursive: true, force: true });
        await cp(dataDir!, pristineDir, { recursive: true });
      });
      source = { pristineDir };
    } else {
      // A dump grows the store's own WebAssembly heap while it is written: memory stores only.
      const blob = await exclusive('', () => pg.dumpDataDir('gzip'));
      source = { dump: new Uint8Array(await blob.arrayBuffer()) };
    }
    replica = await openSearchReplica({ schema: target.schema, source, statementTimeoutMs, warn });
  });
  return root;
}

/** How each embedded store's root handle starts its search replica. */
const replicaStarters = new WeakMap<Database, (options: { statementTimeoutMs: number; warn: (message: string) => void }) => Promise<void>>();

/**
 * [issue 20] Gives an embedded store whose data no longer change (a record subgraph after
 * seeding [P4]) a search replica in a worker thread: `forSearch()` statements run there, bounded
 * by `statementTimeoutMs`, never in front of the main store's lookups. When the replica cannot be
 * built, searches stay on the main store and `warn` says so: they are slower, never refused.
 * A server needs none: its pool runs statements side by side under statement_timeout.
 */
export async function startSearchReplica(db: Database, options: { statementTimeoutMs: number; warn: (message: string) => void }): Promise<void> {
  const start = replicaStarters.get(db);
  if (!start) return;
  try {
    await start(options);
  } catch (error) {
    options.warn(`search replica unavailable, searches run on the main store: ${(error as Error).message}`);
  }
}

async function openPostgres(databaseUrl: string, schema: string, statementTimeoutMs: number): Promise<Database> {
  const { Pool } = await import('pg');
  // Connection option, not SQL: every pooled connection starts in the owner's schema.
  const { types } = await import('pg');
  const pool = new Pool({
    connectionString: databaseUrl,
    max: 10,
    options: `-c search_path=${schema},public -c statement_timeout=${Math.max(0, Math.floor(statementTimeoutMs))}`,
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => TEXT_PARSERS[oid] ?? types.getTypeParser(oid, format) },
  });
  // An idle connection the server ends (a restart, a failover) must not crash the process: the
  // pool drops it and opens another; queries in flight fail with their own error.
  pool.on('error', () => undefined);
  const admin = await pool.connect();
  try {
    // Concurrent first starts (several subgraphs on one server) race on CREATE EXTENSION.
    await admin.query('SELECT pg_advisory_lock(727001)');
    await admin.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
      CREATE EXTENSION IF NOT EXISTS fuzzystrmatch WITH SCHEMA public;
      CREATE SCHEMA IF NOT EXISTS ${schema};`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock(727001)').catch(() => undefined);
    admin.release();
  }
  let statements = 0;
  const db: Database = {
    engine: 'postgres',
    schema,
    // The pool runs statements side by side, each bounded by statement_timeout.
    forCaller: () => db,
    forSearch: () => db,
    async query<Row>(sql: string, params?: readonly SqlParam[]) {
      statements++;
      return (await pool.query(sql, params as unknown[] | undefined)).rows as Row[];
    },
    async exec(sql) {
      statements++;
      await pool.query(sql);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          async query<Row>(sql: string, params?: readonly SqlParam[]) {
            statements++;
            return (await client.query(sql, params as unknown[] | undefined)).rows as Row[];
          },
          async exec(sql: string) {
            statements++;
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    statementCount: () => statements,
    close: () => pool.end(),
  };
  return db;
}
