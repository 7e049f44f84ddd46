import { createAuthenticator } from '../authenticate';
import type { Subject } from '../../../../policy/Subject';

/**
 * [P9, P14, P18] The caller the authenticator builds: the directory asked with the session's
 * place and second factor, a partner's machine only through its own client credentials, how the
 * caller authenticated carried for the audit on a copy of the directory's subject.
 */
describe('createAuthenticator: the caller it builds', () => {
  const subject = (overrides: Partial<Subject> = {}): Subject => ({
    id: 'officer', kind: 'USER', displayName: 'PO', roles: ['OFFICER'], command: '075 PCT', assignment: 'PATROL',
    agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: false, mfa: false, ...overrides,
  });
  const verify = (remote = false) => async () => ({ subjectId: 'officer', amr: remote ? ['pwd', 'mfa'] : ['pwd'], remote, issuer: 'urn:test', sessionId: 's1' });
  const source = (answer: () => Promise<Subject | null>) => ({ subject: answer, invalidate: () => undefined });
  it('refuses a token that does not verify before the directory is asked', async () => {
    const asked: string[] = [];
    const authenticate = createAuthenticator(async () => { throw new Error('bad signature'); }, source(async () => (asked.push('asked'), subject())));
    await expect(authenticate('Bearer x')).rejects.toThrow('bad signature');
    expect(asked).toEqual([]);
  });

  it.each([
    { rule: 'a password alone is no second factor', amr: ['pwd'], remote: false, mfa: false },
    { rule: 'a password and a one-time code are', amr: ['pwd', 'otp'], remote: true, mfa: true },
    { rule: 'a hardware key alone is', amr: ['hwk'], remote: false, mfa: true },
    { rule: 'no method at all is none', amr: [], remote: false, mfa: false },
  ])('[P9] asks the directory with the session\'s place and factors: $rule', async ({ amr, remote, mfa }) => {
    const asked: unknown[][] = [];
    const authenticate = createAuthenticator(async () => ({ subjectId: 'officer', amr, remote, issuer: 'urn:test', sessionId: 's1' }), {
      subject: async (...args) => (asked.push(args), subject({ remote, mfa, remoteAccessAllowed: true })),
      invalidate: () => undefined,
    });
    await authenticate('Bearer x');
    expect(asked).toEqual([['officer', remote, mfa]]);
  });

  it('[P18] the caller carries how it authenticated, on a copy: the directory\'s cached subject is left as it was', async () => {
    const cached = subject();
    const authenticate = createAuthenticator(async () => ({ subjectId: 'officer', amr: ['pwd', 'otp'], remote: false, issuer: 'urn:idp', sessionId: 's9', issuedAt: 1_700_000_000 }), source(async () => cached));
    const caller = await authenticate('Bearer x');
    expect(caller).toEqual({ ...cached, authentication: { method: 'BEARER_JWT', issuer: 'urn:idp', amr: ['pwd', 'otp'], sessionId: 's9', issuedAt: 1_700_000_000 } });
    expect(caller).not.toBe(cached);
    expect(cached).not.toHaveProperty('authentication');
  });

  describe('[P14] a directory CLIENT (a partner\'s machine) speaks only through its own client-credentials token', () => {
    const client = subject({ id: 'da-kings', kind: 'CLIENT', roles: ['PARTNER'] });
    const token = (clientId?: string) => async () => ({ subjectId: 'da-kings', amr: [], remote: false, issuer: 'urn:idp', sessionId: 's2', ...(clientId ? { clientId } : {}) });
    it.each([
      { rule: 'its own client credentials: admitted, the client named', clientId: 'da-kings', admitted: true },
      { rule: 'a user token naming the client as subject: refused', clientId: undefined, admitted: false },
      { rule: 'another client\'s credentials: refused', clientId: 'da-bronx', admitted: false },
    ])('$rule', async ({ clientId, admitted }) => {
      const result = createAuthenticator(token(clientId), source(async () => client))('Bearer x');
      if (admitted) await expect(result).resolves.toMatchObject({ id: 'da-kings', authentication: { clientId: 'da-kings' } });
      else await expect(result).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: 'da-kings is a client: it authenticates with OAuth 2 client credentials' });
    });

    it('a user is not a client: a user token carries no client', async () => {
      const caller = await createAuthenticator(verify(), source(async () => subject()))('Bearer x');
      expect(caller.authentication).not.toHaveProperty('clientId');
    });
  });

  it('the refusals say why', async () => {
    await expect(createAuthenticator(verify(), source(async () => null))('Bearer x')).rejects.toThrow('officer is not an active user of the directory');
    await expect(createAuthenticator(verify(true), source(async () => subject({ remote: true })))('Bearer x')).rejects.toThrow('remote access is not permitted for this user');
    await expect(createAuthenticator(verify(), source(async () => { throw new Error('down'); }))('Bearer x')).rejects.toThrow('the user directory cannot be reached; access is refused until it can');
  });

  it('a local session needs no remote-access permission', async () => {
    await expect(createAuthenticator(verify(false), source(async () => subject()))('Bearer x')).resolves.toMatchObject({ id: 'officer' });
  });
});
