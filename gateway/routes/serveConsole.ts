import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

/**
 * The web console (console/, built by Vite into console/dist), served at /console. Every file is
 * read once, when the gateway starts, into a Map (a plain object would answer `__proto__` or
 * `constructor`): a request never touches the disk, and no path it names can reach outside the
 * build. The page may run only its own scripts and styles and talk only to this origin: no
 * inline script, no CDN, no remote font (the department's network is air-gapped).
 */
const contentSecurityPolicy = (connectOrigins: readonly string[]) => [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  // [P9] with OIDC sign-in, exactly the identity provider's token endpoint origin besides our own.
  ["connect-src 'self'", ...connectOrigins].join(' '),
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.json', 'application/json'],
]);

interface Asset {
  body: Buffer;
  /** The same bytes gzipped once at start, for text a browser accepts compressed. */
  gzipped?: Buffer;
  type: string;
}

export type ConsoleRoute = (path: string, request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * Reads the build under `distDir`; answers `/console`, its deep links and its assets.
 * `connectOrigins`: other origins the page may fetch from (the identity provider's token endpoint).
 */
export function serveConsole(distDir: string, connectOrigins: readonly string[] = []): ConsoleRoute {
  const assets = readAssets(distDir);
  const policy = contentSecurityPolicy(connectOrigins);
  const send = (response: ServerResponse, status: number, asset: Asset, cacheControl: string, method: string, acceptsGzip = false) =>
    sendAsset(response, status, asset, cacheControl, method, policy, acceptsGzip);
  const index = assets.get('index.html');
  return (requestPath, request, response) => {
    const method = request.method ?? 'GET';
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (requestPath !== '/console' && !requestPath.startsWith('/console/')) return false;
    if (method !== 'GET' && method !== 'HEAD') {
      send(response, 405, { type: 'text/plain; charset=utf-8', body: Buffer.from('method not allowed') }, 'no-store', method);
      return true;
    }
    if (!index) {
      send(response, 503, { type: 'text/plain; charset=utf-8', body: Buffer.from('the console is not built: run npm run build:console') }, 'no-store', method);
      return true;
    }
    const relative = requestPath.slice('/console/'.length);
    if (relative.startsWith('assets/')) {
      const asset = assets.get(relative);
      if (!asset) send(response, 404, { type: 'text/plain; charset=utf-8', body: Buffer.from('not found') }, 'no-store', method);
      // Vite names each asset after a hash of its content: a new build has new names.
      else send(response, 200, asset, 'public, max-age=31536000, immutable', method, gzip);
      return true;
    }
    // Every other path is a screen of the single-page app (a bookmark, a reload): the page decides.
    send(response, 200, index, 'no-cache', method, gzip);
    return true;
  };
}

function readAssets(distDir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(path.join(distDir, 'index.html'))) return assets;
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      if (name.startsWith('.')) continue; // the build's source stamp is not served
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else {
        const body = readFileSync(file);
        const type = TYPES.get(path.extname(name)) ?? 'application/octet-stream';
        const gzipped = /^(text\/|image\/svg|application\/json)/.test(type) ? gzipSync(body, { level: 9 }) : undefined;
        assets.set(path.relative(distDir, file).split(path.sep).join('/'), { body, type, gzipped });
      }
    }
  };
  walk(distDir);
  return assets;
}

function sendAsset(response: ServerResponse, status: number, asset: Asset, cacheControl: string, method: string, policy: string, acceptsGzip: boolean): void {
  const body = acceptsGzip && asset.gzipped ? asset.gzipped : asset.body;
  response.writeHead(status, {
    'content-type': asset.type,
    'content-length': body.length,
    ...(body === asset.gzipped ? { 'content-encoding': 'gzip' } : {}),
    vary: 'accept-encoding',
    'cache-control': cacheControl,
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  });
  response.end(method === 'HEAD' ? undefined : body);
}
