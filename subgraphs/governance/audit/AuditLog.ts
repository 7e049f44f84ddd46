import { hash } from 'node:crypto';
import type { CheckpointSigner } from './checkpoints';
import type { Database } from '../../../platform/storage/Database';

export const AUDIT_EVENT_KINDS = ['OPERATION', 'LOGON', 'DIRECTORY_CHANGE', 'AUDIT_READ', 'EXPORT', 'AGREEMENT_CHANGE', 'ARCHIVE', 'REVIEW'] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

export interface AuditLogOptions {
  /** Events written in one transaction at most. */
  maxBatch?: number;
  /**
   * Under load (events arriving faster than one every 5 ms), a commit waits up to this long
   * for more events to join it: fewer commits, each carrying several answers. 0: never wait.
   */
  groupCommitMs?: number;
  /** Signs the chain's head every `everyEvents` events, or on the first write `everyMs` after the last checkpoint. */
  checkpoints?: { signer: CheckpointSigner; everyEvents?: number; everyMs?: number };
}

/** One thing that happened, as the caller describes it; the log adds order and the chain. */
export interface AuditEventInput {
  kind: AuditEventKind;
  occurredAt?: Date;
  requestId?: string | null;
  userId?: string | null;
  event: Record<string, unknown>;
}

/** A row of `audit_event` as the stores return it (bigint as text; timestamps as ISO-8601 text: platform/storage/openDatabase.ts). */
export interface AuditEventRow {
  seq: string;
  occurred_at: string;
  kind: string;
  request_id: string | null;
  user_id: string | null;
  event: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export interface AuditRecord {
  seq: number;
  occurredAt: string;
  kind: string;
  requestId: string | null;
  userId: string | null;
  event: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** The hash of a record: SHA-256 over the previous hash and the record's canonical JSON. */
export function recordHash(record: Omit<AuditRecord, 'hash'>): string {
  return hashWithEventJson(record, canonicalJson(record.event));
}

/**
 * JSON with object keys sorted at every depth: the same record always hashes the same. Writes
 * what `JSON.stringify` would (`toJSON` called, undefined members left out, undefined array
 * items as null), only ordered, so the writer can store this very text.
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') value = (value as { toJSON(): unknown }).toJSON();
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null) ?? 'null';
  // Built by concatenation, not map/join: every operation hashes its event, so this runs per request.
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  const keys = Object.keys(value).sort();
  out = '{';
  for (let i = 0; i < keys.length; i++) {
    const member = (value as Record<string, unknown>)[keys[i]!];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(keys[i]) + ':' + canonicalJson(member);
  }
  return out + '}';
}

/**
 * `recordHash`, for an event already written as canonical JSON: the record's canonical JSON is
 * written around it (keys in order: event, kind, occurredAt, requestId, seq, userId), so the
 * writer serializes each event once, for both the hash and the insert.
 */
function hashWithEventJson(record: Omit<AuditRecord, 'hash' | 'event'>, eventJson: string): string {
  const text = `{"event":${eventJson},"kind":${JSON.stringify(record.kind)},"occurredAt":${JSON.stringify(record.occurredAt)},"requestId":${JSON.stringify(record.requestId ?? null)},"seq":${record.seq},"userId":${JSON.stringify(record.userId ?? null)}}`;
  return hash('sha256', record.prevHash + text, 'hex');
}

/**
 * One statement appends a batch: the head moves from the chain's last known (seq, hash) to the
 * batch's last, and the events (and a checkpoint, when due) are inserted only if it did. Another
 * writer (a second gateway replica) that moved the head first makes it insert nothing: the
 * writer reads the head again and re-chains the batch. No explicit transaction, no lock held
 * across round trips.
 */
const APPEND_SQL = `
WITH head AS (
  UPDATE audit_head SET seq = $2, hash = $3 WHERE id = 1 AND seq = $4 AND hash = $5 RETURNING 1
), checkpoint AS (
  INSERT INTO audit_checkpoint (seq, hash, signed_at, key_id, signature)
  SELECT $6::bigint, $7::text, $8::timestamptz, $9::text, $10::text FROM head WHERE $6::bigint IS NOT NULL
)
INSERT INTO audit_event (seq, occurred_at, kind, request_id, user_id, event, prev_hash, hash)
SELECT seq, occurred_at, kind, request_id, user_id, event, prev_hash, hash
  FROM jsonb_to_recordset($1::jsonb)
    AS u(seq bigint, occurred_at timestamptz, kind text, request_id text, user_id text, event jsonb, prev_hash text, hash text)
 WHERE EXISTS (SELECT 1 FROM head)
RETURNING seq`;

/**
 * The batch as one JSON array, the one parameter of APPEND_SQL: one parse for the whole batch,
 * where arrays of JSON text cost PGlite twice as much (every quote escaped, then unescaped).
 * Each event's JSON is the text `storable` already made.
 */
function batchJson(records: readonly AuditRecord[], eventJson: readonly string[]): string {
  return `[${records
    .map((r, i) => `{"seq":${r.seq},"occurred_at":"${r.occurredAt}","kind":${JSON.stringify(r.kind)},"request_id":${JSON.stringify(r.requestId)},"user_id":${JSON.stringify(r.userId)},"prev_hash":"${r.prevHash}","hash":"${r.hash}","event":${eventJson[i]}}`)
    .join(',')}]`;
}

/**
 * Text PostgreSQL's jsonb cannot hold (U+0000, a lone surrogate) is stored as U+FFFD, in values
 * and member names alike (a client names its variables' members): an event is never refused for
 * what a client typed.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** In JSON text, U+0000 and lone surrogates appear escaped (`\u0000`, `\ud800`); valid pairs stay as they are. */
const ESCAPED_UNSTORABLE = /\\u0000|\\ud[89a-f][0-9a-f]{2}/i;
/** The event as stored and hashed: its canonical JSON, with unstorable text replaced. */
function storable(event: Record<string, unknown>): { event: Record<string, unknown>; json: string } {
  const json = canonicalJson(event);
  // The common case: one serialization, for the hash and the insert alike.
  if (!ESCAPED_UNSTORABLE.test(json)) return { event, json };
  const cleaned = storableValue(JSON.parse(json)) as Record<string, unknown>;
  return { event: cleaned, json: canonicalJson(cleaned) };
}
function storableValue(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\ufffd');
  if (Array.isArray(value)) return value.map(storableValue);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([name, member]) => [name.replace(UNSTORABLE, '\ufffd'), storableValue(member)]));
}

