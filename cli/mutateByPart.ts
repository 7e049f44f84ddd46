/**
 * `npm run test:mutation [-- --part NAME ...] [--full] [--concurrency N]`: mutation testing of
 * the security core, part by part (cli/mutationParts.ts), each against its own unit suites,
 * incrementally: a part's last result (reports/mutation/<part>/incremental.json) is reused
 * where neither a mutant's code nor the tests that reach it changed. Then the score of every part
 * measured so far, by file (cli/mutationScores.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { answerHelp } from './answerHelp';
import { MUTATION_PARTS, mutateGlobs } from './mutationParts';

answerHelp(`
usage: npm run test:mutation -- [--part NAME ...] [--mutate FILE ...] [--full] [--concurrency N]

Mutation testing of the security core, part by part, each part against its own unit suites
(docs/mutation.md). Incremental: only mutants whose code or covering tests changed run again.
  --part NAME       only this part (repeatable); parts: ${MUTATION_PARTS.map((part) => part.name).join(', ')}
  --mutate FILE     only this file of the part (repeatable; with one --part): a quick check
                    while writing a test, kept in the part's incremental result
  --full            run every mutant again, ignoring the last result
  --concurrency N   Stryker's processes (default 3: one type checker, two test runners)
Reports: reports/mutation/<part>/index.html and mutation.json; the scores by file are printed at the end.
`);

const ROOT = path.join(__dirname, '..');
const REPORTS = path.join(ROOT, 'reports', 'mutation');

function main(): void {
  const args = process.argv.slice(2);
  const valueOf = (flag: string) => args.flatMap((arg, i) => (arg === flag && args[i + 1] ? [args[i + 1]] : []));
  const wanted = valueOf('--part');
  const unknown = wanted.filter((name) => !MUTATION_PARTS.some((part) => part.name === name));
  if (unknown.length) {
    console.error(`unknown part: ${unknown.join(', ')} (parts: ${MUTATION_PARTS.map((part) => part.name).join(', ')})`);
    process.exit(2);
  }
  const concurrency = valueOf('--concurrency')[0] ?? '3';
  const only = valueOf('--mutate');
  if (only.length && wanted.length !== 1) {
    console.error('--mutate needs exactly one --part');
    process.exit(2);
  }
  const parts = wanted.length ? MUTATION_PARTS.filter((part) => wanted.includes(part.name)) : MUTATION_PARTS;
  const base = JSON.parse(readFileSync(path.join(ROOT, 'stryker.folder.json'), 'utf8')) as Record<string, unknown>;
  delete base.$schema;

  for (const [i, part] of parts.entries()) {
    const folder = path.join(REPORTS, part.name);
    mkdirSync(folder, { recursive: true });
    const config = path.join(folder, 'stryker.json');
    writeFileSync(config, JSON.stringify({
      ...base,
      mutate: mutateGlobs(part),
      concurrency: Number(concurrency),
      ignoreStatic: part.ignoreStatic ?? false,
      incremental: true,
      incrementalFile: path.relative(ROOT, path.join(folder, 'incremental.json')),
      htmlReporter: { fileName: path.relative(ROOT, path.join(folder, 'index.html')) },
      jsonReporter: { fileName: path.relative(ROOT, path.join(folder, 'mutation.json')) },
      tempDirName: `.stryker-tmp/${part.name}`,
    }, null, 2));
    console.log(`\n[${i + 1}/${parts.length}] ${part.name}: ${part.about}`);
    const started = Date.now();
    const run = spawnSync('npx', ['stryker', 'run', path.relative(ROOT, config), ...(args.includes('--full') ? ['--force'] : []), ...(only.length ? ['--mutate', only.join(',')] : [])], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, MUTATION_FOLDER: part.tests.join(','), NODE_OPTIONS: '--experimental-vm-modules' },
    });
    console.log(`[${part.name}] ${run.status === 0 ? 'done' : `Stryker exited with ${run.status ?? run.signal}`} in ${Math.round((Date.now() - started) / 1000)} s`);
    if (run.status !== 0) process.exit(run.status ?? 1);
  }

  const reports = MUTATION_PARTS.map((part) => path.join(REPORTS, part.name, 'mutation.json')).filter((file) => existsSync(file));
  spawnSync('npx', ['tsx', path.join(__dirname, 'mutationScores.ts'), ...reports], { cwd: ROOT, stdio: 'inherit' });
}

main();
