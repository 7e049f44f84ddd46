import { RateLimiter } from '../RateLimiter';

/** The per-user token bucket, on a clock the test moves. */
function limiter(perMinute: number, burst: number) {
  const clock = { now: 0 };
  return { clock, limiter: new RateLimiter({ perMinute, burst }, () => clock.now) };
}

describe('RateLimiter', () => {
  it('lets a caller send `burst` requests at once, then refuses with the seconds to wait', () => {
    const { limiter: rate } = limiter(60, 3);
    expect([1, 2, 3].map(() => rate.take('officer').allowed)).toEqual([true, true, true]);
    expect(rate.take('officer')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the rate per minute', () => {
    const { clock, limiter: rate } = limiter(6, 1); // one request every 10 s
    expect(rate.take('officer').allowed).toBe(true);
    expect(rate.take('officer')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    clock.now += 9_000;
    expect(rate.take('officer')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.now += 1_000;
    expect(rate.take('officer').allowed).toBe(true);
  });

  it('keeps one bucket per caller: one caller over the rate never slows another', () => {
    const { limiter: rate } = limiter(60, 1);
    expect(rate.take('officer').allowed).toBe(true);
    expect(rate.take('officer').allowed).toBe(false);
    expect(rate.take('detective').allowed).toBe(true);
  });

  it('forgets callers whose bucket has refilled, so memory follows active callers', () => {
    const { clock, limiter: rate } = limiter(600, 10);
    for (let i = 0; i < 1000; i++) rate.take(`user-${i}`);
    clock.now += 60_000;
    for (let i = 0; i < 100; i++) rate.take('busy');
    expect(rate.size).toBeLessThan(10);
  });

  it('refuses a limit that would let nothing through', () => {
    expect(() => new RateLimiter({ perMinute: 0, burst: 1 })).toThrow();
  });
});
