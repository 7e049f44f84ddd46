import { ratios, summarize, type Measurement } from '../summarizeComparison';

const m = (gateway: 'a' | 'b', round: number, requestsPerSecond: number, p99: number): Measurement => ({
  gateway, operation: 'op', round, requestsPerSecond, p50: p99 / 2, p99, errors: 0, non2xx: 0, cpuMsPerRequest: 1000 / requestsPerSecond, subgraphCpuMsPerRequest: 1, peakMiB: 100 + round,
});

describe('the benchmark summary', () => {
  // Round 2 ran while the machine was slow for everyone; round 3 was disturbed for (a) alone.
  const measurements = [m('a', 1, 100, 50), m('b', 1, 110, 45), m('a', 2, 50, 100), m('b', 2, 55, 90), m('a', 3, 20, 400), m('b', 3, 108, 46)];

  test('each gateway is summarized by the median of its rounds, and its highest peak memory', () => {
    const [a, b] = summarize(measurements);
    expect(a).toMatchObject({ gateway: 'a', requestsPerSecond: 50, p99: 100, peakMiB: 103 });
    expect(b).toMatchObject({ gateway: 'b', requestsPerSecond: 108, p99: 46 });
  });

  test('b/a is the median of the ratios within each round, not the ratio of overall figures', () => {
    expect(ratios(measurements)).toEqual([{ operation: 'op', against: 'a', requestsPerSecond: 1.1, p99: 0.9, cpuMsPerRequest: 0.91 }]);
  });
});
