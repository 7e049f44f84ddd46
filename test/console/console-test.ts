import type { Browser, Page } from 'playwright-core';
import { buildConsoleIfStale } from '../../cli/buildConsole';
import { startTestStack, type TestStack } from '../harness/startTestStack';
import { seriousViolations, startWithBrowser } from './browser';
import { ConsoleDesk, declarePurpose, screenshot, signIn } from './consoleJourney';

/**
 * The web console in headless Chromium against a started stack (issue 26): a person's daily
 * work with the policy visible. Each screen is checked with axe and photographed into
 * docs/console/ for docs/console.md.
 */
const PERSON_ID = 'P00000001';

/** A plausible typo: two inner letters of the last name swapped, one doubled letter dropped. */
function misspell(lastName: string): string {
  const letters = [...lastName.toLowerCase()];
  const i = Math.max(1, Math.floor(letters.length / 2) - 1);
  [letters[i], letters[i + 1]] = [letters[i + 1]!, letters[i]!];
  return letters.join('');
}

describe('the web console, in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let base: string;
  let person: { fullName: string; firstName: string; lastName: string };
  let desk: ConsoleDesk;

  beforeAll(async () => {
    buildConsoleIfStale();
    [stack, browser] = await startWithBrowser(() => startTestStack('pglite', undefined, { consoleSignIn: {} }));
    base = stack.gateway.url.replace(/\/graphql$/, '');
    desk = new ConsoleDesk(browser, base);
    const answer = await stack.queryAs('analyst', { code: 'CRIMINAL_INVESTIGATION' }, `{ person(id: "${PERSON_ID}") { fullName firstName lastName } }`);
    person = answer.data.person;
  }, 400_000);
  afterAll(async () => {
    await desk?.close();
    await browser?.close();
    await stack?.close();
  });

  async function searchFor(page: Page, name: string): Promise<void> {
    await page.getByLabel(/^Name/).focus();
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
  }

  const openConsole = () => desk.open();

  it('[P5] an analyst declares a purpose before anything is fetched, finds a misspelled name, and sees why a field is withheld', async () => {
    const { page, operations } = await openConsole();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    await signIn(page, 'analyst');
    await page.getByText('CCA JORDAN PARK').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'purpose-dialog');
    // Before the declaration only the user's own profile was asked for, with no purpose.
    expect(operations).toEqual(['no purpose: { me { displayName roles } }']);

    await declarePurpose(page, 'CRIMINAL_INVESTIGATION', 'Robbery pattern on Pitkin Avenue, 75 precinct');
    await expect(page.getByTestId('purpose-code').textContent()).resolves.toBe('CRIMINAL_INVESTIGATION');

    const typo = misspell(person.lastName);
    expect(typo).not.toBe(person.lastName.toLowerCase());
    await searchFor(page, `${person.firstName} ${typo}`);
    const link = page.getByRole('link', { name: person.fullName }).first();
    await link.waitFor();
    const row = page.getByRole('row').filter({ has: link });
    await expect(row.getByRole('meter').getAttribute('aria-label')).resolves.toMatch(/^score (0\.\d\d|1\.00)$/);
    // Ranked: the person misspelled comes first, the scores fall from there.
    await expect(page.getByRole('row').nth(1).getByRole('link').textContent()).resolves.toBe(person.fullName);
    const scores = await page.getByRole('meter').evaluateAll((meters) => meters.map((m) => Number((m as HTMLMeterElement).value)));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'person-search');

    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(person.fullName) }).waitFor();
    expect(page.url()).toBe(`${base}/console/person/${PERSON_ID}`);
    // [P15] immigration status is kept from an analyst: the field says so, it is not blank.
    await expect(page.locator('[data-field="placeOfBirth"] dd').textContent()).resolves.toMatch(/^withheld: .+/);
    for (const source of ['complaints-arrests', 'calls', 'warrants']) await expect(page.getByLabel(`source: ${source}`).count()).resolves.toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'person-analyst');
  });

  const withheldCount = async (page: Page) => page.locator('.withheld').count();

  it('[P8] an officer sees fewer fields on the same person: outside-agency records need a training the officer lacks', async () => {
    const analyst = (await openConsole()).page;
    await signIn(analyst, 'analyst');
    await declarePurpose(analyst, 'CRIMINAL_INVESTIGATION', 'Robbery pattern on Pitkin Avenue, 75 precinct');
    await analyst.goto(`${base}/console/person/${PERSON_ID}`);
    await analyst.getByRole('heading', { level: 1, name: new RegExp(person.fullName) }).waitFor();

    const { page } = await openConsole();
    await signIn(page, 'officer');
    await declarePurpose(page, 'CRIMINAL_INVESTIGATION', 'Robbery pattern on Pitkin Avenue, 75 precinct');
    await page.goto(`${base}/console/person/${PERSON_ID}`); // a deep link, as a bookmark
    await page.getByRole('heading', { level: 1, name: new RegExp(person.fullName) }).waitFor();
    await expect(page.getByRole('region', { name: /^Warrants/ }).textContent()).resolves.toContain('withheld: training required first: ERMS-OUTSIDE-AGENCY-RECORDS');
    await expect(analyst.getByRole('region', { name: /^Warrants/ }).textContent()).resolves.not.toContain('withheld');
    expect(await withheldCount(page)).toBeGreaterThan(await withheldCount(analyst));
    await screenshot(page, 'person-officer');
  });

  it('[P15] a detective whose justification mentions an immigration detainer sees the refusal in the policy’s words', async () => {
    const { page } = await openConsole();
    await signIn(page, 'detective');
    await declarePurpose(page, 'CRIMINAL_INVESTIGATION', 'Locate subject to honor the ICE detainer before release');
    await searchFor(page, person.lastName);
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.getAttribute('data-code')).resolves.toBe('IMMIGRATION_ENFORCEMENT_BLOCKED');
    await expect(refusal.textContent()).resolves.toContain('Information is not shared in furtherance of immigration enforcement.');
    await expect(refusal.textContent()).resolves.not.toContain('{');
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'refusal-immigration');
  });

  it('[P18] IAB opens the audit trail and finds the analyst’s use with its justification', async () => {
    const { page } = await openConsole();
    await signIn(page, 'iab');
    await declarePurpose(page, 'AUDIT', 'Focused review of crime analysis unit uses');
    await page.getByRole('link', { name: 'Audit trail' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.getByLabel('User').focus();
    await page.keyboard.type('analyst');
    await page.getByLabel('Person released (id)').fill(PERSON_ID);
    await page.getByRole('button', { name: 'Apply filters' }).press('Enter');
    const use = page.locator('tr[data-user="analyst"]').filter({ hasText: 'ConsolePerson' }).first();
    await use.waitFor();
    await expect(use.textContent()).resolves.toContain('Robbery pattern on Pitkin Avenue, 75 precinct');
    await expect(use.textContent()).resolves.toContain(`Person ${PERSON_ID}`);
    await expect(use.textContent()).resolves.toContain('withheld Person.placeOfBirth');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'audit-trail');
  });

  it('sessions expire: at the token’s expiry the console signs out and says so', async () => {
    const context = await desk.newContext();
    const token = await stack.token('analyst', { ttlSeconds: 4 });
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    await context.addInitScript(
      (session: string) => sessionStorage.getItem('erms.session') === null && sessionStorage.setItem('erms.session', session),
      JSON.stringify({ token, userId: 'analyst', expiresAt: claims.exp, remote: false, mfa: false }),
    );
    const page = await context.newPage();
    await page.goto(`${base}/console`);
    await page.getByRole('dialog', { name: 'Declare your purpose' }).waitFor();
    await page.getByText('Your session has expired: sign in again.').waitFor({ timeout: 10_000 });
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await expect(page.getByLabel('User (development issuer)').count()).resolves.toBe(1);
  });

  it('[P18] the audit trail is not offered to an analyst, and the gateway refuses it to one who asks', async () => {
    const { page } = await openConsole();
    await signIn(page, 'analyst');
    await declarePurpose(page, 'CRIMINAL_INVESTIGATION', 'Robbery pattern on Pitkin Avenue, 75 precinct');
    await expect(page.getByRole('link', { name: 'Audit trail' }).count()).resolves.toBe(0);
    await page.goto(`${base}/console/audit`);
    const table = page.getByRole('table');
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^The audit trail is withheld: .+AUDIT_LOG/);
    await expect(table.count()).resolves.toBe(0);
  });
});
