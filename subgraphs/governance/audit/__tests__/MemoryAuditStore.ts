import type { Database } from '../../../../platform/storage/Database';
import type { AuditEventRow } from '../AuditLog';

/**
 * The audit store in memory, keeping the contract of the writer's statements: the head moves
 * only from the head a batch was chained on; the events and a due checkpoint go in only if it
 * did; the verifier's reads answered as PostgreSQL would. Fast enough to run once per mutant
 * (docs/mutation.md); the statements themselves run on a real store in
 * subgraphs/governance/__tests__/auditLog-test.ts.
 */
export const GENESIS = '0'.repeat(64);

/** As PostgreSQL's jsonb: no U+0000 and no lone surrogate (text UTF-8 cannot carry), in a string or in a member's name. */
const textHolds = (text: string) => !text.includes('\u0000') && Buffer.from(text, 'utf8').toString('utf8') === text;
function jsonbHolds(value: unknown): boolean {
  if (typeof value === 'string') return textHolds(value);
  if (Array.isArray(value)) return value.every(jsonbHolds);
  if (value !== null && typeof value === 'object') return Object.entries(value).every(([key, member]) => textHolds(key) && jsonbHolds(member));
  return true;
}

export class MemoryAuditStore {
  events: AuditEventRow[] = [];
  checkpoints: { seq: string; hash: string; signed_at: string; key_id: string; signature: string }[] = [];
  /** null: a store whose head row is missing. */
  head: { seq: number; hash: string } | null = { seq: 0, hash: GENESIS };
  partitions: string[] = [];
  appends = 0;
  /** The sequence numbers each committed statement wrote. */
  batches: number[][] = [];
  /** Fail the next appends (a store that went away), or the next partition creation with this message. */
  failAppends = 0;
  partitionError: string | null = null;
  /** Before each append, let another writer move the head this many times. */
  interlopers = 0;

  readonly db = {
    exec: async (sql: string) => {
      if (this.partitionError) {
        const message = this.partitionError;
        this.partitionError = null;
        throw new Error(message);
      }
      this.partitions.push(sql);
    },
    query: async <T,>(sql: string, params: readonly unknown[] = []): Promise<T[]> => (await this.answer(sql, params)) as T[],
  } as unknown as Database;

  private async answer(sql: string, params: readonly unknown[]): Promise<unknown[]> {
    // The writes first: the checkpoint a writer signs on closing is inserted FROM audit_head.
    if (sql.includes('WITH head AS')) return this.append(params);
    if (sql.includes('INSERT INTO audit_checkpoint')) return this.closingCheckpoint(params);
    if (sql.includes('FROM audit_archive')) return [];
    if (sql.includes('FROM audit_head')) return this.head ? [{ seq: String(this.head.seq), hash: this.head.hash }] : [];
    if (sql.includes('FROM audit_checkpoint')) return this.checkpoints;
    if (sql.includes('FROM audit_event WHERE seq >')) {
      const [after, limit] = params as [number, number];
      return this.events.filter((row) => Number(row.seq) > after).slice(0, limit);
    }
    throw new Error(`unexpected statement: ${sql}`);
  }

  private closingCheckpoint(params: readonly unknown[]): unknown[] {
    const [seq, hash, signedAt, keyId, signature] = params as [number, string, string, string, string];
    if (this.head?.seq === seq && this.head.hash === hash && !this.checkpoints.some((c) => Number(c.seq) === seq)) {
      this.checkpoints.push({ seq: String(seq), hash, signed_at: signedAt, key_id: keyId, signature });
    }
    return [];
  }

  private append(params: readonly unknown[]): unknown[] {
    this.appends++;
    if (this.failAppends > 0) {
      this.failAppends--;
      throw new Error('connection lost');
    }
    if (this.interlopers > 0 && this.head) {
      this.interlopers--;
      this.head = { seq: this.head.seq + 1, hash: 'e'.repeat(64) }; // another replica's event (not kept: only the head matters here)
    }
    const [batch, seq, hash, fromSeq, fromHash, cpSeq, cpHash, cpAt, cpKid, cpSig] = params as [string, number, string, number, string, number | null, string, string, string, string];
    if (this.head?.seq !== fromSeq || this.head.hash !== fromHash) return [];
    this.head = { seq, hash };
    if (cpSeq !== null) this.checkpoints.push({ seq: String(cpSeq), hash: cpHash, signed_at: cpAt, key_id: cpKid, signature: cpSig });
    const rows = JSON.parse(batch) as (Omit<AuditEventRow, 'seq'> & { seq: number })[];
    if (rows.some((row) => !jsonbHolds(row.event))) throw new Error('unsupported Unicode escape sequence');
    for (const row of rows) this.events.push({ ...row, seq: String(row.seq) });
    this.batches.push(rows.map((row) => row.seq));
    return rows.map((row) => ({ seq: row.seq }));
  }
}
