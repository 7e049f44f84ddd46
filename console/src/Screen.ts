/** The console's screens, each at a path under /console a user can bookmark. */
export type Screen =
  | { name: 'search'; path: string }
  | { name: 'person'; path: string; personId: string }
  | { name: 'audit'; path: string }
  | { name: 'saved'; path: string }
  | { name: 'savedQuery'; path: string; savedQueryId: string }
  | { name: 'review'; path: string }
  | { name: 'charts'; path: string }
  | { name: 'commercial'; path: string }
  | { name: 'agreements'; path: string }
  | { name: 'agreement'; path: string; number: string };

export function screenAt(pathname: string): Screen {
  const person = /^\/console\/person\/([^/]+)$/.exec(pathname);
  if (person) return { name: 'person', path: pathname, personId: decodeURIComponent(person[1]!) };
  if (pathname === '/console/audit') return { name: 'audit', path: pathname };
  const saved = /^\/console\/saved\/([^/]+)$/.exec(pathname);
  if (saved) return { name: 'savedQuery', path: pathname, savedQueryId: decodeURIComponent(saved[1]!) };
  if (pathname === '/console/saved') return { name: 'saved', path: pathname };
  if (pathname === '/console/review') return { name: 'review', path: pathname };
  if (pathname === '/console/charts') return { name: 'charts', path: pathname };
  if (pathname === '/console/commercial') return { name: 'commercial', path: pathname };
  if (pathname === '/console/agreements') return { name: 'agreements', path: pathname };
  const agreement = /^\/console\/agreements\/([^/]+)$/.exec(pathname);
  if (agreement) return { name: 'agreement', path: pathname, number: decodeURIComponent(agreement[1]!) };
  return { name: 'search', path: '/console/search' };
}
