/**
 * `npm run -s test:mutation:scores -- reports/mutation/mutation.json [more reports] [--before <commit>]`:
 * the mutation score by folder and by file as Markdown (docs/mutation.md), and every mutant that
 * survived or that no test reaches. With `--before`, a second score: the mutants the tests that
 * already existed at that commit kill (Stryker runs every covering test of a mutant,
 * `disableBail`, so the report names all the tests that kill each one).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { answerHelp } from './answerHelp';

answerHelp(`
usage: npm run -s test:mutation:scores -- <stryker report.json> [more reports] [--before <commit>]

The mutation score by folder and by file as Markdown, and every mutant that survived or that no
test reaches (docs/mutation.md). --before: also the score of the tests that existed at <commit>.
`);

/** The parts of Stryker's JSON report (mutation-testing-report-schema) read here. */
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
  testFiles?: Record<string, { tests: { id: string; name: string }[] }>;
}
interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
  location: { start: { line: number; column: number } };
  killedBy?: string[];
  coveredBy?: string[];
}

interface Tally {
  detected: number;
  detectedBefore: number;
  survived: number;
  noCoverage: number;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const VALID = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

function main(): void {
  const args = process.argv.slice(2);
  const beforeAt = args.indexOf('--before');
  const before = beforeAt >= 0 ? args[beforeAt + 1] : undefined;
  const reports = args.filter((arg, i) => arg.endsWith('.json') && (beforeAt < 0 || i !== beforeAt + 1));
  const olderTestFiles = before ? new Set(execFileSync('git', ['ls-tree', '-r', '--name-only', before], { encoding: 'utf8' }).split('\n')) : null;

  const byFile = new Map<string, Tally>();
  const undetected: string[] = [];
  for (const file of reports) {
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    const testFileOf = new Map<string, string>();
    for (const [testFile, { tests }] of Object.entries(report.testFiles ?? {})) for (const test of tests) testFileOf.set(test.id, path.relative(process.cwd(), path.resolve(testFile)));
    const olderTest = (id: string) => !!olderTestFiles?.has(testFileOf.get(id) ?? '');
    for (const [source, { mutants }] of Object.entries(report.files)) {
      const tally = byFile.get(source) ?? { detected: 0, detectedBefore: 0, survived: 0, noCoverage: 0 };
      for (const mutant of mutants) {
        if (!VALID.has(mutant.status)) continue;
        if (DETECTED.has(mutant.status)) {
          tally.detected++;
          const evidence = mutant.status === 'Killed' ? mutant.killedBy : mutant.coveredBy;
          if ((evidence ?? []).some(olderTest)) tally.detectedBefore++;
          continue;
        }
        if (mutant.status === 'Survived') tally.survived++;
        else tally.noCoverage++;
        const where = `${source}:${mutant.location.start.line}:${mutant.location.start.column}`;
        undetected.push(`| ${where} | ${mutant.status} | ${mutant.mutatorName} | \`${(mutant.replacement ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 80)}\` |`);
      }
      byFile.set(source, tally);
    }
  }

  const byFolder = new Map<string, Tally>();
  for (const [file, tally] of byFile) {
    const folder = path.dirname(file);
    const sum = byFolder.get(folder) ?? { detected: 0, detectedBefore: 0, survived: 0, noCoverage: 0 };
    for (const key of Object.keys(sum) as (keyof Tally)[]) sum[key] += tally[key];
    byFolder.set(folder, sum);
  }
  const total = [...byFile.values()].reduce((sum, t) => ({ detected: sum.detected + t.detected, detectedBefore: sum.detectedBefore + t.detectedBefore, survived: sum.survived + t.survived, noCoverage: sum.noCoverage + t.noCoverage }), { detected: 0, detectedBefore: 0, survived: 0, noCoverage: 0 });

  const table = (title: string, rows: Map<string, Tally>) => {
    console.log(`| ${title} | mutants | ${before ? `score before (${before.slice(0, 7)}'s tests) | ` : ''}score | survived | no test reaches |`);
    console.log(`|---|---:|${before ? '---:|' : ''}---:|---:|---:|`);
    for (const [name, t] of [...rows].sort(([a], [b]) => a.localeCompare(b))) console.log(row(name, t));
    console.log(row('**all**', total));
    console.log();
  };
  const row = (name: string, t: Tally) => {
    const valid = t.detected + t.survived + t.noCoverage;
    return `| ${name} | ${valid} | ${before ? `${percent(t.detectedBefore, valid)} | ` : ''}${percent(t.detected, valid)} | ${t.survived} | ${t.noCoverage} |`;
  };
  table('folder', byFolder);
  table('file', byFile);
  console.log('| mutant | status | mutator | replacement |');
  console.log('|---|---|---|---|');
  for (const line of undetected.sort()) console.log(line);
}

const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : 'n/a');

main();
