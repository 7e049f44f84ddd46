import type { Database, SqlParam } from '../../../platform/storage/Database';
import { Conditions } from '../../../platform/storage/Conditions';
import { scopeCondition, type AuditScope } from './auditScope';
import type { AuditEventRow as StoredRow, AuditRecord } from '../audit/AuditLog';

/** What oversight may filter the trail by [P18]. Every filter narrows; none widens the scope. */
export interface AuditEventFilter {
  userId?: string | null;
  /** The `x-request-id` of one answer: its events only. */
  requestId?: string | null;
  command?: string | null;
  record?: { type: string; id: string } | null;
  purpose?: string | null;
  guard?: string | null;
  outcome?: string | null;
  kind?: string | null;
  /** Runs and exports of one saved query (their events name it). */
  savedQueryId?: string | null;
  from?: string | null;
  to?: string | null;
}

/** An event as oversight reads it: the chained record, and a supervisor's acknowledgement if any. */
export interface AuditEventView extends Omit<AuditRecord, 'prevHash'> {
  acknowledgement: { by: string; at: string; comment: string } | null;
}

interface Row extends Omit<StoredRow, 'prev_hash'> {
  ack_by: string | null;
  ack_at: string | null;
  ack_comment: string | null;
}


/** Reads of the audit trail, always within a reader's scope, newest first, by keyset on `seq`. */
export class AuditEventStore {
  constructor(private readonly db: Pick<Database, 'query'>) {}

  conditions(filter: AuditEventFilter, scope: AuditScope): Conditions {
    const where = new Conditions();
    const scoped = scopeCondition(scope);
    if (scoped) where.add(scoped.sql, ...(scoped.values as SqlParam[]));
    where
      .add('user_id = $', filter.userId)
      .add('request_id = $', filter.requestId)
      .add("(event ->> 'command') = $", filter.command)
      .add("(event -> 'purpose' ->> 'code') = $", filter.purpose)
      .add("(event -> 'guards') ? $", filter.guard)
      .add("(event ->> 'outcome') = $", filter.outcome)
      .add('kind = $', filter.kind)
      .add("(event -> 'savedQuery' ->> 'id') = $", filter.savedQueryId)
      .add('occurred_at >= $', filter.from)
      .add('occurred_at < $', filter.to);
    if (filter.record) where.add("(event -> 'records') @> $::jsonb", JSON.stringify({ [filter.record.type]: [filter.record.id] }));
    return where;
  }

  /** One page: `limit` events before `beforeSeq` (newest first). */
  async page(where: Conditions, limit: number, beforeSeq: number | null): Promise<AuditEventView[]> {
    const conditions = where.clone().add('e.seq < $', beforeSeq ?? undefined);
    const rows = await this.db.query<Row>(
      `SELECT e.seq, e.occurred_at, e.kind, e.request_id, e.user_id, e.event, e.hash,
              a.acknowledged_by AS ack_by, a.acknowledged_at AS ack_at, a.comment AS ack_comment
         FROM audit_event e LEFT JOIN use_acknowledgement a ON a.seq = e.seq
         ${conditions.toSql()} ORDER BY e.seq DESC LIMIT ${Number(limit)}`,
      conditions.params,
    );
    return rows.map(toEventRow);
  }

  async count(where: Conditions): Promise<number> {
    const [row] = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_event e ${where.toSql()}`, where.params);
    return Number(row?.n ?? 0);
  }

  /** Events by sequence number (a focused audit's result), oldest first. */
  async bySeq(seqs: readonly number[]): Promise<AuditEventView[]> {
    if (!seqs.length) return [];
    const rows = await this.db.query<Row>(
      `SELECT e.seq, e.occurred_at, e.kind, e.request_id, e.user_id, e.event, e.hash,
              a.acknowledged_by AS ack_by, a.acknowledged_at AS ack_at, a.comment AS ack_comment
         FROM audit_event e LEFT JOIN use_acknowledgement a ON a.seq = e.seq
        WHERE e.seq = ANY($1::bigint[]) ORDER BY e.seq`,
      [seqs],
    );
    return rows.map(toEventRow);
  }
}

function toEventRow(row: Row): AuditEventView {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    kind: row.kind,
    requestId: row.request_id,
    userId: row.user_id,
    event: row.event,
    hash: row.hash,
    acknowledgement: row.ack_by ? { by: row.ack_by, at: row.ack_at!, comment: row.ack_comment ?? '' } : null,
  };
}
