import { startGateway, type RunningGateway } from '../../gateway/startGateway';

/** What the gateway serves without any subgraph up: health, readiness that says so, the explorer. */
describe('gateway endpoints with no subgraph reachable', () => {
  let gateway: RunningGateway;
  let base: string;
  beforeAll(async () => {
    // Port 9 (discard) on loopback: nothing listens there.
    gateway = await startGateway({
      host: '127.0.0.1',
      port: 0,
      subgraphs: ['complaints-arrests', 'calls', 'warrants'].map((name) => ({ name, url: 'http://127.0.0.1:9/graphql' })),
      maxBodyBytes: 1000,
      production: false,
      security: 'none',
    });
    base = gateway.url.replace('/graphql', '');
  });
  afterAll(() => gateway?.close());

  it('is alive but not ready, and names the subgraphs that are down', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, status: 'degraded', down: ['complaints-arrests', 'calls', 'warrants'], subgraphs: { 'complaints-arrests': 'down', calls: 'down', warrants: 'down' } });
  });

  it('serves the explorer from local files only (no CDN on an air-gapped network)', async () => {
    const page = await fetch(`${base}/explorer`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source).toMatch(/^\/explorer\//);
      const asset = await fetch(`${base}${source}`);
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('sends a browser asking for /graphql to the explorer', async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/explorer');
  });

  it('refuses a body over the limit and malformed JSON with BAD_USER_INPUT, not a crash', async () => {
    const big = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ ${'a '.repeat(1000)} }` }) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const bad = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers a subgraph outage with an error for the query, not a crash', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ complaint(number: "2024-075-000001") { number } }' }),
    });
    const body = (await response.json()) as any;
    expect(body.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});
