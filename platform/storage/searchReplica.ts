import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ermsError } from '../errors/ErrorCode';
import type { SqlParam } from './Database';
import { fairQueue } from './fairQueue';
import type { ReplicaMessage, ReplicaRequest, ReplicaWorkerData } from './searchReplicaWorker';

export interface SearchReplicaOptions {
  /** The PostgreSQL schema holding the owner's tables. */
  schema: string;
  /**
   * What each fresh replica starts from: a copy of the store's folder, itself copied again for
   * each start (a replica's own files change as it runs), or, for a store in memory, its dump.
   */
  source: { pristineDir: string } | { dump: Uint8Array<ArrayBuffer> };
  /** A statement running longer ends the replica's thread (ms; 0: never). */
  statementTimeoutMs: number;
  warn: (message: string) => void;
}

/** A read-only copy of a store, answering in its own thread; statements queue fairly by lane. */
export interface SearchReplica {
  query<Row>(lane: string, sql: string, params: readonly SqlParam[]): Promise<Row[]>;
  /** False once the replica could not be started again: callers go back to the main store. */
  usable(): boolean;
  close(): Promise<void>;
}

const WORKER_FILE = path.join(__dirname, 'searchReplicaWorker.ts');
const TSX_HOOK = require.resolve('tsx/cjs');

/** Thrown to the caller whose statement outlived the timeout; the client sees a normal GraphQL error. */
const searchTooSlow = () =>
  ermsError('QUERY_TOO_COMPLEX', 'the search took too long; narrow it (more criteria, a smaller page)', { reason: 'statement timeout' });

/** One thread holding one in-memory copy of the store; statements arrive one at a time. */
class ReplicaThread {
  private pending: { id: number; resolve: (rows: Record<string, unknown>[]) => void; reject: (error: Error) => void } | null = null;
  private next = 0;
  private stopped = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: ReplicaMessage) => {
      const pending = this.pending;
      if (!pending || !('id' in message) || message.id !== pending.id) return;
      this.pending = null;
      if (message.type === 'rows') pending.resolve(message.rows);
      else pending.reject(Object.assign(new Error(message.message), { code: message.code }));
    });
    worker.on('exit', () => {
      this.stopped = true;
      this.pending?.reject(new Error('the search replica stopped'));
      this.pending = null;
    });
  }

  /** Starts a thread and waits for it to load the dump. */
  static start(data: ReplicaWorkerData): Promise<ReplicaThread> {
    // Neither Jest nor tsx's own loader reaches a worker thread: tsx's require hook, loaded
    // first, compiles the worker's TypeScript (`--import tsx` in execArgv is ignored there).
    const worker = new Worker(`require(${JSON.stringify(TSX_HOOK)}); require(${JSON.stringify(WORKER_FILE)});`, { eval: true, workerData: data });
    return new Promise((resolve, reject) => {
      const failed = (error: Error) => {
        void worker.terminate();
        reject(error);
      };
      const onMessage = (message: ReplicaMessage) => {
        if (message.type === 'ready') {
          worker.off('error', failed).off('exit', exited).off('message', onMessage);
          resolve(new ReplicaThread(worker));
        } else if (message.type === 'failed') failed(new Error(`search replica failed to load: ${message.message}`));
      };
      const exited = (code: number) => reject(new Error(`search replica exited while loading (code ${code})`));
      worker.on('message', onMessage).once('error', failed).once('exit', exited);
    });
  }

  get alive(): boolean {
    return !this.stopped;
  }

  run<Row>(sql: string, params: readonly SqlParam[], timeoutMs: number): Promise<Row[]> {
    if (this.stopped) return Promise.reject(new Error('the search replica stopped'));
    return new Promise<Row[]>((resolve, reject) => {
      const id = ++this.next;
      const timer = timeoutMs > 0 ? setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = null;
        // PGlite cannot cancel a statement: the thread running it is ended instead.
        void this.terminate();
        reject(searchTooSlow());
      }, timeoutMs) : undefined;
      this.pending = {
        id,
        resolve: (rows) => {
          clearTimeout(timer);
          resolve(rows as Row[]);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.worker.postMessage({ id, sql, params } satisfies ReplicaRequest);
    });
  }

  terminate(): Promise<number> {
    this.stopped = true;
    return this.worker.terminate();
  }
}

/**
 * [issue 20] The embedded store runs one statement at a time in the subgraph's own thread and
 * cannot cancel one, so an expensive search held every other caller's lookups behind it. A
 * record subgraph's data do not change after seeding [P4], so its searches run on a copy in a
 * worker thread: lookups keep the main store to themselves, and a search past the statement
 * timeout ends that thread (its caller gets QUERY_TOO_COMPLEX) and a fresh copy is loaded from
 * the kept copy while later searches wait their turn.
 */
export async function openSearchReplica(options: SearchReplicaOptions): Promise<SearchReplica> {
  const { source, schema } = options;
  let starts = 0;
  let working: string | null = null;
  const start = async (): Promise<ReplicaThread> => {
    if (!('pristineDir' in source)) return ReplicaThread.start({ schema, dump: source.dump });
    if (working) await rm(working, { recursive: true, force: true });
    working = `${source.pristineDir}-${++starts}`;
    // A copy a crashed process left behind must not mix with this one.
    await rm(working, { recursive: true, force: true });
    await cp(source.pristineDir, working, { recursive: true });
    return ReplicaThread.start({ schema, dataDir: working });
  };
  let thread: Promise<ReplicaThread> = start();
  await thread;
  let broken = false;
  let closed = false;
  const turn = fairQueue();

  const restart = () => {
    thread = start();
    thread.catch((error: Error) => {
      broken = true;
      options.warn(`search replica could not restart, searches go to the main store: ${error.message}`);
    });
  };

  return {
    query: <Row>(lane: string, sql: string, params: readonly SqlParam[]) =>
      turn(lane, async () => {
        if (closed) throw new Error('the search replica is closed');
        const running = await thread;
        try {
          return await running.run<Row>(sql, params, options.statementTimeoutMs);
        } finally {
          if (!running.alive && !closed) restart();
        }
      }),
    usable: () => !broken && !closed,
    async close() {
      closed = true;
      await (await thread.catch(() => null))?.terminate();
      if (working) await rm(working, { recursive: true, force: true });
    },
  };
}
