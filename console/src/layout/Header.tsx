import type { Session } from '../session/Session';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import type { Screen } from '../Screen';

/**
 * Who is signed in (and how: a remote session shows its MFA state [P9]), until when, the
 * declared purpose shown on every screen [P5], and the screens the user's roles open.
 */
export function Header(props: {
  session: Session;
  displayName: string;
  oversight: boolean;
  /** Roles with a workspace of saved queries (every role that reads records). */
  workspace: boolean;
  /** [P3] the user's roles may search commercial sources. */
  commercial: boolean;
  /** [P14] the user's roles keep the partner agreements. */
  agreements: boolean;
  purpose: DeclaredPurpose | null;
  screen: Screen;
  go: (screen: Screen) => void;
  changePurpose: () => void;
  signOut: () => void;
}) {
  const { session, purpose } = props;
  const until = new Date(session.expiresAt * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const link = (screen: Screen, label: string) => (
    <a
      href={screen.path}
      aria-current={props.screen.name === screen.name || (screen.name === 'saved' && props.screen.name === 'savedQuery') ? 'page' : undefined}
      onClick={(event) => {
        event.preventDefault();
        props.go(screen);
      }}
    >
      {label}
    </a>
  );
  return (
    <header>
      <div className="who">
        <strong>{props.displayName || session.userId}</strong>
        <span>{session.remote ? (session.mfa ? 'remote session, MFA verified' : 'remote session, no MFA') : 'session on the department network'}</span>
        <span>session ends {until}</span>
        <button type="button" onClick={props.signOut}>
          Sign out
        </button>
      </div>
      <nav aria-label="Screens">
        {link({ name: 'search', path: '/console/search' }, 'Person search')}
        {props.workspace && link({ name: 'saved', path: '/console/saved' }, 'Saved queries')}
        {props.oversight && link({ name: 'audit', path: '/console/audit' }, 'Audit trail')}
        {props.oversight && link({ name: 'review', path: '/console/review' }, 'Review queue')}
        {props.oversight && link({ name: 'charts', path: '/console/charts' }, 'Charts')}
        {props.commercial && link({ name: 'commercial', path: '/console/commercial' }, 'Commercial search')}
        {props.agreements && link({ name: 'agreements', path: '/console/agreements' }, 'Agreements')}
      </nav>
      <section className="purpose" aria-label="Declared purpose">
        {purpose ? (
          <p>
            Purpose: <strong data-testid="purpose-code">{purpose.code}</strong> · case {purpose.caseNumber} · “{purpose.justification}”
          </p>
        ) : (
          <p>No purpose declared: nothing is fetched until you declare one.</p>
        )}
        <button type="button" onClick={props.changePurpose}>
          {purpose ? 'Change purpose' : 'Declare purpose'}
        </button>
      </section>
    </header>
  );
}
