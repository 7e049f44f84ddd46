/**
 * The one way the project talks to PostgreSQL, whether the embedded PGlite or a server.
 * Every statement passes through `query`, so tests can count them (batching is a contract:
 * a response's statement count must not grow with its size).
 */
export type SqlParam = string | number | boolean | null | Date | Uint8Array | readonly (string | number | boolean | null)[];

export interface Database {
  /** Which engine answers: `pglite` (embedded) or `postgres` (a server). */
  readonly engine: 'pglite' | 'postgres';
  /** The PostgreSQL schema that holds this owner's tables. */
  readonly schema: string;
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /** Runs several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` inside one transaction on one connection. */
  transaction<T>(work: (tx: Pick<Database, 'query' | 'exec'>) => Promise<T>): Promise<T>;
  /**
   * The same store, for one caller's statements (`lane`: the caller's id). The embedded store
   * runs one statement at a time and takes turns between callers' lanes, so one caller's burst
   * never queues in front of everyone else's; a server runs statements side by side already.
   */
  forCaller(lane: string): Database;
  /**
   * The same data, for an expensive read-only search. On the embedded store of a record
   * subgraph, a copy in a worker thread with a statement timeout (platform/storage/searchReplica.ts), so
   * a search never holds up key lookups; on a server, the same pool.
   */
  forSearch(): Database;
  /** Statements run so far through this handle. */
  statementCount(): number;
  close(): Promise<void>;
}
