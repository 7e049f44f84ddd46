import { useState, type FormEvent } from 'react';
import type { Session } from '../session/Session';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import { useOperation } from '../api/useOperation';
import { refusalOf, withheldByPath } from '../api/refusalText';
import { RefusalNotice } from '../layout/RefusalNotice';
import { StackedColumns, type Series } from './StackedColumns';
import { HorizontalBars } from './HorizontalBars';
import { bucketStarts, isoDay, type Bucket } from './bucketStarts';

const USAGE = `query ConsoleAuditUsage($from: Date!, $to: Date!, $bucket: UsageBucket) {
  auditUsage(from: $from, to: $to, bucket: $bucket) { start purpose command uses refusals refusalsByGuard { guard count } }
}`;
const COSTS = `query ConsoleCommercialCosts($month: String) { commercialCosts(month: $month) { month byCommand { command budgetCents spentCents searches } } }`;

interface UsageRow { start: string; purpose: string | null; command: string | null; uses: number; refusals: number; refusalsByGuard: { guard: string; count: number }[] }
interface CostData { commercialCosts: { month: string; byCommand: { command: string; budgetCents: number | null; spentCents: number; searches: number }[] } | null }

/** One series per value of `key` (a purpose or a command), uses per bucket. */
function seriesBy(rows: UsageRow[], columns: string[], key: 'purpose' | 'command'): Series[] {
  const byName = new Map<string, number[]>();
  for (const row of rows) {
    if (row.uses === 0) continue;
    const name = row[key] ?? (key === 'purpose' ? 'no purpose declared' : 'no command');
    const values = byName.get(name) ?? columns.map(() => 0);
    const i = columns.indexOf(row.start);
    if (i >= 0) values[i]! += row.uses;
    byName.set(name, values);
  }
  return [...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, values]) => ({ name, values }));
}

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/**
 * Pictures for supervisors and oversight [P18, P3]: uses over time per purpose and per command,
 * refusals by the guard that refused, and commercial spend against each command's budget. The
 * counts come from the gateway within the reader's scope (`auditUsage`, `commercialCosts`);
 * the screen only draws them, each with a table of the same numbers.
 */
export function UsageCharts({ session, purpose }: { session: Session; purpose: DeclaredPurpose }) {
  const DAY_MS = 86_400_000;
  const today = isoDay(Date.now());
  const [draft, setDraft] = useState({ from: isoDay(Date.now() - 13 * DAY_MS), to: today, bucket: 'DAY' as Bucket });
  const [applied, setApplied] = useState(draft);
  const usage = useOperation<{ auditUsage: UsageRow[] | null }>(session, purpose, USAGE, applied);
  const costs = useOperation<CostData>(session, purpose, COSTS, { month: applied.to.slice(0, 7) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };

  const rows = usage?.answer?.data?.auditUsage;
  const usageRefusal = usage?.answer ? refusalOf(usage.answer.errors) : null;
  const usageWithheld = usage?.answer ? withheldByPath(usage.answer.errors).get('auditUsage') : undefined;
  const columns = bucketStarts(applied.from, applied.to, applied.bucket);
  const guards = new Map<string, number>();
  for (const row of rows ?? []) for (const g of row.refusalsByGuard) guards.set(g.guard, (guards.get(g.guard) ?? 0) + g.count);
  const report = costs?.answer?.data?.commercialCosts;
  // Withheld from a role without COMMERCIAL_COST (IAB), or absent where no commercial subgraph is composed.
  const costsWithheld = costs?.answer && !report ? withheldByPath(costs.answer.errors).get('commercialCosts') ?? refusalOf(costs.answer.errors)?.detail : undefined;

  return (
    <main aria-labelledby="charts-title">
      <h1 id="charts-title">Charts</h1>
      <form onSubmit={submit} aria-label="Choose the period" className="filters">
        <div className="filter">
          <label htmlFor="charts-from">From (day, UTC)</label>
          <input id="charts-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="filter">
          <label htmlFor="charts-to">Until (day, included)</label>
          <input id="charts-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <div className="filter">
          <label htmlFor="charts-bucket">Per</label>
          <select id="charts-bucket" value={draft.bucket} onChange={(e) => setDraft({ ...draft, bucket: e.target.value as Bucket })}>
            <option value="DAY">day</option>
            <option value="WEEK">week</option>
          </select>
        </div>
        <button type="submit">Show</button>
      </form>
      {usage?.loading && <p role="status">Counting the uses…</p>}
      {usageRefusal && <RefusalNotice refusal={usageRefusal} />}
      {usageWithheld && (
        <p role="alert" className="refusal">
          The uses are withheld: {usageWithheld}
        </p>
      )}
      {rows && (
        <>
          <p className="meaning">Uses within your oversight scope, {applied.from} to {applied.to}; reading them is recorded in the audit trail.</p>
          <StackedColumns id="uses-purpose" title="Uses over time, per purpose" columns={columns} series={seriesBy(rows, columns, 'purpose')} unit="uses" />
          <StackedColumns id="uses-command" title="Uses over time, per command" columns={columns} series={seriesBy(rows, columns, 'command')} unit="uses" />
          <HorizontalBars
            id="refusals-guard"
            title="Refusals by guard"
            bars={[...guards].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([label, value]) => ({ label, value }))}
            columns={['Guard or code', 'Refusals']}
          />
        </>
      )}
      {report && (
        <HorizontalBars
          id="commercial-spend"
          title={`Commercial spend against budget, ${report.month}`}
          bars={report.byCommand.map((c) => ({ label: c.command, value: c.spentCents, limit: c.budgetCents }))}
          columns={['Command', 'Spent', 'Budget']}
          format={dollars}
        />
      )}
      {costsWithheld && (
        <section aria-labelledby="spend-withheld">
          <h2 id="spend-withheld">Commercial spend against budget</h2>
          <p>Not shown: {costsWithheld}</p>
        </section>
      )}
    </main>
  );
}
