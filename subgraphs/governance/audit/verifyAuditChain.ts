import type { JWK } from 'jose';
import type { Database } from '../../../platform/storage/Database';
import { recordHash, type AuditEventRow, type AuditRecord } from './AuditLog';
import { checkpointVerifier } from './checkpoints';

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** Signed checkpoints found and checked. */
  checkpoints: number;
  /** Events before the live table, in archived months (checked by their link, not re-read). */
  archived: number;
  /** The first event that breaks the chain, and how. */
  firstBad?: { seq: number; problem: string };
}

export interface VerifyOptions {
  /** Public keys trusted for checkpoints; without them, checkpoints are matched but not authenticated. */
  checkpointKeys?: readonly JWK[];
  pageSize?: number;
}

const GENESIS = '0'.repeat(64);

/**
 * Walks the audit chain in order and names the first event that was edited (its hash no longer
 * matches), deleted (a gap in the sequence), inserted or reordered (a duplicate or out-of-place
 * sequence number, or a previous-hash link that does not hold), and checks the head. The live
 * chain starts where the archived months end; every signed checkpoint must sign the hash the
 * chain has at its event, so a chain rebuilt from scratch is caught too.
 */
export async function verifyAuditChain(db: Pick<Database, 'query'>, options: VerifyOptions = {}): Promise<ChainVerdict> {
  const pageSize = options.pageSize ?? 5000;
  const archives = await db.query<{ month: string; first_seq: string; last_seq: string; first_prev_hash: string; last_hash: string }>(
    'SELECT month, first_seq, last_seq, first_prev_hash, last_hash FROM audit_archive ORDER BY first_seq',
  );
  let expectedSeq = 1;
  let prevHash = GENESIS;
  for (const archive of archives) {
    if (Number(archive.first_seq) !== expectedSeq || archive.first_prev_hash !== prevHash) {
      return { ok: false, checked: 0, checkpoints: 0, archived: expectedSeq - 1, firstBad: { seq: expectedSeq, problem: `archived month ${archive.month} does not continue the chain` } };
    }
    expectedSeq = Number(archive.last_seq) + 1;
    prevHash = archive.last_hash;
  }
  const archived = expectedSeq - 1;

  const checkpointRows = await db.query<{ seq: string; hash: string; signed_at: string; key_id: string; signature: string }>(
    'SELECT seq, hash, signed_at, key_id, signature FROM audit_checkpoint ORDER BY seq',
  );
  const authentic = options.checkpointKeys ? checkpointVerifier(options.checkpointKeys) : null;
  const checkpoints = new Map(checkpointRows.map((row) => [Number(row.seq), row]));
  let checkpointsChecked = 0;

  let checked = 0;
  let after = archived;
  const verdict = (problem: string, seq: number): ChainVerdict => ({ ok: false, checked, checkpoints: checkpointsChecked, archived, firstBad: { seq, problem } });
  for (;;) {
    const rows = await db.query<AuditEventRow>(
      'SELECT * FROM audit_event WHERE seq > $1 ORDER BY seq, occurred_at LIMIT $2',
      [after, pageSize],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq < expectedSeq) return verdict('sequence number used twice: an event was inserted', seq);
      if (seq > expectedSeq) return verdict(`events ${expectedSeq}..${seq - 1} are missing: deleted`, seq);
      if (row.prev_hash !== prevHash) return verdict('does not follow the event before it: inserted or reordered', seq);
      const record: Omit<AuditRecord, 'hash'> = {
        seq, occurredAt: row.occurred_at, kind: row.kind, requestId: row.request_id, userId: row.user_id, event: row.event, prevHash: row.prev_hash,
      };
      if (recordHash(record) !== row.hash) return verdict('its content does not match its hash: edited', seq);
      const checkpoint = checkpoints.get(seq);
      if (checkpoint) {
        if (checkpoint.hash !== row.hash) return verdict('does not match its signed checkpoint: the chain up to here was rewritten', seq);
        if (authentic && !authentic({ seq, hash: checkpoint.hash, signedAt: checkpoint.signed_at, keyId: checkpoint.key_id, signature: checkpoint.signature })) {
          return verdict('its checkpoint signature does not verify with a trusted key: forged checkpoint', seq);
        }
        checkpointsChecked++;
      }
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < pageSize) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  const lastSeq = expectedSeq - 1;
  const orphan = checkpointRows.find((row) => Number(row.seq) > lastSeq);
  if (orphan) return verdict('a signed checkpoint names an event that is gone: the last events were deleted', lastSeq + 1);
  const [head] = await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  if (!head || Number(head.seq) !== lastSeq || head.hash !== prevHash) {
    return verdict('the chain ends before its recorded head: the last events were deleted', lastSeq + 1);
  }
  return { ok: true, checked, checkpoints: checkpointsChecked, archived };
}
