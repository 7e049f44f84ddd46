/**
 * The call ids (`jti`) a subgraph has accepted and that have not yet expired: a signed call is
 * answered once [P5]. Bounded: entries leave at their expiry (the map keeps insertion order, and
 * the gateway gives every call the same short lifetime, so the oldest entries expire first).
 *
 * One set per process: with several replicas of a subgraph behind a balancer, a call replayed
 * to another replica within its lifetime would be accepted there. Such a deployment needs a
 * shared store (e.g. a PostgreSQL table or Redis `SET NX PX`) or one audience per replica.
 */
export type CallIdClaim = 'first' | 'seen' | 'full';

export class SeenCallIds {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly capacity = 200_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records `jti` until `expiresAtMs`; `seen` if it was already recorded, `full` if no room is left (fail closed). */
  claim(jti: string, expiresAtMs: number): CallIdClaim {
    this.forgetExpired();
    if (this.expiries.has(jti)) return 'seen';
    if (this.expiries.size >= this.capacity) return 'full';
    this.expiries.set(jti, expiresAtMs);
    return 'first';
  }

  get size(): number {
    return this.expiries.size;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [jti, expiresAt] of this.expiries) {
      if (expiresAt > now) break;
      this.expiries.delete(jti);
    }
  }
}
