import type { Database } from '../../storage/Database';
import { recordHash, type AuditRecord } from './AuditLog';

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** The first event that breaks the chain, and how. */
  firstBad?: { seq: number; problem: string };
}

/**
 * Walks the audit chain in order and names the first event that was edited (its hash no longer
 * matches), deleted (a gap in the sequence), inserted or reordered (a duplicate or out-of-place
 * sequence number, or a previous-hash link that does not hold), and checks the head.
 */
export async function verifyAuditChain(db: Pick<Database, 'query'>, pageSize = 5000): Promise<ChainVerdict> {
  let expectedSeq = 1;
  let prevHash = '0'.repeat(64);
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await db.query<{ seq: string; occurred_at: string; kind: string; request_id: string | null; user_id: string | null; event: Record<string, unknown>; prev_hash: string; hash: string }>(
      'SELECT * FROM audit_event WHERE seq > $1 ORDER BY seq, occurred_at LIMIT $2',
      [after, pageSize],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const bad = (problem: string): ChainVerdict => ({ ok: false, checked, firstBad: { seq, problem } });
      if (seq < expectedSeq) return bad('sequence number used twice: an event was inserted');
      if (seq > expectedSeq) return bad(`events ${expectedSeq}..${seq - 1} are missing: deleted`);
      if (row.prev_hash !== prevHash) return bad('does not follow the event before it: inserted or reordered');
      const record: Omit<AuditRecord, 'hash'> = {
        seq, occurredAt: row.occurred_at, kind: row.kind, requestId: row.request_id, userId: row.user_id, event: row.event, prevHash: row.prev_hash,
      };
      if (recordHash(record) !== row.hash) return bad('its content does not match its hash: edited');
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < pageSize) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  const [head] = await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  if (!head || Number(head.seq) !== checked || head.hash !== prevHash) {
    return { ok: false, checked, firstBad: { seq: checked + 1, problem: 'the chain ends before its recorded head: the last events were deleted' } };
  }
  return { ok: true, checked };
}
