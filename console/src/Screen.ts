/** The console's screens, each at a path under /console a user can bookmark. */
export type Screen =
  | { name: 'search'; path: string }
  | { name: 'person'; path: string; personId: string }
  | { name: 'audit'; path: string }
  | { name: 'saved'; path: string }
  | { name: 'savedQuery'; path: string; savedQueryId: string }
  | { name: 'review'; path: string }
  | { name: 'charts'; path: string };

export function screenAt(pathname: string): Screen {
  const person = /^\/console\/person\/([^/]+)$/.exec(pathname);
  if (person) return { name: 'person', path: pathname, personId: decodeURIComponent(person[1]!) };
  if (pathname === '/console/audit') return { name: 'audit', path: pathname };
  const saved = /^\/console\/saved\/([^/]+)$/.exec(pathname);
  if (saved) return { name: 'savedQuery', path: pathname, savedQueryId: decodeURIComponent(saved[1]!) };
  if (pathname === '/console/saved') return { name: 'saved', path: pathname };
  if (pathname === '/console/review') return { name: 'review', path: pathname };
  if (pathname === '/console/charts') return { name: 'charts', path: pathname };
  return { name: 'search', path: '/console/search' };
}
