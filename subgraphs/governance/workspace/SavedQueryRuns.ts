import type { Database } from '../../../platform/storage/Database';

export type RunTrigger = 'MANUAL' | 'SCHEDULE' | 'EXPORT';
export type RunOutcome = 'ALLOWED' | 'PARTIAL' | 'REFUSED' | 'FAILED';

/** What a run leaves behind: never the variables' values or the rows, only their count and hashes. */
export interface RunRecord {
  savedQueryId: string;
  version: number;
  runnerId: string;
  requestId: string;
  variablesHash: string;
  purpose: string | null;
  caseNumber: string | null;
  rowCount: number;
  durationMs: number;
  outcome: RunOutcome;
  errorCodes: readonly string[];
  trigger: RunTrigger;
  scheduleId?: string | null;
  newRowCount?: number | null;
  rowHashes?: readonly string[] | null;
}

export interface SavedQueryRun extends Omit<RunRecord, 'rowHashes'> {
  id: string;
  startedAt: string;
  /** The sequence number of the run's audit event (the event with the same request id) [P18]. */
  auditSeq: string | null;
}

interface RunRow {
  id: string;
  saved_query_id: string;
  version: number;
  runner_id: string;
  started_at: string;
  request_id: string;
  variables_hash: string;
  purpose: string | null;
  case_number: string | null;
  row_count: number;
  duration_ms: number;
  outcome: RunOutcome;
  error_codes: string[];
  trigger: RunTrigger;
  schedule_id: string | null;
  new_row_count: number | null;
  audit_seq: string | null;
}

/** The run's audit event: the operation event of its request (an export's: its EXPORT event). */
const RUN_SQL = `SELECT r.*, (SELECT max(e.seq)::text FROM audit_event e WHERE e.request_id = r.request_id
  AND e.kind = CASE WHEN r.trigger = 'EXPORT' THEN 'EXPORT' ELSE 'OPERATION' END) AS audit_seq FROM saved_query_run r`;

/** The run history: per saved query and per user, newest first. */
export class SavedQueryRuns {
  constructor(private readonly db: Database) {}

  async record(run: RunRecord): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO saved_query_run (saved_query_id, version, runner_id, request_id, variables_hash, purpose, case_number, row_count,
         duration_ms, outcome, error_codes, trigger, schedule_id, new_row_count, row_hashes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text[], $12, $13, $14, $15::text[]) RETURNING id::text AS id`,
      [
        run.savedQueryId, run.version, run.runnerId, run.requestId, run.variablesHash, run.purpose, run.caseNumber, run.rowCount,
        run.durationMs, run.outcome, [...run.errorCodes], run.trigger, run.scheduleId ?? null, run.newRowCount ?? null,
        run.rowHashes ? [...run.rowHashes] : null,
      ],
    );
    return row!.id;
  }

  /** Runs of one saved query, or of one user, or both; newest first. */
  async list(filter: { savedQueryId?: string | null; runnerId?: string | null }, first: number): Promise<SavedQueryRun[]> {
    const rows = await this.db.query<RunRow>(
      `${RUN_SQL} WHERE ($1::text IS NULL OR r.saved_query_id = $1) AND ($2::text IS NULL OR r.runner_id = $2) ORDER BY r.id DESC LIMIT $3`,
      [filter.savedQueryId ?? null, filter.runnerId ?? null, first],
    );
    return rows.map(toRun);
  }

  /** The row hashes of a schedule's last run: what counts as new next time. */
  async lastRowHashes(scheduleId: string): Promise<string[] | null> {
    const [row] = await this.db.query<{ row_hashes: string[] | null }>(
      `SELECT row_hashes FROM saved_query_run WHERE schedule_id = $1 AND outcome IN ('ALLOWED', 'PARTIAL') ORDER BY id DESC LIMIT 1`,
      [scheduleId],
    );
    return row?.row_hashes ?? null;
  }
}

function toRun(row: RunRow): SavedQueryRun {
  return {
    id: row.id,
    savedQueryId: row.saved_query_id,
    version: row.version,
    runnerId: row.runner_id,
    startedAt: row.started_at,
    requestId: row.request_id,
    variablesHash: row.variables_hash,
    purpose: row.purpose,
    caseNumber: row.case_number,
    rowCount: row.row_count,
    durationMs: row.duration_ms,
    outcome: row.outcome,
    errorCodes: row.error_codes,
    trigger: row.trigger,
    scheduleId: row.schedule_id,
    newRowCount: row.new_row_count,
    auditSeq: row.audit_seq,
  };
}
