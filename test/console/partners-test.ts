import { createHash, randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { buildConsoleIfStale } from '../../cli/buildConsole';
import { loadCommercialConfig } from '../../platform/config/loadCommercialConfig';
import { personAt } from '../../synthetic/world';
import { startCommercialStack, type TestCommercial } from '../harness/startCommercialStack';
import type { TestStack } from '../harness/startTestStack';
import { purposeHeaders } from '../harness/startTestStack';
import { postBody, postGraphQL, TEST_WORLD } from '../harness/startTestSubgraph';
import { byHash, codeOf, DA, exampleOperations, extensionsOf, PROSECUTION, publish } from '../partners/partnerRequests';
import { seriousViolations, startWithBrowser } from './browser';
import { ConsoleDesk, declarePurpose, screenshot } from './consoleJourney';
import { startOidcTestProvider, type OidcTestProvider, type SignInAs } from './oidcTestProvider';

/**
 * The console's partner and commercial screens (issue 26), with the gateway in production's
 * sign-in mode: OIDC authorization code with PKCE against an identity provider (a test double
 * on 127.0.0.1) whose JWKS the gateway trusts. An investigator sees each search's price and the
 * command's remaining budget before running; the Privacy Officer suspends an agreement and the
 * partner's next request is refused [P3, P9, P14].
 */
const RATES = loadCommercialConfig({}, { production: false, host: '127.0.0.1', gatewayPort: 4000, scheme: 'http' }).providers;
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const cents = (text: string | null) => Math.round(Number((text ?? '').replace(/[^0-9.]/g, '')) * 100);
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

describe('partners and commercial sources in the console, signed in with OIDC and PKCE', () => {
  let provider: OidcTestProvider;
  let stack: TestStack & { commercial: TestCommercial };
  let browser: Browser;
  let base: string;
  let desk: ConsoleDesk;

  beforeAll(async () => {
    buildConsoleIfStale();
    provider = await startOidcTestProvider();
    const identityProvider = {
      issuer: provider.issuer,
      jwksUrl: provider.jwksUrl,
      console: { clientId: provider.clientId, authorizationEndpoint: provider.authorizationEndpoint, tokenEndpoint: provider.tokenEndpoint, scopes: ['openid', 'profile'] },
    };
    [stack, browser] = await startWithBrowser(() => startCommercialStack('pglite', {}, { identityProvider }));
    base = stack.gateway.url.replace(/\/graphql$/, '');
    desk = new ConsoleDesk(browser, base);
  }, 400_000);
  afterAll(async () => {
    await desk?.close();
    await browser?.close();
    await stack?.close();
    await provider?.close();
  });

  /** Signs in at the identity provider, keyboard only: the console's one button, then back with a code. */
  async function signInAtProvider(page: Page, user: SignInAs): Promise<void> {
    const button = page.getByRole('button', { name: 'Sign in with the identity provider' });
    await button.waitFor();
    provider.signInNext(user);
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Declare your purpose' }).waitFor();
  }

  /** A bearer token from the provider, as the API's other clients hold one. */
  const asUser = async (userId: string, options: Parameters<OidcTestProvider['token']>[1] = {}) => ({ authorization: `Bearer ${await provider.token(userId, options)}` });

  it('[P9] signs in at the identity provider with PKCE (S256), state and nonce, and shows a remote session’s MFA', async () => {
    const config = await (await fetch(`${base}/console/api/config`)).json();
    expect(config).toEqual({ mode: 'oidc', issuer: provider.issuer, clientId: provider.clientId, authorizationEndpoint: provider.authorizationEndpoint, tokenEndpoint: provider.tokenEndpoint, scopes: ['openid', 'profile'] });
    // No development sign-in beside an identity provider.
    expect((await fetch(`${base}/console/api/users`)).status).toBe(404);
    // The page may connect to its own origin and exactly the token endpoint's.
    expect((await fetch(`${base}/console`)).headers.get('content-security-policy')).toContain(`connect-src 'self' ${provider.issuer};`);

    const { page } = await desk.open();
    const authorize: URL[] = [];
    const exchanges: URLSearchParams[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin !== provider.issuer) return;
      if (url.pathname === '/authorize') authorize.push(url);
      if (url.pathname === '/token') exchanges.push(new URLSearchParams(request.postData() ?? ''));
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-oidc');
    await signInAtProvider(page, { userId: 'detective', remote: true, amr: ['pwd', 'mfa'] });

    const asked = authorize[0]!.searchParams;
    expect(Object.fromEntries(['response_type', 'client_id', 'redirect_uri', 'code_challenge_method'].map((k) => [k, asked.get(k)]))).toEqual({
      response_type: 'code', client_id: provider.clientId, redirect_uri: `${base}/console/callback`, code_challenge_method: 'S256',
    });
    expect(asked.get('scope')!.split(' ')).toContain('openid');
    expect(asked.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(asked.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // The verifier travels only to the token endpoint, and it is the one the challenge was made of.
    const verifier = exchanges[0]!.get('code_verifier')!;
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(s256(verifier)).toBe(asked.get('code_challenge'));
    expect(authorize[0]!.toString()).not.toContain(verifier);
    expect(provider.refusals).toEqual([]);

    // The code and state are gone from the address bar; the session names the user, its expiry and MFA.
    expect(page.url()).toBe(`${base}/console/search`);
    await page.locator('header .who strong').filter({ hasText: 'DET ALICIA MORENO' }).waitFor();
    await expect(page.locator('header .who').textContent()).resolves.toMatch(/remote session, MFA verified.*session ends/);
    // The verifier, state and nonce were for one sign-in: only the session is kept.
    await expect(page.evaluate(() => Object.keys(sessionStorage))).resolves.toEqual(['erms.session']);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('[P9] the provider refuses a tampered verifier and a code used twice; the console refuses a callback it did not start', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const codeFor = async (challenge: string) => {
      provider.signInNext({ userId: 'analyst' });
      const params = new URLSearchParams({ response_type: 'code', client_id: provider.clientId, redirect_uri: `${base}/console/callback`, scope: 'openid', state: 's', nonce: 'n', code_challenge: challenge, code_challenge_method: 'S256' });
      const response = await fetch(`${provider.authorizationEndpoint}?${params}`, { redirect: 'manual' });
      return new URL(response.headers.get('location')!).searchParams.get('code')!;
    };
    const exchange = (code: string, codeVerifier: string) =>
      fetch(provider.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${base}/console/callback`, client_id: provider.clientId, code_verifier: codeVerifier }),
      });
    const tampered = `${verifier.slice(0, -1)}${verifier.endsWith('A') ? 'B' : 'A'}`;
    const code = await codeFor(s256(verifier));
    const refused = await exchange(code, tampered);
    expect(refused.status).toBe(400);
    await expect(refused.json()).resolves.toMatchObject({ error: 'invalid_grant' });
    // A refused code is spent: the right verifier afterwards gets nothing either.
    expect((await exchange(code, verifier)).status).toBe(400);
    expect(provider.refusals).toEqual(['invalid_grant: code_verifier does not match the challenge', 'invalid_grant: unknown or used code']);

    const good = await exchange(await codeFor(s256(verifier)), verifier);
    expect(good.status).toBe(200);
    const { access_token: accessToken } = (await good.json()) as { access_token: string };
    const me = await postGraphQL(stack.gateway.url, '{ me { id } }', {}, { authorization: `Bearer ${accessToken}` });
    expect(me.data).toEqual({ me: { id: 'analyst' } });

    // A callback this tab never started (a forged link) signs no one in.
    const context = await desk.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/console/callback?code=${code}&state=forged`);
    await expect(page.getByRole('alert').textContent()).resolves.toBe('This sign-in was not started from this tab: start again.');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
  });

  it('[P3] an investigator sees each price, the total and the remaining budget before running, and the budget falls by exactly that price', async () => {
    const person = personAt(TEST_WORLD, 7);
    const { page } = await desk.open();
    await signInAtProvider(page, { userId: 'detective', remote: true, amr: ['pwd', 'otp'] });
    await declarePurpose(page, 'CRIMINAL_INVESTIGATION', 'Robbery pattern on Pitkin Avenue, 75 precinct');
    await page.getByRole('link', { name: 'Commercial search' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Commercial search/ }).waitFor();

    // Every search the schema offers, each with the rate the subgraph charges (the server's, not the console's).
    const tlo = page.getByRole('checkbox', { name: 'Person report (TLO)' });
    await tlo.waitFor();
    for (const [name, provider] of [['Person report (TLO)', 'TLO'], ['Person report (ACCURINT)', 'ACCURINT'], ['Phone carrier and subscriber (WHOOSTER)', 'WHOOSTER'], ['Social-media profiles (SKOPENOW)', 'SKOPENOW'], ['Pawn and second-hand transactions (LEADS_ONLINE)', 'LEADS_ONLINE']] as const) {
      await expect(page.getByRole('checkbox', { name }).getAttribute('aria-describedby').then((id) => page.locator(`#${id}`).textContent())).resolves.toContain(`${dollars(RATES[provider].rateCents)} a search`);
    }
    const remainingBefore = cents(await page.getByTestId('budget-remaining').textContent());
    expect(remainingBefore).toBeGreaterThan(RATES.TLO.rateCents);

    for (const [label, value] of [['First name', person.firstName], ['Last name', person.lastName]] as const) {
      await page.getByLabel(label, { exact: true }).focus();
      await page.keyboard.type(value!);
    }
    await tlo.focus();
    await page.keyboard.press('Space');
    // Before Run: the price of the search, the total, and the budget after it.
    await expect(page.getByTestId('cost-total').textContent()).resolves.toBe(dollars(RATES.TLO.rateCents));
    await expect(page.getByRole('region', { name: 'Cost before running' }).textContent()).resolves.toContain(`after these searches: ${dollars(remainingBefore - RATES.TLO.rateCents)}`);
    expect(await seriousViolations(page)).toEqual([]);

    const run = page.getByRole('button', { name: `Run 1 search for ${dollars(RATES.TLO.rateCents)}` });
    await run.focus();
    await page.keyboard.press('Enter');
    const result = page.getByRole('region', { name: 'Person report (TLO)' });
    await expect(result.getByTestId('charged').textContent({ timeout: 20_000 })).resolves.toBe(`charged ${dollars(RATES.TLO.rateCents)}`);
    await expect(result.getByRole('table').count()).resolves.toBe(1);
    await page.getByTestId('budget-remaining').filter({ hasText: dollars(remainingBefore - RATES.TLO.rateCents) }).waitFor();
    // The ledger agrees with the screen.
    const prices = await postGraphQL(stack.gateway.url, '{ commercialPrices { remainingCents } }', {}, { ...(await asUser('detective')), ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }) });
    expect(prices.data.commercialPrices.remainingCents).toBe(remainingBefore - RATES.TLO.rateCents);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'commercial');

    // A provider that fails: its answer reads "unavailable: <provider>", and it costs nothing.
    stack.commercial.simulators.byProvider.WHOOSTER.behave({ fault: { kind: 'status', status: 500 } });
    try {
      await tlo.focus();
      await page.keyboard.press('Space');
      await page.getByLabel('Phone', { exact: true }).fill(person.phone ?? '2125550123');
      await page.getByRole('checkbox', { name: 'Phone carrier and subscriber (WHOOSTER)' }).check();
      await page.getByRole('button', { name: `Run 1 search for ${dollars(RATES.WHOOSTER.rateCents)}` }).press('Enter');
      await expect(page.getByRole('region', { name: 'Phone carrier and subscriber (WHOOSTER)' }).getByRole('alert').textContent({ timeout: 20_000 })).resolves.toBe('unavailable: WHOOSTER (nothing charged)');
      await page.getByTestId('budget-remaining').filter({ hasText: dollars(remainingBefore - RATES.TLO.rateCents) }).waitFor();
    } finally {
      stack.commercial.simulators.byProvider.WHOOSTER.behave({ fault: null });
    }
  });

  it('[P14] the Privacy Officer lists the agreements, opens one, suspends it with a reason, and the partner’s next request is refused', async () => {
    const operations = await publish(stack, { agreement: DA }, exampleOperations(DA));
    const partnerRequest = async () =>
      postBody(stack.gateway.url, JSON.stringify(byHash(operations.RecentArrests!, { first: 1 })), { ...(await asUser('partner-da', { clientCredentials: true })), ...purposeHeaders(PROSECUTION) });
    const before = await partnerRequest();
    expect(before.errors).toBeUndefined();

    const { page } = await desk.open();
    await signInAtProvider(page, { userId: 'privacy-officer', remote: true, amr: ['pwd', 'hwk'] });
    // [P9] any second factor the gateway accepts (here a hardware key) shows as MFA, not only "mfa".
    await expect(page.locator('header .who').textContent()).resolves.toContain('remote session, MFA verified');
    await declarePurpose(page, 'AUDIT', 'Monthly review of partner agreements');
    await page.getByRole('link', { name: 'Agreements' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Partner agreements' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: DA }) });
    await expect(row.textContent()).resolves.toMatch(/KINGS.*ACTIVE.*PROSECUTION/);
    await expect(page.getByRole('region', { name: 'Expiring within 30 days' }).textContent()).resolves.toContain('PD-NASSAU-2026-01');
    await page.getByRole('heading', { name: 'Open legal-process notices' }).waitFor();
    await page.getByRole('heading', { name: 'Redisclosure requests awaiting a decision' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'agreements');

    await row.getByRole('link', { name: DA }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Agreement ${DA}` }).waitFor();
    expect(page.url()).toBe(`${base}/console/agreements/${DA}`);
    await expect(page.getByTestId('agreement-status').textContent()).resolves.toBe('ACTIVE');
    await expect(page.getByRole('region', { name: 'Lifecycle history' }).getByRole('row').count()).resolves.toBeGreaterThan(1);
    expect(await seriousViolations(page)).toEqual([]);

    // Suspend: a confirmation that requires the reason.
    await page.getByRole('group', { name: 'Lifecycle' }).getByRole('button', { name: 'Suspend' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Suspend agreement ${DA}?` });
    await dialog.waitFor();
    await page.keyboard.type('Subpoena compliance under review');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('agreement-status').filter({ hasText: 'SUSPENDED' }).waitFor();
    const last = page.getByRole('region', { name: 'Lifecycle history' }).getByRole('row').last();
    await expect(last.textContent()).resolves.toMatch(/privacy-officer.*ACTIVE → SUSPENDED.*Subpoena compliance under review/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'agreement');

    const after = await partnerRequest();
    expect(codeOf(after)).toBe('AGREEMENT_SCOPE');
    expect(extensionsOf(after)).toMatchObject({ reason: 'AGREEMENT_SUSPENDED', agreement: DA });

    // A step no longer open (the agreement was ended from another desk meanwhile) is refused in words, not JSON.
    const ended = await postGraphQL(stack.gateway.url, `mutation { changeAgreementStatus(number: "${DA}", status: TERMINATED, reason: "Agreement ended by the DA") { status } }`, {}, await asUser('legal'));
    expect(ended.data).toEqual({ changeAgreementStatus: { status: 'TERMINATED' } });
    await page.getByRole('group', { name: 'Lifecycle' }).getByRole('button', { name: 'Activate' }).press('Enter');
    await page.getByRole('dialog', { name: `Activate agreement ${DA}?` }).waitFor();
    await page.keyboard.type('Review finished');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const refusal = page.locator('[role="alert"][data-code="FORBIDDEN"]');
    await expect(refusal.locator('h2').textContent()).resolves.toBe('Refused: that is not a step of the agreement’s lifecycle from where it is now');
    await expect(refusal.textContent()).resolves.toContain(`agreement ${DA} is TERMINATED`);
    await expect(refusal.textContent()).resolves.not.toContain('{');
  });
});
