import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { buildConsoleIfStale } from '../../cli/buildConsole';
import { startGateway } from '../../gateway/startGateway';
import { startTestStack, type TestStack } from '../harness/startTestStack';

/**
 * Issue 26: what the console's routes give a hostile page or client, over HTTP against a started
 * stack. The page runs only its own files; nothing outside the build is served; the development
 * sign-in mints sessions only for the people it offers, only from a JSON request, never in
 * production [P9].
 */
describe('the console routes under attack', () => {
  let stack: TestStack;
  let base: string;
  beforeAll(async () => {
    buildConsoleIfStale();
    stack = await startTestStack('pglite', undefined, { consoleSignIn: {} });
    base = stack.gateway.url.replace(/\/graphql$/, '');
  }, 400_000);
  afterAll(() => stack?.close());

  const get = async (path: string) => {
    const response = await request(`${base}${path}`);
    return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
  };

  it.each(['/console', '/console/', '/console/person/P00000001', '/console/audit'])('a strict Content-Security-Policy on %s: own scripts only, no inline, no remote origin', async (path) => {
    const { status, headers, body } = await get(path);
    expect(status).toBe(200);
    expect(body).toContain('<div id="root">');
    const policy = String(headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    // The page names no remote origin at all (no CDN, no web font): it works offline.
    expect(body).not.toMatch(/https?:\/\//);
  });

  it('hashed assets are cached for a year; the page itself is revalidated', async () => {
    const page = await get('/console');
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const asset = await get(script!);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).not.toMatch(/https?:\/\/(?!www\.w3\.org|reactjs\.org|react\.dev)/);
    // The production build: no development runtime, no path of the machine it was built on.
    expect(asset.body).not.toContain('jsxDEV');
    expect(asset.body).not.toContain(process.cwd());
    expect(page.headers['cache-control']).toBe('no-cache');
    // Sent compressed to a browser that accepts it: the same bytes once unzipped.
    const zipped = await request(`${base}${script}`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(Buffer.from(await zipped.body.arrayBuffer())).toString()).toBe(asset.body);
  });

  it.each([
    '/console/assets/../../package.json',
    '/console/assets/%2e%2e/%2e%2e/package.json',
    '/console/assets/..%2f..%2fpackage.json',
    '/console/assets/__proto__',
    '/console/assets/constructor',
    '/console/assets/.source-hash',
    '/console/.source-hash',
  ])('nothing outside the build is served: %s', async (path) => {
    const { status, body } = await get(path);
    expect(body).not.toContain('"dependencies"');
    expect(body).not.toMatch(/^[0-9a-f]{64}$/);
    expect([200, 404]).toContain(status);
    if (status === 200) expect(body).toContain('<div id="root">');
  });

  it('the sign-in offers the seeded people, never the partner client', async () => {
    const { status, body } = await get('/console/api/users');
    expect(status).toBe(200);
    const ids = (JSON.parse(body) as { id: string }[]).map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining(['analyst', 'officer', 'detective', 'iab']));
    expect(ids).not.toContain('partner-da');
  });

  const postSession = async (body: string, contentType = 'application/json') => {
    const response = await request(`${base}/console/api/session`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: response.statusCode, body: await response.body.text() };
  };

  it.each([
    ['a user it does not offer', JSON.stringify({ userId: 'partner-da' }), 'application/json', 400],
    ['a user nobody knows', JSON.stringify({ userId: 'mallory' }), 'application/json', 400],
    ['a user id that is not a string', JSON.stringify({ userId: { $ne: null } }), 'application/json', 400],
    ['not JSON', 'userId=analyst', 'application/json', 400],
    ['a cross-site form post', 'userId=analyst', 'application/x-www-form-urlencoded', 415],
    ['a text/plain "simple request"', JSON.stringify({ userId: 'analyst' }), 'text/plain', 415],
    ['a body over 1 KiB', JSON.stringify({ userId: 'analyst', pad: 'x'.repeat(4096) }), 'application/json', 400],
  ])('no session for %s', async (_name, body, contentType, expected) => {
    const answer = await postSession(body, contentType);
    expect(answer.status).toBe(expected);
    expect(answer.body).not.toContain('token');
  });

  it('a session is a short-lived token the gateway accepts, for that user only', async () => {
    const answer = await postSession(JSON.stringify({ userId: 'analyst' }));
    expect(answer.status).toBe(200);
    const { token } = JSON.parse(answer.body) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; exp: number; iat: number };
    expect(claims.sub).toBe('analyst');
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(30 * 60);
    const me = await stack.query('{ me { id } }', {}, { authorization: `Bearer ${token}` });
    expect(me.data?.me?.id).toBe('analyst');
  });

  it('[P9] a gateway in production refuses to start with the development sign-in', async () => {
    await expect(
      startGateway({
        host: '127.0.0.1', port: 0, subgraphs: [], maxBodyBytes: 1000, production: true, security: 'none',
        developmentSignIn: { users: [], issue: async () => 'token' },
      }),
    ).rejects.toThrow(/development sign-in is never offered in production/);
  });

  it('[P9] without the development sign-in there is no session route', async () => {
    const gateway = await startGateway({
      host: '127.0.0.1', port: 0, subgraphs: Object.values(stack.subgraphs).map(({ name, url }) => ({ name, url })),
      maxBodyBytes: 1000, production: false, security: 'none',
    });
    try {
      const root = gateway.url.replace(/\/graphql$/, '');
      const users = await request(`${root}/console/api/users`);
      expect(users.statusCode).toBe(404);
      await users.body.text();
      const session = await request(`${root}/console/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":"analyst"}' });
      expect(session.statusCode).toBe(404);
      expect(await session.body.text()).not.toContain('token');
    } finally {
      await gateway.close();
    }
  });
});
