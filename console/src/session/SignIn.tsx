import { useEffect, useState, type FormEvent } from 'react';
import type { ConsoleSignInMode } from '../../../gateway/routes/OidcSignIn';
import { beginOidcSignIn, CALLBACK_PATH, completeOidcSignIn } from './oidcSignIn';
import { sessionFromToken, type Session } from './Session';

interface SignInUser {
  id: string;
  displayName: string;
  roles: string[];
  command: string;
}

/**
 * Sign-in, as the gateway says it is done here (`GET /console/api/config`) [P9]:
 *  - development: pick a seeded user, and the gateway's local issuer (the one `npm run token`
 *    uses) mints a short session;
 *  - oidc: the department's identity provider, authorization code with PKCE; the provider sends
 *    the browser back to /console/callback, where the code is exchanged.
 */
export function SignIn({ onSignedIn, notice }: { onSignedIn: (session: Session) => void; notice?: string }) {
  const [mode, setMode] = useState<ConsoleSignInMode | null>(null);
  const [users, setUsers] = useState<SignInUser[] | null>(null);
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [completing, setCompleting] = useState(false);

  useEffect(() => {
    fetch('/console/api/config').then(async (response) => {
      const config = response.ok ? ((await response.json()) as ConsoleSignInMode) : ({ mode: 'none' } as const);
      setMode(config);
      if (config.mode === 'oidc' && location.pathname === CALLBACK_PATH) {
        setCompleting(true);
        const search = location.search;
        // The code and state leave the address bar (and the history) at once.
        history.replaceState(null, '', '/console/search');
        completeOidcSignIn(config, search).then(onSignedIn, (problem: unknown) => {
          setCompleting(false);
          setError(problem instanceof Error ? problem.message : String(problem));
        });
      }
      if (config.mode === 'none') setError('This gateway offers the console no sign-in: ask its operators to configure the identity provider (OIDC_CONSOLE_CLIENT_ID).');
      if (config.mode !== 'development') return;
      const list = (await (await fetch('/console/api/users')).json()) as SignInUser[];
      setUsers(list);
      setUserId(list[0]?.id ?? '');
    }, () => setError('The gateway cannot be reached.'));
    // Once, on arrival: a callback is completed once.
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
      {completing && <p role="status">Signing you in…</p>}
      {mode?.mode === 'oidc' && !completing && (
        <form
          aria-label="Sign in"
          onSubmit={(event) => {
            event.preventDefault();
            void beginOidcSignIn(mode);
          }}
        >
          <p>You sign in at the department’s identity provider ({new URL(mode.issuer).host}); from outside the department’s network it asks for a second factor [P9].</p>
          <button type="submit">Sign in with the identity provider</button>
        </form>
      )}
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
