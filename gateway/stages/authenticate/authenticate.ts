import type { SubjectSource } from '../../../subgraphs/governance/directory/cachedSubjects';
import { ermsError } from '../../../platform/errors/ErrorCode';
import { unauthenticated, type VerifiedIdentity } from '../../../platform/identity/verifyBearerToken';
import type { Subject } from '../../../policy/Subject';

export type VerifyToken = (authorization: string | undefined) => Promise<VerifiedIdentity>;

/**
 * Who is asking [P5, P8, P9]: the bearer token must verify, and its subject must be an active
 * user of the directory, read on every request (cached briefly). A remote session needs the
 * user's remote-access permission. When the directory cannot answer, nobody gets in.
 */
export function createAuthenticator(verify: VerifyToken, subjects: SubjectSource) {
  return async (authorization: string | undefined): Promise<Subject> => {
    const identity = await verify(authorization);
    const mfa = identity.amr.some((method) => method !== 'pwd');
    let subject: Subject | null;
    try {
      subject = await subjects.subject(identity.subjectId, identity.remote, mfa);
    } catch {
      throw ermsError('FORBIDDEN', 'the user directory cannot be reached; access is refused until it can');
    }
    if (!subject) throw unauthenticated(`${identity.subjectId} is not an active user of the directory`);
    if (identity.remote && subject.remoteAccessAllowed !== true) throw ermsError('FORBIDDEN', 'remote access is not permitted for this user');
    // A copy: the directory's subject is shared by every request of the cache's lifetime.
    // (Object.assign, not a spread: V8 defines a property written after a spread slowly.)
    const { issuer, amr, sessionId, issuedAt, clientId } = identity;
    // [P14] a directory CLIENT is a partner's machine: only its own client-credentials token speaks for it.
    if (subject.kind === 'CLIENT' && clientId !== subject.id) throw unauthenticated(`${subject.id} is a client: it authenticates with OAuth 2 client credentials`);
    return Object.assign({}, subject, { authentication: { method: 'BEARER_JWT' as const, issuer, amr, sessionId, issuedAt, ...(clientId ? { clientId } : {}) } });
  };
}
