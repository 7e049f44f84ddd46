/** How `npm start` waits before restarting a service that exited on its own. */
export interface RestartPolicy {
  /** The first wait. */
  initialMs: number;
  /** Each further wait doubles, up to this. */
  maxMs: number;
  /** A service that ran this long before exiting was stable: the wait starts again from `initialMs`. */
  stableAfterMs: number;
}

/** A PGlite store reopens in well under a second: a service is back a second or two after it died. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialMs: 500, maxMs: 10_000, stableAfterMs: 30_000 };

/**
 * The wait before each restart of one service: doubling while it keeps failing soon after
 * starting (a crash loop must not spin the machine's two cores), reset once it ran stably.
 */
export class RestartBackoff {
  private nextMs: number;

  constructor(private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY) {
    this.nextMs = policy.initialMs;
  }

  /** The wait before restarting a service that ran `ranForMs` before it exited. */
  delayAfter(ranForMs: number): number {
    if (ranForMs >= this.policy.stableAfterMs) this.nextMs = this.policy.initialMs;
    const delay = this.nextMs;
    this.nextMs = Math.min(this.policy.maxMs, this.nextMs * 2);
    return delay;
  }
}
