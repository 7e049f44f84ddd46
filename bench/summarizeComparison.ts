/** What one autocannon run against one gateway measured. */
export interface Measurement {
  gateway: GatewayKey;
  operation: string;
  round: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU of the gateway's process (its embedded stores included) per answered request. */
  cpuMsPerRequest: number;
  /** CPU of the record subgraphs' processes per request: the same work for every gateway. */
  subgraphCpuMsPerRequest: number;
  /** Highest resident memory the gateway's process has had since it started. */
  peakMiB: number;
}

export type GatewayKey = 'a' | 'b' | 'c';

export const GATEWAY_NAMES: Record<GatewayKey, string> = {
  a: 'bare @apollo/gateway',
  b: 'ERMS gateway (auth, purpose, policy, audit)',
  c: 'Hive Gateway',
};

export interface SummaryRow {
  operation: string;
  gateway: GatewayKey;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  subgraphCpuMsPerRequest: number;
  peakMiB: number;
  failures: number;
}

export interface Ratios {
  operation: string;
  against: 'a' | 'c';
  requestsPerSecond: number;
  p99: number;
  cpuMsPerRequest: number;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** One row per (operation, gateway): the mean of its rounds, peak memory the highest seen. */
export function summarize(measurements: readonly Measurement[]): SummaryRow[] {
  const groups = new Map<string, Measurement[]>();
  for (const m of measurements) {
    const key = `${m.operation}\u0000${m.gateway}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((list) => ({
    operation: list[0]!.operation,
    gateway: list[0]!.gateway,
    requestsPerSecond: round(mean(list.map((m) => m.requestsPerSecond)), 1),
    p50: round(mean(list.map((m) => m.p50)), 1),
    p99: round(mean(list.map((m) => m.p99)), 1),
    cpuMsPerRequest: round(mean(list.map((m) => m.cpuMsPerRequest)), 2),
    subgraphCpuMsPerRequest: round(mean(list.map((m) => m.subgraphCpuMsPerRequest)), 2),
    peakMiB: Math.round(Math.max(...list.map((m) => m.peakMiB))),
    failures: list.reduce((sum, m) => sum + m.errors + m.non2xx, 0),
  }));
}

/**
 * b/a and b/c per operation. Requests/s above 1 means b is faster; p99 and CPU below 1 mean b
 * is quicker or cheaper.
 */
export function ratios(rows: readonly SummaryRow[]): Ratios[] {
  const result: Ratios[] = [];
  for (const b of rows.filter((r) => r.gateway === 'b')) {
    for (const against of ['a', 'c'] as const) {
      const other = rows.find((r) => r.operation === b.operation && r.gateway === against);
      if (!other) continue;
      result.push({
        operation: b.operation,
        against,
        requestsPerSecond: round(b.requestsPerSecond / other.requestsPerSecond, 2),
        p99: round(b.p99 / other.p99, 2),
        cpuMsPerRequest: round(b.cpuMsPerRequest / other.cpuMsPerRequest, 2),
      });
    }
  }
  return result;
}

/** The README's table: one line per operation, the three gateways side by side. */
export function markdownTable(rows: readonly SummaryRow[], ratioList: readonly Ratios[]): string {
  const lines = [
    '| operation | gateway | req/s | p50 ms | p99 ms | CPU ms/req | peak MiB | b/x req/s | b/x p99 |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const ratio = row.gateway === 'b' ? undefined : ratioList.find((r) => r.operation === row.operation && r.against === row.gateway);
    lines.push(
      `| ${row.operation} | ${row.gateway}: ${GATEWAY_NAMES[row.gateway]} | ${Math.round(row.requestsPerSecond)} | ${Math.round(row.p50)} | ${Math.round(row.p99)} | ${row.cpuMsPerRequest.toFixed(1)} | ${row.peakMiB} | ${ratio ? ratio.requestsPerSecond.toFixed(2) : ''} | ${ratio ? ratio.p99.toFixed(2) : ''} |`,
    );
  }
  return lines.join('\n');
}
