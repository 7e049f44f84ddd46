import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * GraphiQL, served from the npm packages on disk: the department's network is air-gapped, so
 * nothing comes from a CDN. The page uses GraphiQL's headers editor for the bearer token and
 * the purpose headers.
 *
 * A Map, looked up by the request's path: a plain object would answer `__proto__`,
 * `constructor` or `toString` from Object.prototype, and reading that "asset" threw inside the
 * request listener.
 */
const ASSETS = new Map<string, { file: string; type: string }>([
  ['graphiql.min.css', { file: path.join(packageRoot('graphiql'), 'graphiql.min.css'), type: 'text/css' }],
  ['graphiql.min.js', { file: path.join(packageRoot('graphiql'), 'graphiql.min.js'), type: 'text/javascript' }],
  ['react.production.min.js', { file: path.join(packageRoot('react'), 'umd/react.production.min.js'), type: 'text/javascript' }],
  ['react-dom.production.min.js', { file: path.join(packageRoot('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript' }],
]);

/** The installed package's folder (its `exports` map does not list the prebuilt browser files). */
function packageRoot(name: string): string {
  let folder = path.dirname(require.resolve(name));
  while (!existsSync(path.join(folder, 'package.json')) || JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')).name !== name) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`cannot find the folder of ${name}`);
    folder = parent;
  }
  return folder;
}

const cache = new Map<string, Buffer>();

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>ERMS Federation explorer</title>
  <link rel="stylesheet" href="/explorer/graphiql.min.css" />
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading the explorer…</div>
  <script src="/explorer/react.production.min.js"></script>
  <script src="/explorer/react-dom.production.min.js"></script>
  <script src="/explorer/graphiql.min.js"></script>
  <script src="/explorer/start.js"></script>
</body>
</html>`;

const START = `const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const defaultHeaders = JSON.stringify({
  Authorization: 'Bearer <token from: npm run token -- --user detective>',
  'X-Purpose': 'CRIMINAL_INVESTIGATION',
  'X-Case-Number': '2025-075-000123',
  'X-Justification': 'Robbery pattern, 75 precinct',
}, null, 2);
const defaultQuery = '# Find a person across every record source.\\n' +
  'query FindPerson($name: String!) {\\n  searchPersons(name: $name, first: 5) {\\n    edges { score matchedName node { id fullName dateOfBirth arrests { number } } }\\n  }\\n}\\n';
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultHeaders, defaultQuery, defaultEditorToolsVisibility: 'headers', shouldPersistHeaders: false }),
);`;

/** Answers `/explorer` and its assets; returns false for any other path. */
export function serveExplorer(path: string, response: ServerResponse): boolean {
  if (path === '/explorer' || path === '/explorer/') {
    send(response, 'text/html; charset=utf-8', Buffer.from(PAGE));
    return true;
  }
  if (path === '/explorer/start.js') {
    send(response, 'text/javascript', Buffer.from(START));
    return true;
  }
  if (!path.startsWith('/explorer/')) return false;
  const asset = ASSETS.get(path.slice('/explorer/'.length));
  if (!asset) return false;
  let body = cache.get(asset.file);
  if (!body) {
    body = readFileSync(asset.file);
    cache.set(asset.file, body);
  }
  send(response, asset.type, body, 'public, max-age=86400');
  return true;
}

function send(response: ServerResponse, type: string, body: Buffer, cacheControl = 'no-cache'): void {
  response.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}
