import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { buildSchema, printSchema } from 'graphql';
import type { Browser, Page } from 'playwright-core';
import { buildConsoleIfStale } from '../../cli/buildConsole';
import { revalidateSavedQueries } from '../../gateway/stages/savedQueries/revalidateSavedQueries';
import { SavedQueryStore } from '../../subgraphs/governance/workspace/SavedQueryStore';
import { seedExampleLibrary } from '../../subgraphs/governance/workspace/seedExampleLibrary';
import { startTestStack, type TestStack } from '../harness/startTestStack';
import { seriousViolations, startWithBrowser } from './browser';
import { ConsoleDesk, declarePurpose, screenshot, signIn } from './consoleJourney';

/**
 * The saved-query screens of the web console (issue 26) in headless Chromium against a started
 * stack: an analyst opens a saved query from the library, fills its parameters in a form
 * generated from the operation's variable types, runs it with their declared purpose, reads the
 * rows (with what the policy withheld from them, and why), and downloads the CSV export; a
 * broken saved query says why and offers no Run. Keyboard only; axe on each screen.
 */
const JUSTIFICATION = 'Warrant sweep for the 75 precinct robbery pattern';
const BOROUGHS = ['MANHATTAN', 'BRONX', 'BROOKLYN', 'QUEENS', 'STATEN_ISLAND'];

