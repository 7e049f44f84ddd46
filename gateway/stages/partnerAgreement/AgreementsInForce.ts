import type { Agreement, AgreementStore } from '../../../subgraphs/governance/agreements/AgreementStore';

/**
 * The agreements as the gateway reads them on a partner's every request: cached for `ttlMs`
 * (default 10 s), forgotten at once when changed through this process. Status and dates are
 * checked on every request against the clock, so an expiry takes effect that minute whatever
 * the cache holds; a suspension made elsewhere within `ttlMs`.
 */
export class AgreementsInForce {
  private readonly entries = new Map<string, { at: number; agreement: Promise<Agreement | null> }>();

  constructor(
    private readonly store: Pick<AgreementStore, 'forSubject'>,
    private readonly ttlMs = 10_000,
    private readonly now = () => Date.now(),
  ) {}

  forSubject(subject: { id: string; kind: 'USER' | 'CLIENT' }): Promise<Agreement | null> {
    const key = `${subject.kind}|${subject.id}`;
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.agreement;
    const agreement = this.store.forSubject(subject);
    this.entries.set(key, { at: this.now(), agreement });
    agreement.catch(() => this.entries.delete(key));
    if (this.entries.size > 10_000) this.entries.delete(this.entries.keys().next().value!);
    return agreement;
  }

  /** An agreement changed: every subject's entry is dropped (few partners; changes are rare). */
  invalidate(_number: string): void {
    this.entries.clear();
  }
}