/**
 * The append-only, hash-chained audit log [P18]. `append` resolves only once the event is
 * committed: an answer waits for its record. Events arriving together are written in one
 * statement (one commit for many requests); the head row moves only from the head the batch
 * was chained on, so several gateway replicas keep one chain. A batch that fails is written
 * again one event at a time, so one bad event fails only its own request.
 */
export class AuditLog {
  private queue: { input: AuditEventInput; resolve: (record: AuditRecord) => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;
  private readonly months = new Set<string>();
  private readonly maxBatch: number;
  private lastCheckpointAt = Date.now();
  /** The head as this writer last left it; null: read it before chaining. */
  private head: { seq: number; hash: string } | null = null;
  /** Time between appends, smoothed: how busy this writer is. */
  private lastAppendAt = 0;
  private meanGapMs = Infinity;
  private waitsSkipped = 0;

  constructor(private readonly db: Database, private readonly options: AuditLogOptions = {}) {
    this.maxBatch = options.maxBatch ?? 500;
  }

  /** Waits until every event appended so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /**
   * Drains, then signs a checkpoint of the head as this writer leaves it (a gateway stopping),
   * so the last events of a run are covered by a signature too.
   */
  async close(): Promise<void> {
    await this.drain();
    const signer = this.options.checkpoints?.signer;
    if (!signer) return;
    const head = this.head ?? (await this.readHead());
    if (head.seq === 0) return;
    const checkpoint = signer.sign({ seq: head.seq, hash: head.hash, signedAt: new Date().toISOString() });
    await this.db.query(
      `INSERT INTO audit_checkpoint (seq, hash, signed_at, key_id, signature)
       SELECT $1, $2, $3, $4, $5 FROM audit_head WHERE id = 1 AND seq = $1 AND hash = $2 ON CONFLICT (seq) DO NOTHING`,
      [checkpoint.seq, checkpoint.hash, checkpoint.signedAt, checkpoint.keyId, checkpoint.signature],
    );
  }

  append(input: AuditEventInput): Promise<AuditRecord> {
    const now = performance.now();
    if (this.lastAppendAt) {
      const gap = now - this.lastAppendAt;
      this.meanGapMs = this.meanGapMs === Infinity ? gap : 0.8 * this.meanGapMs + 0.2 * gap;
    }
    this.lastAppendAt = now;
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.flushing) this.flushing = this.flushAll();
    });
  }

  private async flushAll(): Promise<void> {
    // Let every request of this tick join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length) {
      await this.gatherUnderLoad();
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const records = await this.write(batch.map((item) => item.input));
        batch.forEach((item, i) => item.resolve(records[i]!));
      } catch (error) {
        if (batch.length === 1) {
          batch[0]!.reject(error);
          continue;
        }
        for (const item of batch) {
          try {
            item.resolve((await this.write([item.input]))[0]!);
          } catch (own) {
            item.reject(own);
          }
        }
      }
    }
    this.flushing = null;
  }

  /**
   * Group commit: a commit costs about the same for one event as for several, so when events
   * come faster than one every 5 ms, wait (at most `groupCommitMs`) until about four are queued.
   * An answer waits a little longer; the gateway spends much less on its audit under load.
   */
  private async gatherUnderLoad(): Promise<void> {
    const limit = this.options.groupCommitMs ?? 4;
    const target = 4;
    if (limit <= 0 || this.queue.length >= target || this.meanGapMs >= 5) return;
    // One writer waiting on its own last commit (a lone client) gains nothing: stop waiting for a while.
    if (this.waitsSkipped > 0) {
      this.waitsSkipped--;
      return;
    }
    const before = this.queue.length;
    await new Promise((resolve) => setTimeout(resolve, Math.min(limit, this.meanGapMs * (target - before))));
    if (this.queue.length === before) this.waitsSkipped = 50;
  }

  private async write(inputs: AuditEventInput[]): Promise<AuditRecord[]> {
    for (const input of inputs) await this.ensurePartition(input.occurredAt ?? new Date());
    const stored = inputs.map((input) => storable(input.event));
    for (let attempt = 0; attempt < 20; attempt++) {
      const head = this.head ?? (await this.readHead());
      let seq = head.seq;
      let prevHash = head.hash;
      const records = inputs.map((input, i) => {
        const record: AuditRecord = {
          seq: ++seq,
          occurredAt: (input.occurredAt ?? new Date()).toISOString(),
          kind: input.kind,
          requestId: input.requestId ?? null,
          userId: input.userId ?? null,
          event: stored[i]!.event,
          prevHash,
          hash: '',
        };
        // The hash covers every other member (hashWithEventJson names them).
        record.hash = hashWithEventJson(record, stored[i]!.json);
        prevHash = record.hash;
        return record;
      });
      const checkpoint = this.checkpointDue(head.seq, seq) ? this.options.checkpoints!.signer.sign({ seq, hash: prevHash, signedAt: new Date().toISOString() }) : null;
      let inserted: unknown[];
      try {
        inserted = await this.db.query(APPEND_SQL, [
          batchJson(records, stored.map((e) => e.json)),
          seq, prevHash, head.seq, head.hash,
          checkpoint?.seq ?? null, checkpoint?.hash ?? null, checkpoint?.signedAt ?? null, checkpoint?.keyId ?? null, checkpoint?.signature ?? null,
        ]);
      } catch (error) {
        this.head = null; // unknown outcome: read the head again next time
        throw error;
      }
      if (inserted.length === records.length) {
        this.head = { seq, hash: prevHash };
        if (checkpoint) this.lastCheckpointAt = Date.now();
        return records;
      }
      this.head = null; // another writer moved the head first: chain the batch again on theirs
    }
    throw new Error('the audit chain head kept moving under this writer');
  }

  private async readHead(): Promise<{ seq: number; hash: string }> {
    const [head] = await this.db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
    if (!head) throw new Error('the audit chain has no head');
    return { seq: Number(head.seq), hash: head.hash };
  }

  /** A signed checkpoint when this batch crosses a multiple of `everyEvents`, or `everyMs` has passed. */
  private checkpointDue(fromSeq: number, seq: number): boolean {
    const policy = this.options.checkpoints;
    if (!policy) return false;
    const every = policy.everyEvents ?? 1000;
    return Math.floor(seq / every) > Math.floor(fromSeq / every) || Date.now() - this.lastCheckpointAt >= (policy.everyMs ?? 600_000);
  }

  /** One partition a month, created when the first event of that month arrives. */
  private async ensurePartition(at: Date): Promise<void> {
    const month = at.toISOString().slice(0, 7);
    if (this.months.has(month)) return;
    const [year, mm] = month.split('-').map(Number) as [number, number];
    const next = mm === 12 ? `${year + 1}-01` : `${year}-${String(mm + 1).padStart(2, '0')}`;
    try {
      await this.db.exec(
        `CREATE TABLE IF NOT EXISTS audit_event_${month.replace('-', '_')} PARTITION OF audit_event FOR VALUES FROM ('${month}-01') TO ('${next}-01')`,
      );
    } catch (error) {
      // Two replicas creating the same month at once: the other one won.
      if (!/already exists/.test(String((error as Error).message))) throw error;
    }
    this.months.add(month);
  }
}
