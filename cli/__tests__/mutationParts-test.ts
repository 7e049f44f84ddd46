import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MUTATION_PARTS, mutateGlobs } from '../mutationParts';

/**
 * The parts mutation testing measures one at a time cover the security core whole, once: a new
 * stage, a new reader of the directives or a new identity module is mutated without anyone
 * remembering to add it, and no file is measured twice (docs/mutation.md).
 */
const ROOT = path.join(__dirname, '..', '..');
const isCode = (file: string) => file.endsWith('.ts') && !file.split('/').includes('__tests__');
const filesOf = (entry: string): string[] =>
  entry.endsWith('.ts') ? [entry] : readdirSync(path.join(ROOT, entry), { recursive: true, encoding: 'utf8' }).map((file) => `${entry}/${file.split(path.sep).join('/')}`).filter(isCode);

/** The whole core as stryker.config.json (the single run over every unit suite) names it. */
const core = (JSON.parse(readFileSync(path.join(ROOT, 'stryker.config.json'), 'utf8')) as { mutate: string[] }).mutate
  .filter((glob) => !glob.startsWith('!'))
  .flatMap((glob) => filesOf(glob.replace(/\/\*\*\/\*\.ts$/, '')));

describe('the parts of the security core for mutation testing', () => {
  it('name folders, files and suites that exist', () => {
    for (const part of MUTATION_PARTS) for (const entry of [...part.code, ...part.tests]) expect([part.name, entry, existsSync(path.join(ROOT, entry))]).toEqual([part.name, entry, true]);
  });

  it('cover every file of the core exactly once', () => {
    const owners = new Map<string, string[]>();
    for (const part of MUTATION_PARTS) for (const file of part.code.flatMap(filesOf)) owners.set(file, [...(owners.get(file) ?? []), part.name]);
    expect(core.length).toBeGreaterThan(50);
    expect(core.filter((file) => owners.get(file)?.length !== 1)).toEqual([]);
    expect([...owners.keys()].filter((file) => !core.includes(file))).toEqual([]);
  });

  it("run their static mutants, but the policy's, whose tables have a run of their own (npm run test:mutation:tables)", () => {
    expect(MUTATION_PARTS.filter((part) => part.ignoreStatic).map((part) => part.name)).toEqual(['policy']);
  });

  it('never mutate a test', () => {
    for (const part of MUTATION_PARTS) expect(mutateGlobs(part)).toContain('!**/__tests__/**');
  });
});