/** Arrests with each arrestee's place of birth: immigration-status data the policy keeps from an analyst [P15]. */
const WITH_BIRTHPLACE = {
  name: 'Arrests in a borough, with the arrestee’s place of birth',
  description: 'Arrests in a borough, newest first, with the arrestee and where they were born',
  tags: ['arrests', 'console-test'],
  document: `query ArrestsWithBirthplace($borough: Borough!, $first: Int = 5, $after: String) {
  arrests(filter: { borough: $borough }, first: $first, after: $after) {
    edges { node { number arrestedAt person { fullName placeOfBirth } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  columns: {
    rows: 'arrests.edges',
    pageInfo: 'arrests.pageInfo',
    columns: [
      { name: 'arrest', path: 'node.number' },
      { name: 'arrestedAt', path: 'node.arrestedAt' },
      { name: 'person', path: 'node.person.fullName' },
      { name: 'placeOfBirth', path: 'node.person.placeOfBirth' },
    ],
  },
  parameterDescriptions: [{ name: 'borough', description: 'The borough of the arrest' }],
};

/** A query a schema change will break: it selects `Arrest.juvenile`, which the test's supergraph then drops. */
const TO_BREAK = {
  name: 'Juvenile flags of arrests in a borough',
  tags: ['console-test'],
  document: 'query JuvenileFlags($borough: Borough!) { arrests(filter: { borough: $borough }, first: 5) { edges { node { number juvenile } } } }',
  columns: { rows: 'arrests.edges', columns: [{ name: 'arrest', path: 'node.number' }, { name: 'juvenile', path: 'node.juvenile' }] },
};

const SAVE = 'mutation($input: SavedQueryInput!) { saveQuery(input: $input) { id } }';

describe('the saved-query screens of the console, in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let base: string;
  let desk: ConsoleDesk;
  let withBirthplace: string;
  let broken: string;

  beforeAll(async () => {
    buildConsoleIfStale();
    [stack, browser] = await startWithBrowser(() => startTestStack('pglite', undefined, { consoleSignIn: {} }));
    base = stack.gateway.url.replace(/\/graphql$/, '');
    desk = new ConsoleDesk(browser, base);
    // The example library, as `npm start` seeds it on first start: owned by the analyst, shared with every record role.
    const api = Supergraph.build(stack.gateway.supergraphSdl).apiSchema().toGraphQLJSSchema();
    await seedExampleLibrary(stack.governanceDb, api);
    const save = async (input: Record<string, unknown>) => {
      const answer = await stack.queryAs('analyst', null, SAVE, { input });
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      return answer.data.saveQuery.id as string;
    };
    withBirthplace = await save(WITH_BIRTHPLACE);
    const shared = await stack.queryAs('analyst', null, 'mutation($id: ID!) { shareSavedQuery(id: $id, shares: [{ kind: ROLE, target: "OFFICER" }]) { id } }', { id: withBirthplace });
    if (shared.errors) throw new Error(JSON.stringify(shared.errors));
    broken = await save(TO_BREAK);
    // The supergraph changes under it (a field removed): revalidation marks it broken, with the reason.
    const withoutJuvenile = printSchema(api).replace(/(type Arrest [^{]*\{[\s\S]*?)\n\s+juvenile: Boolean!/, '$1');
    const revalidation = await revalidateSavedQueries(new SavedQueryStore(stack.governanceDb), buildSchema(withoutJuvenile));
    expect(revalidation.changed.map((c) => c.id)).toEqual([broken]);
  }, 400_000);
  afterAll(async () => {
    await desk?.close();
    await browser?.close();
    await stack?.close();
  });

  async function openSavedQueries(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Saved queries' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Saved queries' }).waitFor();
  }

  async function openQuery(page: Page, name: string): Promise<void> {
    await page.getByRole('link', { name }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
  }

  /** The results table's body cells, row by row, as a person reads them. */
  const resultRows = (page: Page) =>
    page.getByRole('region', { name: 'Results' }).locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent ?? '')));

  it('[P5] an analyst opens a saved query from the library, fills a parameter, runs it with their purpose, sees rows and downloads the CSV', async () => {
    const { page } = await desk.open();
    const runs: { body: Record<string, unknown>; purpose: string | undefined }[] = [];
    page.on('request', (request) => {
      const body = request.method() === 'POST' && new URL(request.url()).pathname === '/graphql' ? (JSON.parse(request.postData() ?? '{}') as Record<string, unknown>) : null;
      if (body?.extensions) runs.push({ body, purpose: request.headers()['x-purpose'] });
    });
    await signIn(page, 'analyst');
    await declarePurpose(page, 'CRIMINAL_INVESTIGATION', JUSTIFICATION);
    await openSavedQueries(page);
    await page.locator('tr[data-saved-query="SQ-LIB-10"]').waitFor();
    // The library: each query with its owner, version, sharing and state; a broken one says why.
    const libraryRow = await page.locator('tr[data-saved-query="SQ-LIB-10"]').textContent();
    expect(libraryRow).toContain('warrants');
    expect(libraryRow).toContain('role OFFICER');
    await expect(page.locator(`tr[data-saved-query="${broken}"]`).textContent()).resolves.toMatch(/broken: .*juvenile/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'saved-library');

    // Filtering by tag asks the API for that tag only.
    await page.getByLabel('Tag').focus();
    await page.keyboard.type('warrants');
    await page.keyboard.press('Enter');
    await page.getByRole('table').getByText('tagged “warrants”').waitFor();
    const listed = await page.locator('tr[data-saved-query]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-saved-query')).sort());
    expect(listed).toEqual(['SQ-LIB-09', 'SQ-LIB-10']);

    await openQuery(page, 'Active warrants from a borough’s courts');
    expect(page.url()).toBe(`${base}/console/saved/SQ-LIB-10`);
    // The form comes from the operation's variables: the enum is a choice of the supergraph's values,
    // the Int shows its default, the paging cursor `$after` is the export's business, not a question.
    const borough = page.getByLabel(/^borough/);
    await expect(borough.evaluate((select) => [...(select as HTMLSelectElement).options].map((o) => o.value).filter(Boolean))).resolves.toEqual(BOROUGHS);
    await expect(page.getByText('(Borough!, required)').count()).resolves.toBe(1);
    await expect(page.getByLabel(/^first/).inputValue()).resolves.toBe('100');
    await expect(page.getByText('(Int, optional, default 100)').count()).resolves.toBe(1);
    await expect(page.getByLabel(/^after/).count()).resolves.toBe(0);

    // Run with nothing chosen: the form says what is missing and sends nothing.
    await page.getByRole('button', { name: 'Run' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'borough: required' }).count()).resolves.toBe(1);
    expect(runs).toEqual([]);

    await borough.focus();
    await page.keyboard.type('BROOKLYN');
    await expect(borough.inputValue()).resolves.toBe('BROOKLYN');
    await page.getByLabel(/^first/).focus();
    await page.keyboard.press('Enter');
    const summary = page.getByTestId('run-summary');
    await summary.waitFor();
    const rows = await resultRows(page);
    expect(rows.length).toBeGreaterThan(0);
    expect(await summary.textContent()).toMatch(new RegExp(`^${rows.length} rows?;`));
    expect(await summary.textContent()).not.toContain('More rows follow');
    // Sent as docs/saved-queries.md says: the id and version, the variables, no query text (the
    // gateway loads it), and the purpose the analyst declared.
    expect(runs).toEqual([{ body: { extensions: { savedQuery: { id: 'SQ-LIB-10', version: 1 } }, variables: { borough: 'BROOKLYN', first: 100 } }, purpose: 'CRIMINAL_INVESTIGATION' }]);
    // The run is in the history: the analyst's, this version, the rows shown, with its audit event.
    const manual = page.locator('tr[data-trigger="MANUAL"]').first();
    await manual.waitFor();
    const manualCells = await manual.locator('td').allTextContents();
    expect(manualCells.slice(1, 6)).toEqual(['1', 'analyst', 'CRIMINAL_INVESTIGATION 2025-075-000123', 'manual', String(rows.length)]);
    expect(manualCells[8]).toMatch(/^#\d+$/);

    // Export CSV: progress while the gateway fetches every page (held back here a moment, so a
    // person could see it), then the file arrives in the browser.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/exports', async (route) => {
      await held;
      await route.continue();
    });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('progressbar', { name: 'Export as CSV running' }).waitFor();
    await expect(page.getByRole('button', { name: 'Export JSON' }).isDisabled()).resolves.toBe(true);
    release();
    const file = await download;
    await page.unroute('**/exports');
    expect(file.suggestedFilename()).toMatch(/^SQ-LIB-10-v1-EX-[0-9a-f]{24}\.csv$/);
    const lines = readFileSync((await file.path())!, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('"warrant","type","issuedOn","court","person","lastKnownAddress"');
    expect(lines.length - 1).toBe(rows.length);
    expect(lines.slice(1).map((line) => line.split('","')[0]!.slice(1))).toEqual(rows.map((row) => row[0]));
    await expect(page.getByTestId('export-done').textContent()).resolves.toMatch(new RegExp(`ready: ${rows.length} rows as CSV; downloaded; its SHA-256 matches`));
    // The export is a run of its own in the history, with the same count.
    const exported = page.locator('tr[data-trigger="EXPORT"]').first();
    await exported.waitFor();
    await expect(exported.locator('td').nth(5).textContent()).resolves.toBe(String(rows.length));
    expect(await seriousViolations(page)).toEqual([]);

    // JSON too, for programs: the same rows, the values as the answer gave them.
    const jsonDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).press('Enter');
    const json = JSON.parse(readFileSync((await (await jsonDownload).path())!, 'utf8')) as { columns: string[]; rows: Record<string, unknown>[]; rowCount: number };
    expect(json.columns).toEqual(['warrant', 'type', 'issuedOn', 'court', 'person', 'lastKnownAddress']);
    expect(json.rows.map((row) => row.warrant)).toEqual(rows.map((row) => row[0]));
  });

  it('[P15] a field the runner may not see comes back withheld, with the reason, in its cell: an officer runs the analyst’s shared query', async () => {
    const { page } = await desk.open();
    await signIn(page, 'officer');
    await declarePurpose(page, 'CRIMINAL_INVESTIGATION', JUSTIFICATION);
    await openSavedQueries(page);
    await expect(page.locator(`tr[data-saved-query="${withBirthplace}"]`).textContent()).resolves.toContain('role OFFICER');
    await openQuery(page, 'Arrests in a borough, with the arrestee’s place of birth');
    await page.getByLabel(/^borough/).focus();
    await page.keyboard.type('BROOKLYN');
    await page.getByRole('button', { name: 'Run' }).press('Enter');
    await page.getByTestId('run-summary').waitFor();
    const rows = await resultRows(page);
    expect(rows).toHaveLength(5);
    for (const [arrest, , person, placeOfBirth] of rows) {
      expect(arrest).toMatch(/^\S+$/);
      expect(person).not.toMatch(/^withheld/);
      expect(placeOfBirth).toMatch(/^withheld: .*IMMIGRATION_STATUS/);
    }
    await expect(page.getByTestId('run-summary').textContent()).resolves.toMatch(/^5 rows; 5 values withheld for your role and purpose\. More rows follow/);
    // The history records the officer's run as partial: something was withheld from them.
    const run = page.locator('tr[data-trigger="MANUAL"]').first();
    await run.waitFor();
    await expect(run.textContent()).resolves.toContain('officer');
    await expect(run.textContent()).resolves.toContain('PARTIAL FIELD_NOT_AUTHORIZED');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'saved-run');
  });

  it('[P16] saved queries are not offered to an administrator: no link, and a deep link says why and asks for nothing', async () => {
    const { page, operations } = await desk.open();
    await signIn(page, 'admin');
    await declarePurpose(page, 'CRIMINAL_INVESTIGATION', JUSTIFICATION);
    await page.getByRole('link', { name: 'Person search' }).waitFor();
    await expect(page.getByRole('link', { name: 'Saved queries' }).count()).resolves.toBe(0);
    await page.goto(`${base}/console/saved`);
    await page.getByRole('heading', { level: 1, name: 'Saved queries' }).waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Saved queries are for the roles that read records; yours do not, so there is nothing to list [P16].');
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    expect(operations.filter((o) => o.includes('savedQueries'))).toEqual([]);
  });

  it('a broken saved query shows why and offers no Run and no export', async () => {
    const { page } = await desk.open();
    await signIn(page, 'analyst');
    await declarePurpose(page, 'CRIMINAL_INVESTIGATION', JUSTIFICATION);
    await openSavedQueries(page);
    await openQuery(page, 'Juvenile flags of arrests in a borough');
    const notice = page.getByTestId('broken');
    await expect(notice.getAttribute('role')).resolves.toBe('alert');
    await expect(notice.textContent()).resolves.toMatch(/It no longer validates against the schema in force: .*juvenile/);
    await expect(page.getByRole('button', { name: 'Run' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^Export/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: 'Versions' }).count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
