import { useEffect, useState, type FormEvent } from 'react';
import { sessionFromToken, type Session } from './Session';

interface SignInUser {
  id: string;
  displayName: string;
  roles: string[];
  command: string;
}

/**
 * Development sign-in: pick a seeded user, and the gateway's local issuer (the same one as
 * `npm run token`) mints a short session. A gateway with an identity provider, or in
 * production, has no such route: the page then says so.
 */
export function SignIn({ onSignedIn, notice }: { onSignedIn: (session: Session) => void; notice?: string }) {
  const [users, setUsers] = useState<SignInUser[] | null>(null);
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch('/console/api/users').then(async (response) => {
      if (!response.ok) {
        setError('Development sign-in is not available on this gateway: sign in through the department’s identity provider.');
        return;
      }
      const list = (await response.json()) as SignInUser[];
      setUsers(list);
      setUserId(list[0]?.id ?? '');
    }, () => setError('The gateway cannot be reached.'));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const response = await fetch('/console/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    if (!response.ok) {
      setError(`Sign-in refused (HTTP ${response.status}).`);
      return;
    }
    const { token } = (await response.json()) as { token: string };
    onSignedIn(sessionFromToken(token));
  };

  return (
    <main className="sign-in">
      <h1>ERMS console</h1>
      <p>Every use is recorded with the purpose you declare [P18].</p>
      {notice && <p role="status" className="notice">{notice}</p>}
      {error && <p role="alert" className="refusal">{error}</p>}
      {users && (
        <form onSubmit={submit} aria-label="Sign in">
          <label htmlFor="sign-in-user">User (development issuer)</label>
          <select id="sign-in-user" value={userId} onChange={(e) => setUserId(e.target.value)}>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.id}: {user.displayName}, {user.roles.join(', ')}, {user.command}
              </option>
            ))}
          </select>
          <button type="submit">Sign in</button>
        </form>
      )}
    </main>
  );
}
