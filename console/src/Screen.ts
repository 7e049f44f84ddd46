/** The console's screens, each at a path under /console a user can bookmark. */
export type Screen = { name: 'search'; path: string } | { name: 'person'; path: string; personId: string } | { name: 'audit'; path: string }
  | { name: 'review'; path: string }
  | { name: 'charts'; path: string };

export function screenAt(pathname: string): Screen {
  const person = /^\/console\/person\/([^/]+)$/.exec(pathname);
  if (person) return { name: 'person', path: pathname, personId: decodeURIComponent(person[1]!) };
  if (pathname === '/console/audit') return { name: 'audit', path: pathname };
  if (pathname === '/console/review') return { name: 'review', path: pathname };
  if (pathname === '/console/charts') return { name: 'charts', path: pathname };
  return { name: 'search', path: '/console/search' };
}
