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

/** The middle value (the mean of the middle two for an even count): one disturbed round moves it little. */
const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** One row per (operation, gateway): the median of its rounds, peak memory the highest seen. */
export function summarize(measurements: readonly Measurement[]): SummaryRow[] {
  const groups = new Map<string, Measurement[]>();
  for (const m of measurements) {
    const key = `${m.operation}\u0000${m.gateway}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((list) => ({
    operation: list[0]!.operation,
    gateway: list[0]!.gateway,
    requestsPerSecond: round(median(list.map((m) => m.requestsPerSecond)), 1),
    p50: round(median(list.map((m) => m.p50)), 1),
    p99: round(median(list.map((m) => m.p99)), 1),
    cpuMsPerRequest: round(median(list.map((m) => m.cpuMsPerRequest)), 2),
    subgraphCpuMsPerRequest: round(median(list.map((m) => m.subgraphCpuMsPerRequest)), 2),
    peakMiB: Math.round(Math.max(...list.map((m) => m.peakMiB))),
    failures: list.reduce((sum, m) => sum + m.errors + m.non2xx, 0),
  }));
}

/**
 * b/a and b/c per operation: in each round the gateways run back to back, so each round gives
 * its own ratio, and the median of those is reported. A machine whose speed drifts between
 * rounds (this one's does, by up to half) moves every gateway of a round alike. Requests/s above
 * 1 means b is faster; p99 and CPU below 1 mean b is quicker or cheaper.
 */
export function ratios(measurements: readonly Measurement[]): Ratios[] {
  const result: Ratios[] = [];
  const operations = [...new Set(measurements.map((m) => m.operation))];
  for (const operation of operations) {
    for (const against of ['a', 'c'] as const) {
      const pairs = measurements
        .filter((m) => m.operation === operation && m.gateway === 'b')
        .map((b) => ({ b, other: measurements.find((m) => m.operation === operation && m.gateway === against && m.round === b.round) }))
        .filter((pair): pair is { b: Measurement; other: Measurement } => !!pair.other);
      if (!pairs.length) continue;
      result.push({
        operation,
        against,
        requestsPerSecond: round(median(pairs.map(({ b, other }) => b.requestsPerSecond / other.requestsPerSecond)), 2),
        p99: round(median(pairs.map(({ b, other }) => b.p99 / other.p99)), 2),
        cpuMsPerRequest: round(median(pairs.map(({ b, other }) => b.cpuMsPerRequest / other.cpuMsPerRequest)), 2),
      });
    }
  }
  return result;
}

/** bench/README.md's table: one line per operation, the three gateways side by side. */
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
