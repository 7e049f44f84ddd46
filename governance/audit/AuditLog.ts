import { createHash } from 'node:crypto';
import type { CheckpointSigner } from './checkpoints';
import type { Database } from '../../storage/Database';
import { insertRows } from '../../storage/insertRows';

export const AUDIT_EVENT_KINDS = ['OPERATION', 'LOGON', 'DIRECTORY_CHANGE', 'AUDIT_READ', 'EXPORT', 'AGREEMENT_CHANGE', 'ARCHIVE', 'REVIEW'] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

export interface AuditLogOptions {
  /** Events written in one transaction at most. */
  maxBatch?: number;
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
  const { prevHash, ...content } = record;
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

/** JSON with object keys sorted at every depth: the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The append-only, hash-chained audit log [P18]. `append` resolves only once the event is
 * committed: an answer waits for its record. Events arriving together are written in one
 * transaction (one commit for many requests); the chain's head row is locked while writing, so
 * several gateway replicas keep one chain.
 */
export class AuditLog {
  private queue: { input: AuditEventInput; resolve: (record: AuditRecord) => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;
  private readonly months = new Set<string>();
  private readonly maxBatch: number;
  private lastCheckpointAt = Date.now();

  constructor(private readonly db: Database, private readonly options: AuditLogOptions = {}) {
    this.maxBatch = options.maxBatch ?? 500;
  }

  /** Waits until every event appended so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  append(input: AuditEventInput): Promise<AuditRecord> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.flushing) this.flushing = this.flushAll();
    });
  }

  private async flushAll(): Promise<void> {
    // Let every request of this tick join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const records = await this.write(batch.map((item) => item.input));
        batch.forEach((item, i) => item.resolve(records[i]!));
      } catch (error) {
        batch.forEach((item) => item.reject(error));
      }
    }
    this.flushing = null;
  }

  private async write(inputs: AuditEventInput[]): Promise<AuditRecord[]> {
    const records = await this.db.transaction(async (tx) => {
      for (const input of inputs) await this.ensurePartition(tx, input.occurredAt ?? new Date());
      const [head] = await tx.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE');
      if (!head) throw new Error('the audit chain has no head');
      let seq = Number(head.seq);
      let prevHash = head.hash;
      const records = inputs.map((input) => {
        const content = {
          seq: ++seq,
          occurredAt: (input.occurredAt ?? new Date()).toISOString(),
          kind: input.kind,
          requestId: input.requestId ?? null,
          userId: input.userId ?? null,
          event: JSON.parse(JSON.stringify(input.event)) as Record<string, unknown>,
          prevHash,
        };
        const record = { ...content, hash: recordHash(content) };
        prevHash = record.hash;
        return record;
      });
      await insertRows(
        tx,
        'audit_event',
        [
          { name: 'seq', type: 'bigint' }, { name: 'occurred_at', type: 'timestamptz' }, { name: 'kind', type: 'text' },
          { name: 'request_id', type: 'text' }, { name: 'user_id', type: 'text' }, { name: 'event', type: 'jsonb' },
          { name: 'prev_hash', type: 'text' }, { name: 'hash', type: 'text' },
        ],
        records.map((r) => [r.seq, r.occurredAt, r.kind, r.requestId, r.userId, r.event, r.prevHash, r.hash]),
      );
      await tx.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [seq, prevHash]);
      await this.checkpoint(tx, Number(head.seq), seq, prevHash);
      return records;
    });
    // Remembered only once committed: a rolled-back partition is created again next time.
    for (const record of records) this.months.add(record.occurredAt.slice(0, 7));
    return records;
  }

  /**
   * A signed checkpoint of the head when this batch crossed a multiple of `everyEvents`, or when
   * `everyMs` has passed: written in the same transaction as the events it covers.
   */
  private async checkpoint(tx: Pick<Database, 'query'>, fromSeq: number, seq: number, hash: string): Promise<void> {
    const policy = this.options.checkpoints;
    if (!policy) return;
    const every = policy.everyEvents ?? 1000;
    const due = Math.floor(seq / every) > Math.floor(fromSeq / every) || Date.now() - this.lastCheckpointAt >= (policy.everyMs ?? 600_000);
    if (!due) return;
    const signed = policy.signer.sign({ seq, hash, signedAt: new Date().toISOString() });
    await tx.query('INSERT INTO audit_checkpoint (seq, hash, signed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5)', [
      seq, hash, signed.signedAt, signed.keyId, signed.signature,
    ]);
    this.lastCheckpointAt = Date.now();
  }

  /** One partition a month, created when the first event of that month arrives. */
  private async ensurePartition(tx: Pick<Database, 'exec'>, at: Date): Promise<void> {
    const month = at.toISOString().slice(0, 7);
    if (this.months.has(month)) return;
    // Created inside the writing transaction; remembered by write() once it commits.
    const [year, mm] = month.split('-').map(Number) as [number, number];
    const next = mm === 12 ? `${year + 1}-01` : `${year}-${String(mm + 1).padStart(2, '0')}`;
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS audit_event_${month.replace('-', '_')} PARTITION OF audit_event FOR VALUES FROM ('${month}-01') TO ('${next}-01')`,
    );
  }
}
