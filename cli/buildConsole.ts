/**
 * Builds the web console (console/ → console/dist) when its build is missing or older than its
 * sources: `npm install` runs it (`prepare`), `npm start` and the browser tests call it, so no
 * one needs an extra command. `npm run build:console` forces nothing; it builds only if stale.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { answerHelp } from './answerHelp';

const ROOT = path.resolve(__dirname, '..');
export const CONSOLE_DIST = path.join(ROOT, 'console', 'dist');
const STAMP = path.join(CONSOLE_DIST, '.source-hash');
/** Held (created atomically) by the one process building: Jest's workers start several stacks at once. */
const LOCK = path.join(ROOT, 'console', '.building');
/** A lock older than this was left by a build that died: taken over. */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Every file the build reads: the console's sources, its config, the locked package versions,
 * and the repository's own modules they import (the policy tables, the second factors), followed
 * import by import, so a change there rebuilds the console too.
 */
function sourceFiles(): string[] {
  const files = [path.join(ROOT, 'console', 'index.html'), path.join(ROOT, 'console', 'vite.config.mts'), path.join(ROOT, 'package-lock.json')];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else files.push(file);
    }
  };
  walk(path.join(ROOT, 'console', 'src'));
  return [...files, ...sharedModules(files)];
}

/**
 * Modules of the repository outside console/ that the bundle imports (the policy's access
 * table, the saved queries' column mapping), followed through their own relative imports: a
 * change to one of them is a change to the console.
 */
function sharedModules(consoleFiles: readonly string[]): string[] {
  const found = new Set<string>();
  const consoleDir = path.join(ROOT, 'console') + path.sep;
  const visit = (file: string) => {
    if (!/\.tsx?$/.test(file) || file.includes(`${path.sep}__tests__${path.sep}`)) return;
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
      const base = path.resolve(path.dirname(file), specifier!);
      const target = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate));
      if (!target || target.startsWith(consoleDir) || found.has(target)) continue;
      found.add(target);
      visit(target);
    }
  };
  consoleFiles.forEach(visit);
  return [...found].sort();
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles()) hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Builds the console unless console/dist already holds a build of these exact sources. */
export function buildConsoleIfStale(log: (message: string) => void = () => undefined): { built: boolean } {
  const hash = sourceHash();
  const current = () => existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash && existsSync(path.join(CONSOLE_DIST, 'index.html'));
  if (current()) return { built: false };
  // One builder at a time: another process building the same sources empties console/dist under
  // whoever reads it. The others wait, and find the build done.
  while (!takeLock()) {
    sleep(200);
    if (current()) return { built: false };
  }
  try {
    if (current()) return { built: false };
    log('console: building console/dist (vite)');
    const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
    const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(ROOT, 'console', 'vite.config.mts'), '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
      // Always the production build: Jest sets NODE_ENV=test, which would give React's development
      // runtime and the source files' absolute paths inside the bundle.
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0) throw new Error(`the console build failed (vite exit ${result.status ?? result.signal})`);
    writeFileSync(STAMP, hash);
    return { built: true };
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function takeLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const held = statSync(LOCK, { throwIfNoEntry: false });
    if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

if (require.main === module) {
  answerHelp(`usage: npm run build:console
Builds the web console (console/ into console/dist) when its sources changed since the last build;
npm install and npm start run it for you.`);
  try {
    const { built } = buildConsoleIfStale(console.log);
    console.log(built ? 'console: built into console/dist' : 'console: console/dist is up to date');
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
