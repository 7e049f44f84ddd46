/**
 * The console's first load, as a person meets it: a fresh browser profile (nothing cached)
 * opening a bookmarked person page with a session and a declared purpose already held.
 * Reports the JavaScript sent (bytes on the wire and gzip of the same files) and the time from
 * navigation until the person's records are on screen and the page answers input.
 *
 *   npx tsx bench/consoleFirstLoad.ts [--runs 7]
 *
 * Starts its own stack on free loopback ports (test/harness) and Debian's Chromium.
 */
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { buildConsoleIfStale } from '../cli/buildConsole';
import { startTestStack } from '../test/harness/startTestStack';
import { launchChromium } from '../test/console/browser';

const PERSON_ID = 'P00000001';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const runs = Math.max(1, Math.min(50, Number(values.runs) || 7));
  buildConsoleIfStale(console.log);
  const stack = await startTestStack('pglite', undefined, { consoleSignIn: {} });
  const browser = await launchChromium();
  const base = stack.gateway.url.replace(/\/graphql$/, '');
  const session = await fetch(`${base}/console/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'analyst' }) });
  const { token } = (await session.json()) as { token: string };
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
  const stored = {
    'erms.session': JSON.stringify({ token, userId: 'analyst', expiresAt: claims.exp, remote: false, mfa: false }),
    'erms.purpose': JSON.stringify({ code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123', justification: 'Robbery pattern on Pitkin Avenue, 75 precinct' }),
  };
  const timings: number[] = [];
  let wireBytes = 0;
  let gzipBytes = 0;
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      await context.addInitScript((items: Record<string, string>) => {
        for (const [key, value] of Object.entries(items)) sessionStorage.setItem(key, value);
      }, stored);
      const page = await context.newPage();
      const scripts: { url: string; wire: number }[] = [];
      page.on('response', async (response) => {
        if (response.request().resourceType() !== 'script') return;
        const sizes = await response.request().sizes();
        scripts.push({ url: response.url(), wire: sizes.responseBodySize + sizes.responseHeadersSize });
      });
      const started = Date.now();
      await page.goto(`${base}/console/person/${PERSON_ID}`);
      await page.getByRole('region', { name: /^Warrants/ }).waitFor();
      // Interactive: the page answers a keypress (the purpose dialog opens) once the records are shown.
      await page.getByRole('button', { name: 'Change purpose' }).press('Enter');
      await page.getByRole('dialog').waitFor();
      timings.push(Date.now() - started);
      if (run === 0) {
        wireBytes = scripts.reduce((sum, s) => sum + s.wire, 0);
        for (const script of scripts) gzipBytes += gzipSync(Buffer.from(await (await fetch(script.url)).arrayBuffer()), { level: 9 }).length;
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await stack.close();
  }
  timings.sort((a, b) => a - b);
  const median = timings[Math.floor(timings.length / 2)]!;
  console.log(`first-load JavaScript: ${(wireBytes / 1024).toFixed(1)} KiB on the wire, ${(gzipBytes / 1024).toFixed(1)} KiB gzip`);
  console.log(`person page interactive (navigation to records shown and a keypress answered), ${runs} cold loads: median ${median} ms, min ${timings[0]} ms, max ${timings[timings.length - 1]} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
