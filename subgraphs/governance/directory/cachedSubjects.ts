import type { Subject } from '../../../policy/Subject';
import type { DirectoryStore } from './DirectoryStore';

export interface SubjectSource {
  /** The caller, or null when unknown or inactive. Throws when the directory cannot answer. */
  subject(id: string, remote: boolean, mfa: boolean): Promise<Subject | null>;
  /** Forget a user now (a change made through this process). */
  invalidate(id: string): void;
}

/**
 * The directory as the gateway reads it on every request: cached for `ttlMs` (default 30 s),
 * so a revoked role or changed assignment takes effect within a minute for tokens already
 * issued [P8], on every gateway replica, without a directory read per request.
 */
export function cachedSubjects(store: Pick<DirectoryStore, 'subject'>, ttlMs = 30_000, now = () => Date.now()): SubjectSource {
  const entries = new Map<string, { at: number; subject: Promise<Subject | null> }>();
  return {
    subject(id, remote, mfa) {
      const key = `${id}|${remote}|${mfa}`;
      const cached = entries.get(key);
      if (cached && now() - cached.at < ttlMs) return cached.subject;
      const subject = store.subject(id, remote, mfa);
      entries.set(key, { at: now(), subject });
      // A failed read is not cached: the next request asks the directory again.
      subject.catch(() => entries.delete(key));
      if (entries.size > 10_000) entries.delete(entries.keys().next().value!);
      return subject;
    },
    invalidate(id) {
      for (const key of entries.keys()) if (key.startsWith(`${id}|`)) entries.delete(key);
    },
  };
}
