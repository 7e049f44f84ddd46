import type { CommercialProvider } from './providers/providerNames';
import type { Database } from '../../platform/storage/Database';
import { insertRows, type Column } from '../../platform/storage/insertRows';
import type { SearchKind } from './SearchQuery';

/**
 * The ledger of commercial searches [P3]: every search is priced at its provider's rate and
 * charged to the user and their command, against the command's monthly budget. A search is
 * reserved (PENDING) before the provider is called, under a lock on the command's budget, so
 * concurrent searches, even from several replicas, never spend past it together.
 */
export interface ChargeRequest {
  id: string;
  requestId: string;
  userId: string;
  command: string;
  provider: CommercialProvider;
  kind: SearchKind;
  purpose: string;
  caseNumber: string;
  dppa: string;
  glba: string;
  /** The price; 0 for an answer from the cache. */
  costCents: number;
  cached: boolean;
}

export type ChargeDecision =
  | { reserved: true }
  | { reserved: false; command: string; budgetCents: number | null; spentCents: number; priceCents: number };

const COLUMNS: readonly Column[] = [
  { name: 'id', type: 'text' }, { name: 'requested_at', type: 'timestamptz' }, { name: 'month', type: 'date' },
  { name: 'request_id', type: 'text' }, { name: 'user_id', type: 'text' }, { name: 'command', type: 'text' },
  { name: 'provider', type: 'text' }, { name: 'kind', type: 'text' }, { name: 'purpose', type: 'text' },
  { name: 'case_number', type: 'text' }, { name: 'dppa', type: 'text' }, { name: 'glba', type: 'text' },
  { name: 'status', type: 'text' }, { name: 'cost_cents', type: 'int' },
];

/** First day of the (UTC) month of `at`, `YYYY-MM-01`. */
export const monthOf = (at: Date) => `${at.toISOString().slice(0, 7)}-01`;

/**
 * Reserves a batch of searches in one transaction: those within their command's budget are
 * recorded, the others refused with what the budget and the month's spending are. A command
 * with no budget may make only free (cached) searches: fail closed.
 */
export async function reserveCharges(db: Database, requests: readonly ChargeRequest[], now: Date): Promise<ChargeDecision[]> {
  const month = monthOf(now);
  const commands = [...new Set(requests.map((r) => r.command))];
  return db.transaction(async (tx) => {
    const budgets = await tx.query<{ command: string; cents: number }>(
      'SELECT command, monthly_budget_cents AS cents FROM command_budget WHERE command = ANY($1::text[]) ORDER BY command FOR UPDATE',
      [commands],
    );
    const spent = await tx.query<{ command: string; cents: string }>(
      `SELECT command, COALESCE(sum(cost_cents), 0) AS cents FROM search
       WHERE month = $1::date AND command = ANY($2::text[]) AND status <> 'FAILED' GROUP BY command`,
      [month, commands],
    );
    const budgetOf = new Map(budgets.map((b) => [b.command, Number(b.cents)]));
    const spentOf = new Map(spent.map((s) => [s.command, Number(s.cents)]));
    const decisions: ChargeDecision[] = [];
    const accepted: ChargeRequest[] = [];
    for (const request of requests) {
      const budget = budgetOf.get(request.command) ?? null;
      const spentSoFar = spentOf.get(request.command) ?? 0;
      if (request.costCents > 0 && (budget === null || spentSoFar + request.costCents > budget)) {
        decisions.push({ reserved: false, command: request.command, budgetCents: budget, spentCents: spentSoFar, priceCents: request.costCents });
        continue;
      }
      spentOf.set(request.command, spentSoFar + request.costCents);
      accepted.push(request);
      decisions.push({ reserved: true });
    }
    if (accepted.length) {
      await insertRows(tx, 'search', COLUMNS, accepted.map((r) => [
        r.id, now.toISOString(), month, r.requestId, r.userId, r.command, r.provider, r.kind, r.purpose, r.caseNumber,
        r.dppa, r.glba, r.cached ? 'CACHED' : 'PENDING', r.costCents,
      ]));
    }
    return decisions;
  });
}

/** The provider answered: the search is charged as reserved. */
export async function completeCharge(db: Database, id: string, reference: string | null, now: Date): Promise<void> {
  await db.query(`UPDATE search SET status = 'COMPLETED', provider_reference = $2, completed_at = $3 WHERE id = $1 AND status = 'PENDING'`, [id, reference, now.toISOString()]);
}

/** The provider gave no answer: nothing is charged, and why is kept. */
export async function failCharge(db: Database, id: string, failure: string, now: Date): Promise<void> {
  await db.query(`UPDATE search SET status = 'FAILED', cost_cents = 0, failure = $2, completed_at = $3 WHERE id = $1 AND status = 'PENDING'`, [id, failure, now.toISOString()]);
}

export interface UserCost {
  userId: string;
  command: string;
  provider: CommercialProvider;
  searches: number;
  cachedSearches: number;
  failedSearches: number;
  costCents: number;
}

export interface CommandCost {
  command: string;
  budgetCents: number | null;
  spentCents: number;
  remainingCents: number | null;
  searches: number;
}

/** What a month's commercial searches cost, per user (and provider) and per command against its budget. */
export async function costReport(db: Database, month: string, command: string | null): Promise<{ byUser: UserCost[]; byCommand: CommandCost[] }> {
  const byUser = await db.query<{ user_id: string; command: string; provider: CommercialProvider; searches: string; cached: string; failed: string; cents: string }>(
    `SELECT user_id, command, provider,
            count(*) FILTER (WHERE status IN ('COMPLETED', 'PENDING')) AS searches,
            count(*) FILTER (WHERE status = 'CACHED') AS cached,
            count(*) FILTER (WHERE status = 'FAILED') AS failed,
            COALESCE(sum(cost_cents) FILTER (WHERE status <> 'FAILED'), 0) AS cents
     FROM search WHERE month = $1::date AND ($2::text IS NULL OR command = $2) GROUP BY user_id, command, provider ORDER BY command, user_id, provider`,
    [month, command],
  );
  const byCommand = await db.query<{ command: string; budget: number | null; spent: string; searches: string }>(
    `SELECT COALESCE(b.command, s.command) AS command, b.monthly_budget_cents AS budget, COALESCE(s.spent, 0) AS spent, COALESCE(s.searches, 0) AS searches
     FROM command_budget b
     FULL JOIN (SELECT command, sum(cost_cents) AS spent, count(*) AS searches FROM search
                WHERE month = $1::date AND status <> 'FAILED' GROUP BY command) s ON s.command = b.command
     WHERE $2::text IS NULL OR COALESCE(b.command, s.command) = $2 ORDER BY 1`,
    [month, command],
  );
  return {
    byUser: byUser.map((r) => ({
      userId: r.user_id, command: r.command, provider: r.provider, searches: Number(r.searches), cachedSearches: Number(r.cached),
      failedSearches: Number(r.failed), costCents: Number(r.cents),
    })),
    byCommand: byCommand.map((r) => {
      const budget = r.budget === null ? null : Number(r.budget);
      return { command: r.command, budgetCents: budget, spentCents: Number(r.spent), remainingCents: budget === null ? null : budget - Number(r.spent), searches: Number(r.searches) };
    }),
  };
}

