import { lazy, Suspense, useEffect, useState } from 'react';
import { graphqlRequest } from './api/graphqlRequest';
import { ACCESS_TABLE } from '../../policy/accessTable';
import type { Category } from '../../policy/vocabulary';
import { AuditTrail } from './audit/AuditTrail';
import { Header } from './layout/Header';
import { PersonPage } from './person/PersonPage';
import type { DeclaredPurpose } from './purpose/DeclaredPurpose';
import { PurposeDialog } from './purpose/PurposeDialog';
import { screenAt, type Screen } from './Screen';
import { PersonSearch } from './search/PersonSearch';
import { isExpired, type Session } from './session/Session';
import { SignIn } from './session/SignIn';

// The saved-query screens load when first opened: the person page's first load does not carry them.
const SavedLibrary = lazy(() => import('./saved/SavedLibrary').then((m) => ({ default: m.SavedLibrary })));
const SavedQueryPage = lazy(() => import('./saved/SavedQueryPage').then((m) => ({ default: m.SavedQueryPage })));
/** Oversight's own screens load when first opened: an analyst's first load does not carry them. */
const ReviewQueue = lazy(() => import('./review/ReviewQueue').then((m) => ({ default: m.ReviewQueue })));
const UsageCharts = lazy(() => import('./charts/UsageCharts').then((m) => ({ default: m.UsageCharts })));

/** [P18] the roles whose work is oversight of uses: they see the audit trail screen. */
const OVERSIGHT_ROLES = new Set(['SUPERVISOR', 'COMMANDING_OFFICER', 'ICO', 'IAB', 'PRIVACY_OFFICER']);

// Screens only a few roles open load when first opened: the first load stays the person search's.
const CommercialSearch = lazy(() => import('./commercial/CommercialSearch').then((m) => ({ default: m.CommercialSearch })));
const AgreementList = lazy(() => import('./agreements/AgreementList').then((m) => ({ default: m.AgreementList })));
const AgreementPage = lazy(() => import('./agreements/AgreementPage').then((m) => ({ default: m.AgreementPage })));

/** Whether any of the roles is granted a category in the access table (the gateway decides; this only chooses which screens to offer). */
const granted = (roles: readonly string[], category: Category) => roles.some((role) => (ACCESS_TABLE as Record<string, Partial<Record<Category, unknown>>>)[role]?.[category] !== undefined);

/** Kept for this tab only, so a reload or a deep link does not sign the user out. */
const stored = <T,>(key: string): T | null => {
  try {
    const text = sessionStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null; // unreadable: sign in and declare again
  }
};
const store = (key: string, value: unknown) => (value === null ? sessionStorage.removeItem(key) : sessionStorage.setItem(key, JSON.stringify(value)));

export function App() {
  const [session, setSession] = useState<Session | null>(() => {
    const saved = stored<Session>('erms.session');
    return saved && !isExpired(saved) ? saved : null;
  });
  const [purpose, setPurpose] = useState<DeclaredPurpose | null>(() => stored<DeclaredPurpose>('erms.purpose'));
  const [declaring, setDeclaring] = useState(false);
  const [me, setMe] = useState<{ displayName: string; roles: string[] } | null>(null);
  const [screen, setScreen] = useState<Screen>(() => screenAt(location.pathname));
  const [notice, setNotice] = useState<string | undefined>();

  useEffect(() => store('erms.session', session), [session]);
  useEffect(() => store('erms.purpose', purpose), [purpose]);
  useEffect(() => {
    const onPop = () => setScreen(screenAt(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  // Sessions expire: at the token's expiry the console signs out and says so.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => {
      setSession(null);
      setNotice('Your session has expired: sign in again.');
    }, Math.max(0, session.expiresAt * 1000 - Date.now()));
    return () => clearTimeout(timer);
  }, [session]);

  // Who the directory says the user is: their own profile needs no declared purpose.
  useEffect(() => {
    setMe(null);
    if (!session) return;
    graphqlRequest<{ me: { displayName: string; roles: string[] } | null }>(session, null, '{ me { displayName roles } }').then((answer) => setMe(answer.data?.me ?? null));
  }, [session]);

  if (!session) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(signedIn) => {
          setNotice(undefined);
          setPurpose(null);
          setSession(signedIn);
        }}
      />
    );
  }

  const go = (next: Screen) => {
    history.pushState(null, '', next.path);
    setScreen(next);
  };
  const oversight = (me?.roles ?? []).some((role) => OVERSIGHT_ROLES.has(role));
  // The access table says who has a workspace of saved queries (administrators, vendors and partners do not) [P14, P16].
  const workspace = granted(me?.roles ?? [], 'WORKSPACE');
  const needsPurpose = purpose === null || declaring;
  return (
    <>
      <a className="skip" href="#content">
        Skip to content
      </a>
      <Header
        session={session}
        displayName={me?.displayName ?? ''}
        oversight={oversight}
        workspace={workspace}
        commercial={granted(me?.roles ?? [], 'COMMERCIAL')}
        agreements={granted(me?.roles ?? [], 'AGREEMENTS')}
        purpose={purpose}
        screen={screen}
        go={go}
        changePurpose={() => setDeclaring(true)}
        signOut={() => {
          setSession(null);
          setPurpose(null);
        }}
      />
      {needsPurpose && (
        <PurposeDialog
          current={purpose}
          onDeclare={(declared) => {
            setPurpose(declared);
            setDeclaring(false);
          }}
          onCancel={() => setDeclaring(false)}
        />
      )}
      <div id="content">
        {purpose && screen.name === 'search' && <PersonSearch session={session} purpose={purpose} openPerson={(id) => go({ name: 'person', path: `/console/person/${encodeURIComponent(id)}`, personId: id })} />}
        {purpose && screen.name === 'person' && <PersonPage key={screen.personId} session={session} purpose={purpose} personId={screen.personId} />}
        {purpose && screen.name === 'audit' && <AuditTrail session={session} purpose={purpose} />}
        <Suspense fallback={<p role="status">Loading…</p>}>
          {purpose && screen.name === 'saved' && <SavedLibrary session={session} purpose={purpose} workspace={me === null ? null : workspace} openQuery={(id) => go({ name: 'savedQuery', path: `/console/saved/${encodeURIComponent(id)}`, savedQueryId: id })} />}
          {purpose && screen.name === 'savedQuery' && <SavedQueryPage key={screen.savedQueryId} session={session} purpose={purpose} savedQueryId={screen.savedQueryId} />}
          {purpose && screen.name === 'review' && <ReviewQueue session={session} purpose={purpose} />}
          {purpose && screen.name === 'charts' && <UsageCharts session={session} purpose={purpose} />}
          {purpose && screen.name === 'commercial' && <CommercialSearch session={session} purpose={purpose} />}
          {purpose && screen.name === 'agreements' && (
            <AgreementList session={session} purpose={purpose} openAgreement={(number) => go({ name: 'agreement', path: `/console/agreements/${encodeURIComponent(number)}`, number })} />
          )}
          {purpose && screen.name === 'agreement' && <AgreementPage key={screen.number} session={session} purpose={purpose} number={screen.number} />}
        </Suspense>
      </div>
    </>
  );
}
