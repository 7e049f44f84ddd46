import type { Database, SqlParam } from '../../../platform/storage/Database';
import { Conditions } from '../../../platform/storage/Conditions';
import { badUserInput } from '../../../platform/errors/ErrorCode';
import { scopeCondition, type AuditScope } from './auditScope';

export type UsageBucket = 'DAY' | 'WEEK';

/** Uses and refusals of one bucket (a day, or a week from its Monday), purpose and command. */
export interface AuditUsageRow {
  /** The bucket's first day, `YYYY-MM-DD` (UTC). */
  start: string;
  purpose: string | null;
  command: string | null;
  /** Operations that ran (allowed, partly allowed or failed). */
  uses: number;
  /** Operations refused before or while they ran. */
  refusals: number;
  /** The refusals by the guard that refused, or by the error code when no guard did. */
  refusalsByGuard: { guard: string; count: number }[];
}

/** A year and a day: a chart of a year with a leap day, and never a scan of the whole trail. */
export const MAX_USAGE_DAYS = 366;

/** date_trunc's unit for each bucket: chosen from this table, never from the caller's text. */
const UNIT: Record<UsageBucket, string> = { DAY: 'day', WEEK: 'week' };

const DAY_MS = 86_400_000;

/**
 * [P18] How much the records were used, and how often a guard refused, over calendar days
 * `from`..`to` (both included, UTC), per bucket, purpose and command: the supervisors' and
 * oversight's charts. Counted in SQL over the trail's OPERATION events, within the reader's
 * scope (`scopeCondition`, the same scope as `auditEvents`): a chart never shows more than the
 * trail would.
 */
export async function auditUsage(db: Pick<Database, 'query'>, scope: AuditScope, range: { from: string; to: string; bucket: UsageBucket }): Promise<AuditUsageRow[]> {
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Date.parse(`${range.to}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) throw badUserInput('from must be a day on or before to', { argument: 'to' });
  if ((to - from) / DAY_MS + 1 > MAX_USAGE_DAYS) throw badUserInput(`at most ${MAX_USAGE_DAYS} days at a time`, { argument: 'to' });
  const unit = UNIT[range.bucket];
  if (!unit) throw badUserInput('bucket is DAY or WEEK', { argument: 'bucket' });

  const where = new Conditions().add("kind = 'OPERATION'").add('occurred_at >= $', new Date(from).toISOString()).add('occurred_at < $', new Date(to + DAY_MS).toISOString());
  const scoped = scopeCondition(scope);
  if (scoped) where.add(scoped.sql, ...(scoped.values as SqlParam[]));
  // A refusal before the operation ran kept the purpose headers, not a validated purpose.
  const keys = `to_char(date_trunc('${unit}', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS start,
         COALESCE(event -> 'purpose' ->> 'code', event -> 'purposeHeaders' ->> 'purpose') AS purpose,
         event ->> 'command' AS command`;

  const totals = await db.query<{ start: string; purpose: string | null; command: string | null; uses: string; refusals: string }>(
    `SELECT ${keys},
            count(*) FILTER (WHERE (event ->> 'outcome') IS DISTINCT FROM 'REFUSED') AS uses,
            count(*) FILTER (WHERE (event ->> 'outcome') = 'REFUSED') AS refusals
       FROM audit_event ${where.toSql()}
      GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS FIRST, 3 NULLS FIRST`,
    where.params,
  );
  const refused = where.clone().add("(event ->> 'outcome') = 'REFUSED'");
  const byGuard = await db.query<{ start: string; purpose: string | null; command: string | null; guard: string; n: string }>(
    `SELECT start, purpose, command, guard, count(*) AS n FROM (
        SELECT ${keys}, COALESCE(g.code, event -> 'errorCodes' ->> 0, 'UNKNOWN') AS guard
          FROM audit_event
          LEFT JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(event -> 'guards') = 'array' THEN event -> 'guards' ELSE '[]'::jsonb END) AS g(code) ON true
          ${refused.toSql()}
       ) r
      GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 4`,
    refused.params,
  );

  const key = (row: { start: string; purpose: string | null; command: string | null }) => JSON.stringify([row.start, row.purpose, row.command]);
  const rows = new Map<string, AuditUsageRow>();
  for (const row of totals) {
    rows.set(key(row), { start: row.start, purpose: row.purpose, command: row.command, uses: Number(row.uses), refusals: Number(row.refusals), refusalsByGuard: [] });
  }
  for (const row of byGuard) rows.get(key(row))?.refusalsByGuard.push({ guard: row.guard, count: Number(row.n) });
  return [...rows.values()];
}
