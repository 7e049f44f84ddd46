import type { Database } from '../../../platform/storage/Database';

/** [P14, P18] One agreement's month: uses, records released, refusals by code. */
export interface AgreementMonth {
  agreementNumber: string;
  month: string;
  uses: number;
  recordsReleased: number;
  refusals: { code: string; count: number }[];
}

/**
 * Reads the audit trail by the agreement each partner event names (the gateway's audit stage
 * writes it): the trail is the one record of use, so oversight never counts twice.
 */
export async function agreementMonths(db: Database, agreementNumber: string, fromMonth: string, toMonth: string): Promise<AgreementMonth[]> {
  const rows = await db.query<{ month: string; uses: number; records: number; code: string | null; refusals: number }>(
    `WITH events AS (
       SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, event
       FROM audit_event
       WHERE event ->> 'agreement' = $1 AND kind = 'OPERATION'
         AND occurred_at >= ($2 || '-01')::timestamptz AND occurred_at < (($3 || '-01')::date + interval '1 month')
     ),
     totals AS (SELECT month, count(*)::int AS uses, COALESCE(sum((event ->> 'resultCount')::int), 0)::int AS records FROM events GROUP BY month),
     refused AS (
       SELECT month, code, count(*)::int AS refusals FROM events, jsonb_array_elements_text(event -> 'errorCodes') AS code
       WHERE event ->> 'outcome' = 'REFUSED' GROUP BY month, code
     )
     SELECT t.month, t.uses, t.records, r.code, COALESCE(r.refusals, 0) AS refusals
     FROM totals t LEFT JOIN refused r ON r.month = t.month ORDER BY t.month, r.code`,
    [agreementNumber, fromMonth, toMonth],
  );
  const months = new Map<string, AgreementMonth>();
  for (const row of rows) {
    let month = months.get(row.month);
    if (!month) months.set(row.month, (month = { agreementNumber, month: row.month, uses: row.uses, recordsReleased: row.records, refusals: [] }));
    if (row.code) month.refusals.push({ code: row.code, count: row.refusals });
  }
  return [...months.values()];
}
