import type { RateLimit } from '../../../platform/config/loadLimitsConfig';
import { RateLimiter, type RateDecision } from './RateLimiter';

const MINUTE_MS = 60_000;

/**
 * Failed authentications per source address: `burst` failures at once, refilled at `perMinute`.
 * Nothing else limits a caller without an identity (the per-user limit needs one), and each of
 * its attempts is a LOGON event [P18]: without this, a flood of bad tokens fills the trail.
 *
 * An address over its limit is refused, and the trail keeps the first refusal of each minute
 * per address only; every refusal is still counted in the metrics.
 */
export class UnauthenticatedRateLimit {
  private readonly failures: RateLimiter;
  /** Addresses with a refusal audited in `minute` (minutes since the epoch). */
  private readonly audited = new Set<string>();
  private minute = 0;

  constructor(
    readonly limit: RateLimit,
    /** Called for every refusal (the metrics count them all; the audit only some). */
    private readonly refused: () => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.failures = new RateLimiter(limit, now);
  }

  /** One failed authentication from `address`; refused once the address has spent its failures. */
  failed(address: string): RateDecision {
    const decision = this.failures.take(address);
    if (!decision.allowed) this.refused();
    return decision;
  }

  /** Whether this refusal of `address` is the first of its minute: the one the audit records. */
  firstRefusalOfMinute(address: string): boolean {
    const minute = Math.floor(this.now() / MINUTE_MS);
    // A new minute forgets the last: memory follows the addresses refused this minute.
    if (minute !== this.minute) {
      this.audited.clear();
      this.minute = minute;
    }
    if (this.audited.has(address)) return false;
    this.audited.add(address);
    return true;
  }
}
