/**
 * The sessions this gateway replica has already logged on [P18]: a bounded memory, so the first
 * request of each session leaves a LOGON event. A replica that restarts, or forgets a long-idle
 * session, records its logon again: an extra event, never a missing one.
 */
export class SessionsSeen {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 50_000) {}

  /** True the first time a session is seen (and remembers it). */
  firstTime(sessionId: string): boolean {
    if (this.seen.has(sessionId)) return false;
    if (this.seen.size >= this.capacity) this.seen.delete(this.seen.values().next().value!);
    this.seen.add(sessionId);
    return true;
  }

  /** Its logon could not be recorded: the next request tries again. */
  forget(sessionId: string): void {
    this.seen.delete(sessionId);
  }
}
