import { RestartBackoff } from '../RestartBackoff';

describe('RestartBackoff: a crashing service is restarted ever more slowly, a stable one quickly again', () => {
  const policy = { initialMs: 500, maxMs: 10_000, stableAfterMs: 30_000 };

  it('doubles from 0.5 s up to 10 s while the service keeps failing soon after starting', () => {
    const backoff = new RestartBackoff(policy);
    expect(Array.from({ length: 8 }, () => backoff.delayAfter(1_000))).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it.each([
    ['ran stably (30 s) before exiting: back to 0.5 s', 30_000, 500],
    ['ran briefly (29 s) before exiting: the doubling goes on', 29_000, 4_000],
  ])('%s', (_name, ranForMs, expected) => {
    const backoff = new RestartBackoff(policy);
    for (let i = 0; i < 3; i++) backoff.delayAfter(100);
    expect(backoff.delayAfter(ranForMs)).toBe(expected);
  });
});
