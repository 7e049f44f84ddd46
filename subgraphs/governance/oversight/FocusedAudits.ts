import type { Database } from '../../../platform/storage/Database';
import { badUserInput, ermsError } from '../../../platform/errors/ErrorCode';
import type { AuditScope } from './auditScope';
import type { AuditEventFilter, AuditEventStore } from './AuditEventStore';

/** [P18] "Requests for focused audits of computer activity from IAB, Commanding Officers, ICOs". */
export interface FocusedAuditInput {
  userId?: string | null;
  record?: { type: string; id: string } | null;
  from: string;
  to: string;
  reason: string;
}

export type FocusedAuditStatus = 'REQUESTED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface FocusedAudit {
  id: string;
  requestedBy: string;
  requestedAt: string;
  reason: string;
  scope: AuditScope;
  userId: string | null;
  record: { type: string; id: string } | null;
  from: string;
  to: string;
  status: FocusedAuditStatus;
  eventsScanned: number;
  eventSeqs: number[];
  completedAt: string | null;
  failure: string | null;
}

interface Row {
  id: string;
  requested_by: string;
  requested_at: string;
  reason: string;
  scope: AuditScope;
  target_user: string | null;
  record_type: string | null;
  record_id: string | null;
  from_at: string;
  to_at: string;
  status: FocusedAuditStatus;
  events_scanned: string;
  event_seqs: (string | number)[] | null;
  completed_at: string | null;
  failure: string | null;
}

const WINDOW = 5000;

/**
 * Focused audits, tracked to completion: a request is stored (REQUESTED), then run in the
 * background over the trail in windows of sequence numbers (RUNNING, with the count of events
 * scanned so far), and its result is the list of matching events (COMPLETED), fixed at that
 * moment so an export always says the same thing. The reader's scope is fixed at request time.
 * Requests a stopped process left unfinished are run again at the next start (`resume`).
 */
