import { createAuthenticator } from '../authenticate';
import type { Subject } from '../../../../policy/Subject';

/** [P5, P8, P9] who is asking: a verified token for an active user; fail closed otherwise. */
describe('createAuthenticator', () => {
  const subject = (overrides: Partial<Subject> = {}): Subject => ({
    id: 'officer', kind: 'USER', displayName: 'PO', roles: ['OFFICER'], command: '075 PCT', assignment: 'PATROL',
    agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: false, mfa: false, ...overrides,
  });
  const verify = (remote = false) => async () => ({ subjectId: 'officer', amr: remote ? ['pwd', 'mfa'] : ['pwd'], remote, issuer: 'urn:test', sessionId: 's1' });
  const source = (answer: () => Promise<Subject | null>) => ({ subject: answer, invalidate: () => undefined });

  it('refuses everyone while the directory cannot answer (FORBIDDEN), rather than trusting the token alone', async () => {
    const authenticate = createAuthenticator(verify(), source(async () => { throw new Error('connection refused'); }));
    await expect(authenticate('Bearer x')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('refuses a token whose subject is unknown or inactive in the directory (UNAUTHENTICATED)', async () => {
    const authenticate = createAuthenticator(verify(), source(async () => null));
    await expect(authenticate('Bearer x')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a remote session for a user the directory does not permit remote access', async () => {
    await expect(createAuthenticator(verify(true), source(async () => subject({ remote: true })))('Bearer x')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(createAuthenticator(verify(true), source(async () => subject({ remote: true, remoteAccessAllowed: true })))('Bearer x')).resolves.toMatchObject({ id: 'officer' });
  });
});
