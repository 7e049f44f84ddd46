import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * The steps every console journey takes, as a person at a desk would, keyboard only: open the
 * console in a fresh browser profile, sign in, declare a purpose. Shared by the suites of
 * test/console/ so each journey reads as what the person does next.
 */
export const SHOTS = path.resolve(__dirname, '../../docs/console');
export const CASE = '2025-075-000123';

export class ConsoleDesk {
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: Browser,
    readonly base: string,
  ) {}

  /** A fresh browser profile: its own session storage, as another person at another desk. */
  async open(): Promise<{ page: Page; operations: string[] }> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    this.contexts.push(context);
    const page = await context.newPage();
    const operations: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') {
        const body = JSON.parse(request.postData() ?? '{}') as { query?: string };
        operations.push(`${request.headers()['x-purpose'] ?? 'no purpose'}: ${(body.query ?? '').replace(/\s+/g, ' ').slice(0, 60)}`);
      }
    });
    await page.goto(`${this.base}/console`);
    return { page, operations };
  }

  /** A browser profile of its own, for a journey that sets it up by hand. */
  async newContext(): Promise<BrowserContext> {
    const context = await this.browser.newContext();
    this.contexts.push(context);
    return context;
  }

  close(): Promise<unknown> {
    return Promise.all(this.contexts.map((c) => c.close()));
  }
}

/** Signs in with the keyboard only: Tab reaches the user list, typing picks the user, Enter submits. */
export async function signIn(page: Page, userId: string): Promise<void> {
  const users = page.getByLabel('User (development issuer)');
  await users.waitFor();
  await page.keyboard.press('Tab');
  await expect(users.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
  await page.keyboard.type(`${userId}:`);
  await expect(users.inputValue()).resolves.toBe(userId);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Declare your purpose' }).waitFor();
}

/** Declares a purpose in the dialog, keyboard only: arrows pick the code, Tab moves on. */
export async function declarePurpose(page: Page, code: string, justification: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Declare your purpose' });
  await dialog.getByRole('radio', { name: code }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.type(CASE);
  await page.keyboard.press('Tab');
  await page.keyboard.type(justification);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * The docs' pictures are taken by the journeys, and written only when asked
 * (UPDATE_SCREENSHOTS=1 npm test), so a test run leaves the tree as it found it.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const png = await page.screenshot({ fullPage: true });
  expect(png.length).toBeGreaterThan(0);
  if (process.env.UPDATE_SCREENSHOTS === '1') writeFileSync(path.join(SHOTS, `${name}.png`), png);
}
