import { UnauthenticatedRateLimit } from '../UnauthenticatedRateLimit';

/**
 * Failed authentications per source address [P18]: a flood of bad tokens is refused, and the
 * trail keeps the first refusal of each minute per address; the metrics count every refusal.
 */
function limit(burst: number, perMinute: number) {
  const clock = { now: 10 * 60_000 };
  let refusals = 0;
  const rate = new UnauthenticatedRateLimit({ burst, perMinute }, () => refusals++, () => clock.now);
  return { clock, rate, refusals: () => refusals };
}

describe('failed authentications per address', () => {
  it('allows `burst` failures, then refuses, counting every refusal', () => {
    const { rate, refusals } = limit(2, 60);
    expect([1, 2, 3, 4].map(() => rate.failed('10.0.0.1').allowed)).toEqual([true, true, false, false]);
    expect(refusals()).toBe(2);
  });

  it('each address has its own failures', () => {
    const { rate } = limit(1, 60);
    expect(rate.failed('10.0.0.1').allowed).toBe(true);
    expect(rate.failed('10.0.0.2').allowed).toBe(true);
    expect(rate.failed('10.0.0.1').allowed).toBe(false);
  });

  it('the audit records the first refusal of each minute per address, and again in the next minute', () => {
    const { clock, rate } = limit(1, 60);
    expect(rate.firstRefusalOfMinute('10.0.0.1')).toBe(true);
    expect(rate.firstRefusalOfMinute('10.0.0.1')).toBe(false);
    expect(rate.firstRefusalOfMinute('10.0.0.2')).toBe(true);
    clock.now += 30_000;
    expect(rate.firstRefusalOfMinute('10.0.0.1')).toBe(false);
    clock.now += 30_000;
    expect(rate.firstRefusalOfMinute('10.0.0.1')).toBe(true);
    expect(rate.firstRefusalOfMinute('10.0.0.1')).toBe(false);
  });

  it('counts refusals in the metrics by default without a counter', () => {
    const rate = new UnauthenticatedRateLimit({ burst: 1, perMinute: 1 });
    rate.failed('a');
    expect(rate.failed('a').allowed).toBe(false);
    expect(rate.limit).toEqual({ burst: 1, perMinute: 1 });
  });
});
