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
    expect(() => new RateLimiter({ perMinute: 0, burst: 1 })).toThrow('a rate limit needs perMinute > 0 and burst >= 1');
    expect(() => new RateLimiter({ perMinute: 60, burst: 0 })).toThrow('a rate limit needs perMinute > 0 and burst >= 1');
    expect(() => new RateLimiter({ perMinute: -1, burst: 5 })).toThrow();
    expect(() => new RateLimiter({ perMinute: 0.5, burst: 1 })).not.toThrow();
  });

  it('never holds more than `burst` requests, however long a caller was idle', () => {
    const { clock, limiter: rate } = limiter(60, 2);
    rate.take('officer');
    clock.now += 3_600_000;
    expect([1, 2, 3].map(() => rate.take('officer').allowed)).toEqual([true, true, false]);
  });

  it('asks to wait at least a second, rounded up to whole seconds', () => {
    const { clock, limiter: rate } = limiter(6, 1); // one request every 10 s
    rate.take('officer');
    clock.now += 9_500;
    expect(rate.take('officer')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    const fast = limiter(600, 1); // one every 100 ms
    fast.limiter.take('officer');
    expect(fast.limiter.take('officer')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('a bucket not yet refilled is never forgotten: forgetting it would hand its caller a fresh burst', () => {
    const { limiter: rate } = limiter(600, 2);
    expect([1, 2, 3].map(() => rate.take('officer').allowed)).toEqual([true, true, false]);
    for (let i = 0; i < 1020; i++) rate.take(`user-${i}`);
    // The 1024th take sweeps the buckets that have refilled; the officer's has not.
    expect(rate.take('officer').allowed).toBe(false);
  });

  it('a bucket half refilled is still not forgotten, on a clock far from zero', () => {
    const { clock, limiter: rate } = limiter(600, 2); // a token every 100 ms
    clock.now = 1_764_000_000_000;
    expect([1, 2, 3].map(() => rate.take('officer').allowed)).toEqual([true, true, false]);
    clock.now += 50; // half a token back: still refused
    for (let i = 0; i < 1020; i++) rate.take(`user-${i}`);
    expect(rate.take('officer').allowed).toBe(false);
  });

  it('a bucket refilled exactly to its burst is forgotten at the sweep', () => {
    const { clock, limiter: rate } = limiter(600, 2);
    clock.now = 1_764_000_000_000;
    rate.take('officer');
    rate.take('officer');
    for (let i = 0; i < 1021; i++) rate.take(`user-${i}`);
    expect(rate.size).toBe(1022);
    clock.now += 200; // exactly two tokens back: every bucket is full again, none over
    rate.take('analyst'); // the 1024th take sweeps
    expect(rate.size).toBe(1);
    expect([1, 2, 3].map(() => rate.take('officer').allowed)).toEqual([true, true, false]);
  });
});
