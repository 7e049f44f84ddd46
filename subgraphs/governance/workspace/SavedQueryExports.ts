import { randomBytes } from 'node:crypto';
import type { Database } from '../../../platform/storage/Database';

export type ExportFormat = 'CSV' | 'JSON';
export type ExportStatus = 'RUNNING' | 'READY' | 'FAILED' | 'EXPIRED';

export interface SavedQueryExport {
  id: string;
  savedQueryId: string;
  version: number;
  ownerId: string;
  format: ExportFormat;
  status: ExportStatus;
  createdAt: string;
  expiresAt: string;
  rowCount: number;
  sha256: string | null;
  byteCount: number | null;
  failure: string | null;
}

interface ExportRow {
  id: string;
  saved_query_id: string;
  version: number;
  owner_id: string;
  format: ExportFormat;
  status: ExportStatus;
  created_at: string;
  expires_at: string;
  row_count: number;
  sha256: string | null;
  byte_count: string | null;
  failure: string | null;
}

/** Export files' records: whose, of what, their hash, and when they expire. */
export class SavedQueryExports {
  constructor(private readonly db: Database) {}

  async create(input: { savedQueryId: string; version: number; ownerId: string; format: ExportFormat; ttlDays: number }): Promise<SavedQueryExport> {
    // Unguessable: the id is also the download's address.
    const id = `EX-${randomBytes(12).toString('hex')}`;
    const [row] = await this.db.query<ExportRow>(
      `INSERT INTO saved_query_export (id, saved_query_id, version, owner_id, format, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6::int)) RETURNING *`,
      [id, input.savedQueryId, input.version, input.ownerId, input.format, input.ttlDays],
    );
    return toExport(row!);
  }

  async finish(id: string, result: { rowCount: number; sha256: string; byteCount: number }): Promise<void> {
    await this.db.query(`UPDATE saved_query_export SET status = 'READY', row_count = $2, sha256 = $3, byte_count = $4 WHERE id = $1`, [
      id, result.rowCount, result.sha256, result.byteCount,
    ]);
  }

  async fail(id: string, failure: string): Promise<void> {
    await this.db.query(`UPDATE saved_query_export SET status = 'FAILED', failure = $2 WHERE id = $1`, [id, failure.slice(0, 2000)]);
  }

  async get(id: string): Promise<SavedQueryExport | null> {
    const [row] = await this.db.query<ExportRow>('SELECT * FROM saved_query_export WHERE id = $1', [id]);
    return row ? toExport(row) : null;
  }

  async listOf(ownerId: string, first: number): Promise<SavedQueryExport[]> {
    const rows = await this.db.query<ExportRow>('SELECT * FROM saved_query_export WHERE owner_id = $1 ORDER BY created_at DESC LIMIT $2', [ownerId, first]);
    return rows.map(toExport);
  }

  /** Marks every export past its expiry EXPIRED and returns them (their files are to be removed). */
  async expire(now: Date = new Date()): Promise<SavedQueryExport[]> {
    const rows = await this.db.query<ExportRow>(
      `UPDATE saved_query_export SET status = 'EXPIRED' WHERE status <> 'EXPIRED' AND expires_at <= $1 RETURNING *`,
      [now.toISOString()],
    );
    return rows.map(toExport);
  }
}

function toExport(row: ExportRow): SavedQueryExport {
  return {
    id: row.id,
    savedQueryId: row.saved_query_id,
    version: row.version,
    ownerId: row.owner_id,
    format: row.format,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    rowCount: row.row_count,
    sha256: row.sha256,
    byteCount: row.byte_count === null ? null : Number(row.byte_count),
    failure: row.failure,
  };
}
