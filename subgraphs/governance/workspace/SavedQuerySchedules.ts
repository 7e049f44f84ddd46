import { randomBytes } from 'node:crypto';
import type { Database } from '../../../platform/storage/Database';

export type Cadence = 'DAILY' | 'WEEKLY';
export type ScheduleStatus = 'ACTIVE' | 'SUSPENDED' | 'EXPIRED';

export interface SavedQuerySchedule {
  id: string;
  savedQueryId: string;
  ownerId: string;
  cadence: Cadence;
  variables: Record<string, unknown>;
  purpose: string;
  caseNumber: string;
  justification: string;
  /** The owner as they were when it was made: roles, command and assignment [P8]. */
  ownerRoles: string[];
  ownerCommand: string;
  ownerAssignment: string;
  status: ScheduleStatus;
  statusReason: string | null;
  createdAt: string;
  expiresAt: string;
  nextRunAt: string;
  lastRunAt: string | null;
}

interface ScheduleRow {
  id: string;
  saved_query_id: string;
  owner_id: string;
  cadence: Cadence;
  variables: Record<string, unknown>;
  purpose: string;
  case_number: string;
  justification: string;
  owner_roles: string[];
  owner_command: string;
  owner_assignment: string;
  status: ScheduleStatus;
  status_reason: string | null;
  created_at: string;
  expires_at: string;
  next_run_at: string;
  last_run_at: string | null;
}

/** A schedule ends after this many days at most (or sooner with its case). */
export const SCHEDULE_MAX_DAYS = 90;
export const CADENCE_MS: Record<Cadence, number> = { DAILY: 86_400_000, WEEKLY: 7 * 86_400_000 };

/** Recurring runs for a saved query's owner, with the purpose and case they declared once. */
export class SavedQuerySchedules {
  constructor(private readonly db: Database) {}

  async create(input: Omit<SavedQuerySchedule, 'id' | 'status' | 'statusReason' | 'createdAt' | 'lastRunAt'>): Promise<SavedQuerySchedule> {
    const id = `SC-${randomBytes(5).toString('hex').toUpperCase()}`;
    const [row] = await this.db.query<ScheduleRow>(
      `INSERT INTO saved_query_schedule (id, saved_query_id, owner_id, cadence, variables, purpose, case_number, justification,
         owner_roles, owner_command, owner_assignment, expires_at, next_run_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::text[], $10, $11, $12, $13) RETURNING *`,
      [
        id, input.savedQueryId, input.ownerId, input.cadence, JSON.stringify(input.variables), input.purpose, input.caseNumber, input.justification,
        input.ownerRoles, input.ownerCommand, input.ownerAssignment, input.expiresAt, input.nextRunAt,
      ],
    );
    return toSchedule(row!);
  }

  async get(id: string): Promise<SavedQuerySchedule | null> {
    const [row] = await this.db.query<ScheduleRow>('SELECT * FROM saved_query_schedule WHERE id = $1', [id]);
    return row ? toSchedule(row) : null;
  }

  async listOf(ownerId: string): Promise<SavedQuerySchedule[]> {
    const rows = await this.db.query<ScheduleRow>('SELECT * FROM saved_query_schedule WHERE owner_id = $1 ORDER BY created_at DESC', [ownerId]);
    return rows.map(toSchedule);
  }

  /** Active schedules whose time has come (at most `limit`: a tick does bounded work). */
  async due(now: Date, limit: number): Promise<SavedQuerySchedule[]> {
    const rows = await this.db.query<ScheduleRow>(
      `SELECT * FROM saved_query_schedule WHERE status = 'ACTIVE' AND next_run_at <= $1 ORDER BY next_run_at LIMIT $2`,
      [now.toISOString(), limit],
    );
    return rows.map(toSchedule);
  }

  /** Moves the schedule past this run; claimed only if no other replica moved it first. */
  async claim(schedule: SavedQuerySchedule, now: Date): Promise<boolean> {
    const next = new Date(Math.max(Date.parse(schedule.nextRunAt) + CADENCE_MS[schedule.cadence], now.getTime() + 60_000));
    const rows = await this.db.query(
      `UPDATE saved_query_schedule SET next_run_at = $3, last_run_at = $4 WHERE id = $1 AND next_run_at = $2 AND status = 'ACTIVE' RETURNING id`,
      [schedule.id, schedule.nextRunAt, next.toISOString(), now.toISOString()],
    );
    return rows.length === 1;
  }

  async setStatus(id: string, status: ScheduleStatus, reason: string | null): Promise<void> {
    await this.db.query('UPDATE saved_query_schedule SET status = $2, status_reason = $3 WHERE id = $1', [id, status, reason]);
  }

  /** For tests and the owner's "run now": due at once. */
  async makeDue(id: string, at: Date = new Date()): Promise<void> {
    await this.db.query('UPDATE saved_query_schedule SET next_run_at = $2 WHERE id = $1', [id, at.toISOString()]);
  }
}

function toSchedule(row: ScheduleRow): SavedQuerySchedule {
  return {
    id: row.id,
    savedQueryId: row.saved_query_id,
    ownerId: row.owner_id,
    cadence: row.cadence,
    variables: row.variables,
    purpose: row.purpose,
    caseNumber: row.case_number,
    justification: row.justification,
    ownerRoles: row.owner_roles,
    ownerCommand: row.owner_command,
    ownerAssignment: row.owner_assignment,
    status: row.status,
    statusReason: row.status_reason,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
  };
}
