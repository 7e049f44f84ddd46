/**
 * `npm run -s test:count`: how many behaviours the suites test, apart from generated table rows.
 * Read from the test files' syntax, without running them: each `it`/`test` is one behaviour;
 * each `it.each`/`test.each` is one rule, whatever number of rows its table generates (a
 * `describe.each` over storage backends repeats its tests, and counts once too). Suites under
 * `__tests__/` beside the code are unit suites; suites under `test/` go over real HTTP.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { answerHelp } from './answerHelp';

answerHelp(`
usage: npm run -s test:count

Counts the behaviours the suites test, from the test files' syntax (nothing is run): each it/test
once, each it.each/test.each once whatever its rows; unit suites (__tests__) and suites over HTTP (test/) apart.
`);

const ROOT = path.join(__dirname, '..');
const SKIPPED = new Set(['node_modules', 'data', '.stryker-tmp', 'reports', '.git', 'coverage', '.bench', '.scratch']);

interface Count {
  files: number;
  behaviours: number;
  rules: number;
}

function testFiles(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) testFiles(full, found);
    else if (entry.name.endsWith('-test.ts')) found.push(full);
  }
  return found;
}

/** `it(...)`, `test(...)`, `it.only(...)`: a behaviour; `it.each(...)(...)`: a rule over a table. */
function countFile(file: string): Omit<Count, 'files'> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  let behaviours = 0;
  let rules = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && (callee.text === 'it' || callee.text === 'test')) behaviours++;
      else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && ['it', 'test'].includes(callee.expression.text) && ['only', 'concurrent'].includes(callee.name.text)) behaviours++;
      // it.each(table)(name, fn): the outer call's callee is the call `it.each(table)`.
      else if (ts.isCallExpression(callee) && isEach(callee.expression, ['it', 'test'])) rules++;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { behaviours, rules };
}

function isEach(expression: ts.Expression, names: string[]): boolean {
  return ts.isPropertyAccessExpression(expression) && expression.name.text === 'each' && ts.isIdentifier(expression.expression) && names.includes(expression.expression.text);
}

function main(): void {
  const counts: Record<'unit' | 'http', Count> = { unit: { files: 0, behaviours: 0, rules: 0 }, http: { files: 0, behaviours: 0, rules: 0 } };
  for (const file of testFiles(ROOT)) {
    const kind = path.relative(ROOT, file).startsWith(`test${path.sep}`) ? 'http' : 'unit';
    const { behaviours, rules } = countFile(file);
    counts[kind].files++;
    counts[kind].behaviours += behaviours;
    counts[kind].rules += rules;
  }
  for (const [kind, count] of Object.entries(counts)) {
    const label = kind === 'unit' ? 'unit suites (__tests__ beside the code)' : 'suites over real HTTP (test/)';
    console.log(`${label}: ${count.files} files, ${count.behaviours} behaviours, ${count.rules} table-driven rules (rows not counted)`);
  }
  const total = counts.unit.behaviours + counts.unit.rules + counts.http.behaviours + counts.http.rules;
  console.log(`total: ${total} behaviours and rules`);
}

main();