export class FocusedAudits {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly db: Pick<Database, 'query'>, private readonly events: AuditEventStore) {}

  /**
   * `recordWithheld`: the record is withheld from the requester [P12]; the audit is accepted as
   * any other, and runs over no events (it completes with 0, as for a record never released).
   */
  async request(requestedBy: string, scope: AuditScope, input: FocusedAuditInput, recordWithheld = false): Promise<FocusedAudit> {
    if (!input.userId && !input.record) throw badUserInput('a focused audit is of a user or of a record: give userId or record', { argument: 'input' });
    const from = new Date(input.from);
    const to = new Date(input.to);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) throw badUserInput('from must be before to', { argument: 'input.to' });
    if (input.reason.trim().length < 10) throw badUserInput('say why the audit is needed, in at least 10 characters', { argument: 'input.reason' });
    if (input.userId && !(await this.userInScope(scope, input.userId, from, to))) {
      // Said, not run: an audit of someone outside the reader's scope would complete with no events and look like a clean record.
      throw ermsError('FORBIDDEN', `${input.userId} is outside your audit scope over that period (your command's members and the people you supervise); ask IAB or the Agency Privacy Officer`, { argument: 'input.userId' });
    }
    const [row] = await this.db.query<Row>(
      `INSERT INTO focused_audit (requested_by, reason, scope, target_user, record_type, record_id, from_at, to_at, status)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, 'REQUESTED') RETURNING *`,
      [requestedBy, input.reason.trim(), JSON.stringify(recordWithheld ? { all: false, commands: [], users: [] } : scope), input.userId ?? null, input.record?.type ?? null, input.record?.id ?? null, from.toISOString(), to.toISOString()],
    );
    this.start(String(row!.id));
    return toAudit(row!);
  }

  /** [P18] A user is in scope if the reader sees everyone, supervises them, or they served in one of the reader's commands during the period. */
  private async userInScope(scope: AuditScope, userId: string, from: Date, to: Date): Promise<boolean> {
    if (scope.all || scope.users.includes(userId)) return true;
    if (!scope.commands.length) return false;
    const rows = await this.db.query(
      `SELECT 1 FROM assignment WHERE user_id = $1 AND command = ANY($2::text[])
       AND effective_from <= $4::timestamptz::date AND (effective_to IS NULL OR effective_to >= $3::timestamptz::date) LIMIT 1`,
      [userId, scope.commands, from.toISOString(), to.toISOString()],
    );
    return rows.length > 0;
  }

  async get(id: string): Promise<FocusedAudit | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const [row] = await this.db.query<Row>('SELECT * FROM focused_audit WHERE id = $1', [id]);
    return row ? toAudit(row) : null;
  }

  async list(requestedBy: string | null, limit = 50): Promise<FocusedAudit[]> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM focused_audit WHERE $1::text IS NULL OR requested_by = $1 ORDER BY id DESC LIMIT ${Number(limit)}`,
      [requestedBy],
    );
    return rows.map(toAudit);
  }

  /** Completes when the audit's run has (tests and the export wait on it). */
  async settled(id: string): Promise<FocusedAudit | null> {
    await this.running.get(id);
    return this.get(id);
  }

  /** Runs again every request left unfinished by a process that stopped. */
  async resume(): Promise<number> {
    const rows = await this.db.query<{ id: string }>("SELECT id FROM focused_audit WHERE status IN ('REQUESTED', 'RUNNING') ORDER BY id");
    rows.forEach((row) => this.start(String(row.id)));
    return rows.length;
  }

  private start(id: string): void {
    if (this.running.has(id)) return;
    const run = this.run(id)
      .catch(async (error: unknown) => {
        const failure = error instanceof Error ? error.message : String(error);
        await this.db.query("UPDATE focused_audit SET status = 'FAILED', failure = $2, completed_at = now() WHERE id = $1", [id, failure]).catch(() => undefined);
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, run);
  }

  private async run(id: string): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const audit = await this.get(id);
    if (!audit) return;
    await this.db.query("UPDATE focused_audit SET status = 'RUNNING', events_scanned = 0 WHERE id = $1", [id]);
    const filter: AuditEventFilter = { userId: audit.userId, record: audit.record, from: audit.from, to: audit.to };
    const [range] = await this.db.query<{ lo: string | null; hi: string | null }>(
      'SELECT min(seq) AS lo, max(seq) AS hi FROM audit_event WHERE occurred_at >= $1 AND occurred_at < $2',
      [audit.from, audit.to],
    );
    const found: number[] = [];
    if (range?.lo != null && range.hi != null) {
      const where = this.events.conditions(filter, audit.scope);
      for (let lo = Number(range.lo); lo <= Number(range.hi); lo += WINDOW) {
        const hi = Math.min(lo + WINDOW - 1, Number(range.hi));
        const window = where.clone().add('e.seq >= $', lo).add('e.seq <= $', hi);
        const rows = await this.db.query<{ seq: string }>(`SELECT e.seq FROM audit_event e ${window.toSql()} ORDER BY e.seq`, window.params);
        found.push(...rows.map((row) => Number(row.seq)));
        await this.db.query('UPDATE focused_audit SET events_scanned = $2 WHERE id = $1', [id, hi - Number(range.lo) + 1]);
      }
    }
    await this.db.query("UPDATE focused_audit SET status = 'COMPLETED', event_seqs = $2::bigint[], completed_at = now() WHERE id = $1", [id, found]);
  }
}

function toAudit(row: Row): FocusedAudit {
  return {
    id: String(row.id),
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    reason: row.reason,
    scope: row.scope,
    userId: row.target_user,
    record: row.record_type && row.record_id ? { type: row.record_type, id: row.record_id } : null,
    from: row.from_at,
    to: row.to_at,
    status: row.status,
    eventsScanned: Number(row.events_scanned),
    eventSeqs: (row.event_seqs ?? []).map(Number),
    completedAt: row.completed_at ? row.completed_at : null,
    failure: row.failure,
  };
}
