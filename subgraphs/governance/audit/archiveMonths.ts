import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Database } from '../../../platform/storage/Database';
import { recordHash, type AuditEventRow, type AuditLog } from './AuditLog';

export interface ArchiveOptions {
  /** Where each month's file is written. */
  dir: string;
  /** Months kept live; only months wholly older than this are archived (at least 12 [P18]). */
  retentionMonths: number;
  /** Who runs the archive (recorded). */
  by: string;
  now?: Date;
  /** Report without writing anything. */
  dryRun?: boolean;
  progress?: (message: string) => void;
}

export interface ArchivedMonth {
  month: string;
  firstSeq: number;
  lastSeq: number;
  eventCount: number;
  file: string;
  sha256: string;
}


export class ArchiveRefused extends Error {}

/** `2024_03` for the live partition `audit_event_2024_03`. */
const monthOf = (partition: string) => partition.replace('audit_event_', '');

/**
 * [P18] Retention: months of the audit trail older than the retention period are moved out of
 * the live table, never silently dropped. For each such month, oldest first:
 *  1. its events are read and their chain checked (each hash, each link);
 *  2. they are written to `<dir>/audit_event_YYYY_MM.jsonl.gz`, flushed to disk, read back and
 *     compared, and the file's SHA-256 is kept;
 *  3. in one transaction, the month is recorded in `audit_archive` (its first and last event and
 *     hashes, so `audit:verify` checks the live chain across the gap) and its partition is
 *     detached and renamed `audit_archived_YYYY_MM`: still in the database until a person drops it;
 *  4. an ARCHIVE event is written to the trail.
 * A month is archived only if its events continue the chain where the archive ends.
 */
export async function archiveAuditMonths(db: Database, log: AuditLog, options: ArchiveOptions): Promise<ArchivedMonth[]> {
  if (options.retentionMonths < 12) throw new ArchiveRefused('audit records are kept at least 12 months');
  const now = options.now ?? new Date();
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - options.retentionMonths, 1));
  const cutoffMonth = cutoff.toISOString().slice(0, 7).replace('-', '_');
  const partitions = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'audit_event'::regclass ORDER BY c.relname`,
  );
  const due = partitions.map((p) => p.name).filter((name) => /^audit_event_\d{4}_\d{2}$/.test(name) && monthOf(name) < cutoffMonth);
  const [last] = await db.query<{ last_seq: string; last_hash: string }>('SELECT last_seq, last_hash FROM audit_archive ORDER BY last_seq DESC LIMIT 1');
  let nextSeq = last ? Number(last.last_seq) + 1 : 1;
  let prevHash = last?.last_hash ?? '0'.repeat(64);
  const archived: ArchivedMonth[] = [];
  if (!options.dryRun) mkdirSync(options.dir, { recursive: true });
  for (const partition of due) {
    const month = monthOf(partition);
    const rows = await db.query<AuditEventRow>(`SELECT * FROM ${partition} ORDER BY seq`);
    if (!rows.length) {
      options.progress?.(`${month}: empty, left in place`);
      continue;
    }
    const firstSeq = Number(rows[0]!.seq);
    const lastSeq = Number(rows[rows.length - 1]!.seq);
    if (firstSeq !== nextSeq || rows.length !== lastSeq - firstSeq + 1) {
      throw new ArchiveRefused(`${month}: its events (${firstSeq}..${lastSeq}, ${rows.length} events) do not continue the chain at ${nextSeq}; archive refused`);
    }
    for (const row of rows) {
      const content = { seq: Number(row.seq), occurredAt: row.occurred_at, kind: row.kind, requestId: row.request_id, userId: row.user_id, event: row.event, prevHash: row.prev_hash };
      if (row.prev_hash !== prevHash || recordHash(content) !== row.hash) throw new ArchiveRefused(`${month}: event ${row.seq} breaks the chain; run audit:verify; archive refused`);
      prevHash = row.hash;
    }
    const file = path.join(options.dir, `${partition}.jsonl.gz`);
    const body = gzipSync(Buffer.from(rows.map((row) => JSON.stringify({ ...row, seq: Number(row.seq) })).join('\n') + '\n'));
    const sha256 = createHash('sha256').update(body).digest('hex');
    const result: ArchivedMonth = { month: month.replace('_', '-'), firstSeq, lastSeq, eventCount: rows.length, file, sha256 };
    if (options.dryRun) {
      options.progress?.(`${result.month}: would archive events ${firstSeq}..${lastSeq} to ${file}`);
      archived.push(result);
      nextSeq = lastSeq + 1;
      continue;
    }
    writeDurably(file, body);
    const readBack = readFileSync(file);
    if (createHash('sha256').update(readBack).digest('hex') !== sha256 || gunzipSync(readBack).toString().split('\n').length - 1 !== rows.length) {
      throw new ArchiveRefused(`${month}: the archive file did not read back as written; nothing was detached`);
    }
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO audit_archive (month, first_seq, last_seq, event_count, first_prev_hash, last_hash, file, file_sha256, archived_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [result.month, firstSeq, lastSeq, rows.length, rows[0]!.prev_hash, prevHash, file, sha256, options.by],
      );
      await tx.exec(`ALTER TABLE audit_event DETACH PARTITION ${partition}`);
      await tx.exec(`ALTER TABLE ${partition} RENAME TO audit_archived_${month}`);
    });
    await log.append({ kind: 'ARCHIVE', userId: options.by, event: { user: options.by, ...result } });
    options.progress?.(`${result.month}: archived ${rows.length} events (${firstSeq}..${lastSeq}) to ${file}, sha256 ${sha256}`);
    archived.push(result);
    nextSeq = lastSeq + 1;
  }
  return archived;
}

function writeDurably(file: string, body: Buffer): void {
  const fd = openSync(file, 'wx', 0o600); // never overwrite an earlier archive
  try {
    writeSync(fd, body);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

