import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (Playwright's own download cannot reach its host here; CI installs the package). */
function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`no Chromium at ${path}: apt-get install chromium (CI does), or set CHROMIUM_PATH`);
  return path;
}

export async function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'], headless: true });
}

/**
 * A suite's stack and its browser, started side by side. Without Chromium nothing is started; if
 * one of the two fails, the other is closed before the error is thrown. A stack left starting
 * after its suite failed imports PGlite's files once Jest has torn the suite down, which crashes
 * the Jest worker and fails whichever suites it runs next.
 */
export async function startWithBrowser<T extends { close(): Promise<void> }>(start: () => Promise<T>): Promise<[T, Browser]> {
  chromiumPath(); // no Chromium: refused before anything starts
  const [stack, browser] = await Promise.allSettled([start(), launchChromium()]);
  if (stack.status === 'fulfilled' && browser.status === 'fulfilled') return [stack.value, browser.value];
  const started = [stack, browser].flatMap((side) => (side.status === 'fulfilled' ? [side.value] : []));
  await Promise.allSettled(started.map((side) => side.close()));
  throw [stack, browser].find((side): side is PromiseRejectedResult => side.status === 'rejected')!.reason;
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
