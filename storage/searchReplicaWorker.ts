import { parentPort, workerData } from 'node:worker_threads';
import type { SqlParam } from './Database';
import { preparedStatements } from './pgliteStatements';
import { TEXT_PARSERS } from './textParsers';

/** What the search replica's thread is started with: a dump of the store and the owner's schema. */
export interface ReplicaWorkerData {
  dump: Uint8Array<ArrayBuffer>;
  schema: string;
}

/** A statement sent to the replica. */
export interface ReplicaRequest {
  id: number;
  sql: string;
  params: readonly SqlParam[];
}

/** The replica's answer: `ready` once loaded, then one message per statement. */
export type ReplicaMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'rows'; id: number; rows: Record<string, unknown>[] }
  | { type: 'error'; id: number; message: string; code?: string };

/**
 * The search replica's thread: an in-memory PGlite loaded from the store's dump, with the same
 * extensions and session settings, answering one statement at a time. It runs beside the
 * subgraph's request thread, so a long search never stalls a key lookup; the request thread
 * ends it (terminate) when a statement outlives the timeout, since PGlite cannot cancel one.
 */
async function serve(port: NonNullable<typeof parentPort>, { dump, schema }: ReplicaWorkerData): Promise<void> {
  const { PGlite, protocol, parse } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { fuzzystrmatch } = await import('@electric-sql/pglite/contrib/fuzzystrmatch');
  const pg = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: { pg_trgm, fuzzystrmatch }, parsers: TEXT_PARSERS });
  await pg.exec(`SET search_path TO ${schema}, public; SET plan_cache_mode = force_generic_plan;`);
  const run = preparedStatements(pg, { protocol, parseDescribe: parse.parseDescribeStatementResults });
  port.on('message', (request: ReplicaRequest) => {
    run<Record<string, unknown>>(request.sql, request.params).then(
      (rows) => port.postMessage({ type: 'rows', id: request.id, rows } satisfies ReplicaMessage),
      (error: Error & { code?: string }) =>
        port.postMessage({ type: 'error', id: request.id, message: error.message, code: error.code } satisfies ReplicaMessage),
    );
  });
  port.postMessage({ type: 'ready' } satisfies ReplicaMessage);
}

if (parentPort) {
  const port = parentPort;
  serve(port, workerData as ReplicaWorkerData).catch((error: Error) =>
    port.postMessage({ type: 'failed', message: error.message } satisfies ReplicaMessage),
  );
}
