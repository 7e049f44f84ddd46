import type { RateLimit } from '../../../platform/config/loadLimitsConfig';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per caller: `burst` requests at once, refilled at `perMinute`. In memory, per
 * gateway replica: with N replicas behind a balancer a caller gets up to N times the rate, which
 * still bounds what one caller costs each replica (the purpose of the limit). Buckets that have
 * refilled are forgotten, so memory follows the callers active in the last few minutes.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private takes = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    if (!(limit.perMinute > 0 && limit.burst >= 1)) throw new Error('a rate limit needs perMinute > 0 and burst >= 1');
    this.perMs = limit.perMinute / 60_000;
  }

  take(caller: string): RateDecision {
    const now = this.now();
    if (++this.takes % 1024 === 0) this.forgetRefilled(now);
    const bucket = this.buckets.get(caller) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(caller, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Callers currently remembered (tests). */
  get size(): number {
    return this.buckets.size;
  }

  private forgetRefilled(now: number): void {
    for (const [caller, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.limit.burst) this.buckets.delete(caller);
    }
  }
}
