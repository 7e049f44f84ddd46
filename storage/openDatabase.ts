import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Database, SqlParam } from './Database';
import { preparedStatements } from './pgliteStatements';
import { fairQueue } from './fairQueue';

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
   * statement (tried: `SET statement_timeout = 300` and a 10 s scan runs to the end); there the
   * argument bounds (`@constraint`), page sizes and escaped patterns keep every statement short.
   */
  statementTimeoutMs?: number;
}

/**
 * Both engines return dates as `YYYY-MM-DD` and timestamps as ISO-8601 UTC strings, never as
 * local-time `Date` objects: the GraphQL layer and the tests see the same values on both.
 */
const TEXT_PARSERS: Record<number, (value: string) => string> = {
  1082: (value) => value,
  1114: (value) => isoTimestamp(value, '') ?? new Date(`${value.replace(' ', 'T')}Z`).toISOString(),
  1184: (value) => isoTimestamp(value, '+00') ?? new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString(),
};

/** `2019-01-01 16:36:15.1234` and an optional `+00`: date, time, fraction. */
const UTC_TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(\+00)?$/;

/**
 * The common case, a timestamp in UTC, written as ISO-8601 without going through `Date`
 * (a parse and a format per value, a fifth of a subgraph's CPU on rows with four timestamps).
 * Milliseconds truncated, as `Date` does. Anything else (another offset, BC, infinity): null.
 */
function isoTimestamp(value: string, offset: '' | '+00'): string | null {
  const match = UTC_TIMESTAMP.exec(value);
  if (!match || (match[4] ?? '') !== offset) return null;
  const fraction = match[3] ?? '';
  return `${match[1]}T${match[2]}.${fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0')}Z`;
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
  // Planning in WebAssembly costs 1 to 6 ms a statement, often more than running it: prepared
  // statements keep one generic plan, where PostgreSQL's default would plan a lookup by keys
  // (`id = ANY($1)`) again on every call, judging a plan for those exact keys worth it.
  // A new 16 MB WAL segment is not written full of zeros first: PGlite does that inside the
  // process, every few thousand audit events, stalling every answer in flight for 10 to 60 ms.
  await pg.exec(`CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
    CREATE SCHEMA IF NOT EXISTS ${target.schema}; SET search_path TO ${target.schema}, public;
    SET plan_cache_mode = force_generic_plan; SET wal_init_zero = off;`);
  const run = preparedStatements(pg, { protocol, parseDescribe: parse.parseDescribeStatementResults });
  // One statement or transaction at a time: prepared statements go to PGlite underneath its
  // own queue, so no statement may slip into another caller's transaction. PGlite cannot cancel
  // a running statement (no timer signal reaches its WebAssembly thread), so callers take turns
  // (fairQueue.ts): one caller's burst of heavy searches delays another's lookup by at most one
  // statement, not by the whole burst.
  const exclusive = fairQueue();
  let statements = 0;
  const query = <Row>(sql: string, params?: readonly SqlParam[]) => {
    statements++;
    return run<Row>(sql, params);
  };
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
    statementCount: () => statements,
    close: () => exclusive(lane, () => pg.close()),
  });
  return handle('');
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
