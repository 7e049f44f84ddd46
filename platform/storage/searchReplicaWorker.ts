import { parentPort, workerData } from 'node:worker_threads';
import type { SqlParam } from './Database';
import { preparedStatements } from './pgliteStatements';
import { TEXT_PARSERS } from './textParsers';

/**
 * What the search replica's thread is started with: the owner's schema and either a copy of the
 * store's folder to open (a store on disk) or a dump to load into memory (a store in memory).
 */
export type ReplicaWorkerData = { schema: string } & ({ dataDir: string } | { dump: Uint8Array<ArrayBuffer> });

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
 * The search replica's thread: a PGlite on a copy of the store (or loaded from its dump), with the same
 * extensions and session settings, answering one statement at a time. It runs beside the
 * subgraph's request thread, so a long search never stalls a key lookup; the request thread
 * ends it (terminate) when a statement outlives the timeout, since PGlite cannot cancel one.
 */
async function serve(port: NonNullable<typeof parentPort>, data: ReplicaWorkerData): Promise<void> {
  const { PGlite, protocol, parse } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { fuzzystrmatch } = await import('@electric-sql/pglite/contrib/fuzzystrmatch');
  const source = 'dataDir' in data ? { dataDir: data.dataDir } : { loadDataDir: new Blob([data.dump]) };
  const pg = await PGlite.create({ ...source, extensions: { pg_trgm, fuzzystrmatch }, parsers: TEXT_PARSERS });
  await pg.exec(`SET search_path TO ${data.schema}, public; SET plan_cache_mode = force_generic_plan;`);
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
