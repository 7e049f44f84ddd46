import { request } from 'undici';
import { buildConsoleIfStale } from '../../cli/buildConsole';
import { startGateway } from '../../gateway/startGateway';
import { startCommercialStack, type TestCommercial } from '../harness/startCommercialStack';
import type { TestStack } from '../harness/startTestStack';

/**
 * Issue 26, the console's partner and commercial screens: what a caller without the right role
 * gets from the price list and the agreements' lifecycle, and what the sign-in configuration
 * lets a hostile page reach, over HTTP against a started stack [P3, P9, P14].
 */
const OIDC = {
  issuer: 'https://login.example.test',
  clientId: 'erms-console',
  authorizationEndpoint: 'https://login.example.test/oauth2/authorize',
  tokenEndpoint: 'https://token.example.test:8443/oauth2/token',
  scopes: ['openid', 'profile'],
};

describe('the console’s partner and commercial routes under attack', () => {
  let stack: TestStack & { commercial: TestCommercial };
  let base: string;
  beforeAll(async () => {
    buildConsoleIfStale();
    stack = await startCommercialStack('pglite', {}, { consoleSignIn: {} });
    base = stack.gateway.url.replace(/\/graphql$/, '');
  }, 400_000);
  afterAll(() => stack?.close());

  it.each([
    ['an analyst', 'analyst', 'CRIMINAL_INVESTIGATION'],
    ['an officer', 'officer', 'CRIMINAL_INVESTIGATION'],
    ['a supervisor (reads costs, not prices to search)', 'supervisor', 'CRIMINAL_INVESTIGATION'],
    ['the Privacy Officer', 'privacy-officer', 'AUDIT'],
    ['a detective for civil litigation (commercial sources are for investigations)', 'detective', 'CIVIL_LITIGATION'],
  ])('[P3] the price list and budget are withheld from %s, before planning', async (_name, userId, code) => {
    const answer = await stack.queryAs(userId, { code }, '{ commercialPrices { command remainingCents prices { provider costCents } } }');
    expect(answer.data).toEqual({ commercialPrices: null });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED', field: 'Query.commercialPrices' });
  });

  it('[P3] the price list is the caller’s own command’s: it takes no command to look at another’s budget', async () => {
    const answer = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, '{ commercialPrices(command: "INTELLIGENCE DIVISION") { remainingCents } }');
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const own = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, '{ commercialPrices { command } }');
    expect(own.data).toEqual({ commercialPrices: { command: '075 DET SQUAD' } });
  });

  it('[P14] an agreement’s lifecycle history and next steps are withheld from a detective', async () => {
    const answer = await stack.queryAs('detective', { code: 'CRIMINAL_INVESTIGATION' }, '{ agreement(number: "DA-KINGS-2026-01") { history { changedBy reason } nextStatuses } }');
    expect(answer.data?.agreement ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FIELD_NOT_AUTHORIZED' });
    // The Privacy Officer reads them.
    const officer = await stack.queryAs('privacy-officer', { code: 'AUDIT' }, '{ agreement(number: "DA-KINGS-2026-01") { history { to } nextStatuses } }');
    expect(officer.data.agreement).toEqual({ history: [{ to: 'ACTIVE' }], nextStatuses: ['SUSPENDED', 'EXPIRED', 'TERMINATED'] });
  });

  it('[P9] in development the console is told to use the development sign-in, and the page connects to its own origin only', async () => {
    const config = await request(`${base}/console/api/config`);
    expect(config.statusCode).toBe(200);
    expect(await config.body.json()).toEqual({ mode: 'development' });
    const page = await request(`${base}/console/commercial`);
    await page.body.text();
    expect(String(page.headers['content-security-policy'])).toContain("connect-src 'self';");
  });

  it('[P9] with an identity provider: no development sign-in, and the page may connect to exactly the token endpoint’s origin', async () => {
    const gateway = await startGateway({
      host: '127.0.0.1', port: 0, subgraphs: Object.values(stack.subgraphs).map(({ name, url }) => ({ name, url })),
      maxBodyBytes: 1000, production: false, security: 'none', oidcSignIn: OIDC,
    });
    try {
      const root = gateway.url.replace(/\/graphql$/, '');
      const config = await request(`${root}/console/api/config`);
      // Public settings only: nothing a browser should not hold (no secret, no audience, no JWKS).
      expect(await config.body.json()).toEqual({ mode: 'oidc', ...OIDC });
      for (const path of ['/console/api/users', '/console/api/session']) {
        const refused = await request(`${root}${path}`, { method: path.endsWith('session') ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: path.endsWith('session') ? '{"userId":"analyst"}' : undefined });
        expect(refused.statusCode).toBe(404);
        expect(await refused.body.text()).not.toContain('token":');
      }
      const page = await request(`${root}/console/callback?code=x&state=y`);
      await page.body.text();
      const policy = String(page.headers['content-security-policy']);
      expect(policy).toContain("connect-src 'self' https://token.example.test:8443;");
      // The authorization endpoint is navigated to, never fetched; no other origin, no wildcard.
      expect(policy).not.toContain('login.example.test');
      expect(policy).not.toMatch(/\*|unsafe-/);
    } finally {
      await gateway.close();
    }
  });

  it('[P9] a gateway refuses to offer both the development sign-in and the identity provider’s', async () => {
    await expect(
      startGateway({
        host: '127.0.0.1', port: 0, subgraphs: [], maxBodyBytes: 1000, production: false, security: 'none',
        developmentSignIn: { users: [], issue: async () => 'token' }, oidcSignIn: OIDC,
      }),
    ).rejects.toThrow(/either with the development issuer or with the identity provider/);
  });
});
