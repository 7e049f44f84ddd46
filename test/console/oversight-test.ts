import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildConsoleIfStale } from '../../cli/buildConsole';
import { startTestCommercial, type TestCommercial } from '../harness/startCommercialStack';
import { purposeHeaders, startTestStack, type Purpose, type TestStack } from '../harness/startTestStack';
import { seriousViolations, startWithBrowser } from './browser';
import { ConsoleDesk, declarePurpose, screenshot, signIn } from './consoleJourney';

/**
 * The supervisors' and oversight screens of the console in headless Chromium (issue 26) [P18]:
 * a supervisor reviews and acknowledges an analyst's use, IAB follows a focused audit to
 * completion and downloads it, a commanding officer is told why an audit outside the command is
 * refused, and the charts count exactly what was done. Keyboard only; axe on each screen.
 */
const REVIEWED = 'Canvass of priors for the Linden Blvd burglaries';
const KEPT = 'Second look at the Fountain Ave robbery';
const COMMENT = 'Discussed with CCA Park: canvass is within the open case';
const INVESTIGATION = (justification: string): Purpose => ({ code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000456', justification });
const AUDIT: Purpose = { code: 'AUDIT', caseNumber: 'IAB-2026-0077', justification: 'Checking acknowledgements' };

describe('the oversight screens of the web console, in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let desk: ConsoleDesk;
  let commercial: TestCommercial;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    buildConsoleIfStale();
    commercial = await startTestCommercial('pglite');
    [stack, browser] = await startWithBrowser(() => startTestStack('pglite', undefined, { consoleSignIn: {} }, [{ name: 'commercial', url: commercial.url }]));
    desk = new ConsoleDesk(browser, stack.gateway.url.replace(/\/graphql$/, ''));
    // The analyst's day: two uses and one refusal [P15]; the detective's: one paid commercial report [P3].
    // Nobody else the supervisor supervises acts in this suite.
    for (const [person, justification] of [['P00000001', REVIEWED], ['P00000002', KEPT]]) {
      const answer = await stack.queryAs('analyst', INVESTIGATION(justification!), `{ person(id: "${person}") { fullName } }`);
      expect(answer.errors).toBeUndefined();
    }
    const refused = await stack.queryAs('analyst', INVESTIGATION('Serve the ICE detainer on him'), '{ person(id: "P00000003") { fullName } }');
    expect(refused.errors![0]!.extensions!.code).toBe('IMMIGRATION_ENFORCEMENT_BLOCKED');
    const report = await stack.query('query($id: ID!) { person(id: $id) { tlo: personReport(provider: TLO) { provider } } }', { id: 'P00000001' }, {
      authorization: `Bearer ${await stack.token('detective')}`, ...purposeHeaders(INVESTIGATION('Last known address for the Pitkin Ave robbery')),
      'x-permissible-purpose': 'DPPA_B1', 'x-glba-exception': 'GLBA_E5',
    });
    expect(report.errors).toBeUndefined();
  }, 400_000);
  afterAll(async () => {
    await desk?.close();
    await browser?.close();
    await stack?.close();
    await commercial?.close();
  });

  async function openAs(userId: string, screen: string): Promise<Page> {
    const { page } = await desk.open();
    await signIn(page, userId);
    await declarePurpose(page, 'AUDIT', 'Weekly review of record access by my people');
    await page.getByRole('link', { name: screen }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: screen }).waitFor();
    return page;
  }

  it('[P18] a supervisor acknowledges an analyst’s use with a comment, and it leaves the queue', async () => {
    const page = await openAs('supervisor', 'Review queue');
    const use = page.locator('tr[data-user="analyst"]').filter({ hasText: REVIEWED });
    await use.waitFor();
    await expect(use.textContent()).resolves.toContain('CRIMINAL_INVESTIGATION');
    await expect(use.textContent()).resolves.toContain('Person P00000001');
    await expect(page.locator('tr[data-user="analyst"]').filter({ hasText: KEPT }).count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'review-queue');

    await use.getByLabel('Comment').focus();
    await page.keyboard.type(COMMENT);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: /acknowledged/ }).waitFor();
    await use.waitFor({ state: 'detached' });
    await page.locator('tr[data-user="analyst"]').filter({ hasText: KEPT }).waitFor();

    // Every use, acknowledged ones too: the comment is there, by the supervisor.
    await page.getByLabel('Unacknowledged only').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Apply filters' }).press('Enter');
    await expect(page.locator('tr[data-user="analyst"]').filter({ hasText: REVIEWED }).textContent()).resolves.toContain(`acknowledged by supervisor: “${COMMENT}”`);

    // The trail keeps the acknowledgement with the use, and the review as an event of its own.
    const trail = await stack.queryAs('iab', AUDIT, '{ auditEvents(filter: { userId: "analyst", kind: OPERATION }, first: 10) { edges { node { justification acknowledgement { by comment } } } } }');
    const reviewed = trail.data.auditEvents.edges.find((e: { node: { justification: string } }) => e.node.justification === REVIEWED);
    expect(reviewed.node.acknowledgement).toEqual({ by: 'supervisor', comment: COMMENT });
    const reviews = await stack.queryAs('iab', AUDIT, '{ auditEvents(filter: { userId: "supervisor", kind: REVIEW }) { edges { node { detail } } } }');
    expect(reviews.data.auditEvents.edges.map((e: { node: { detail: string } }) => JSON.parse(e.node.detail).comment)).toEqual([COMMENT]);
  });

  it('[P18] IAB requests a focused audit of the analyst, follows it to completion and downloads it', async () => {
    const page = await openAs('iab', 'Audit trail');
    const form = page.getByRole('form', { name: 'Request a focused audit' });
    await form.getByLabel('Member of the service (id)').focus();
    await page.keyboard.type('analyst');
    await form.getByLabel('Why the audit is needed').focus();
    await page.keyboard.type('Complaint of misuse, IAB log 2026-0077');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    const progress = page.getByRole('progressbar', { name: /^Focused audit \d+$/ }).first();
    await progress.waitFor();
    const row = page.locator('tr[data-audit]').first();
    await row.getByText(/^COMPLETED: \d+ events scanned, [1-9]\d* matching$/).waitFor();
    await expect(progress.evaluate((p) => [(p as HTMLProgressElement).value, (p as HTMLProgressElement).max])).resolves.toEqual([1, 1]);
    await expect(row.textContent()).resolves.toContain('user analyst');
    // The analyst's events below the audit, as IAB reads them beside it.
    await page.getByLabel('User', { exact: true }).fill('analyst');
    await page.getByRole('button', { name: 'Apply filters' }).press('Enter');
    await page.locator('tr[data-user="analyst"]').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'focused-audit');

    const id = await row.getAttribute('data-audit');
    const exportButton = page.getByRole('button', { name: `Export focused audit ${id} as CSV` });
    await exportButton.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe(`focused-audit-${id}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.split('\r\n').filter((line) => line.includes(REVIEWED));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('analyst');
    expect(lines[0]).toContain('Person:P00000001');
    expect(csv).toContain('IMMIGRATION_ENFORCEMENT_BLOCKED');
    await page.getByRole('status').filter({ hasText: `exported as focused-audit-${id}.csv` }).waitFor();
  });

  it('[P18] a commanding officer asking for a focused audit of someone outside the command reads the refusal in words', async () => {
    const page = await openAs('co', 'Audit trail');
    const form = page.getByRole('form', { name: 'Request a focused audit' });
    await form.getByLabel('Member of the service (id)').fill('analyst'); // the Crime Analysis Unit, not the 75 precinct
    await form.getByLabel('Why the audit is needed').fill('Complaint received at the precinct desk');
    await form.getByRole('button', { name: 'Request focused audit' }).press('Enter');
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.getAttribute('data-code')).resolves.toBe('FORBIDDEN');
    await expect(refusal.textContent()).resolves.toContain('analyst is outside your audit scope');
    await expect(refusal.textContent()).resolves.not.toContain('{');
    await expect(page.locator('tr[data-audit]').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('[P18] the charts count the analyst’s uses and refusal, within the supervisor’s scope, and spend against budget', async () => {
    const page = await openAs('supervisor', 'Charts');
    const cell = (chart: string, series: string) => page.locator(`table[data-chart="${chart}"] tr[data-column="${today}"] td[data-series="${series}"]`);
    await cell('uses-command', 'CRIME ANALYSIS UNIT').waitFor();
    await expect(cell('uses-command', 'CRIME ANALYSIS UNIT').textContent()).resolves.toBe('2');
    await expect(cell('uses-command', '075 DET SQUAD').textContent()).resolves.toBe('1');
    await expect(cell('uses-purpose', 'CRIMINAL_INVESTIGATION').textContent()).resolves.toBe('3');
    // Nobody outside the people the supervisor supervises: not IAB, not the commanding officer, not the supervisor.
    await expect(page.locator('table[data-chart="uses-command"] thead th').allTextContents()).resolves.toEqual(['From', '075 DET SQUAD', 'CRIME ANALYSIS UNIT', 'All']);
    await expect(page.locator('table[data-chart="refusals-guard"] tbody tr').allTextContents()).resolves.toEqual(['IMMIGRATION_ENFORCEMENT_BLOCKED1']);
    await expect(page.getByRole('img', { name: /^Refusals by guard: IMMIGRATION_ENFORCEMENT_BLOCKED 1$/ }).count()).resolves.toBe(1);

    // Spend against budget: the figures the commercial subgraph reports for this month.
    const costs = await stack.queryAs('supervisor', null, '{ commercialCosts { byCommand { command budgetCents spentCents } } }');
    expect(costs.data.commercialCosts.byCommand.find((c: { command: string }) => c.command === '075 DET SQUAD').spentCents).toBeGreaterThan(0);
    const spend = page.locator('table[data-chart="commercial-spend"] tbody tr');
    await spend.first().waitFor();
    const dollars = (cents: number | null) => (cents == null ? 'no budget' : `$${(cents / 100).toFixed(2)}`);
    await expect(spend.allTextContents()).resolves.toEqual(
      costs.data.commercialCosts.byCommand.map((c: { command: string; budgetCents: number | null; spentCents: number }) => `${c.command}${dollars(c.spentCents)}${dollars(c.budgetCents)}`),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'charts');
  });
});
