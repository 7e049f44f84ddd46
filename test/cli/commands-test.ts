import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Every command a user types (the `tsx cli/*.ts` scripts of package.json) answers `--help` with
 * its usage and exit code 0, without reading configuration or opening a store; the audit
 * commands run on a fresh store (they open the governance store without the subgraph, and
 * once looked for its migrations in a folder that had moved).
 */
const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);
const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
const commands = [...new Set(Object.values(scripts).flatMap((script) => /\btsx (cli\/\w+\.ts)/.exec(script)?.[1] ?? []))].sort();

describe('the commands', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'erms-commands-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = () => ({ ...process.env, DATA_DIR: dataDir, NODE_OPTIONS: '' });

  it('are found in package.json', () => {
    expect(commands).toEqual(expect.arrayContaining(['cli/start.ts', 'cli/token.ts', 'cli/auditVerify.ts', 'cli/auditArchive.ts']));
  });

  it.each(commands.map((command) => [command]))('%s answers --help with its usage', async (command) => {
    const { stdout } = await run(TSX, [command, '--help'], { cwd: ROOT, env: env(), timeout: 60_000 });
    expect(stdout).toMatch(/^usage: /);
  });

  it('audit:verify runs on a fresh embedded store and finds the chain whole', async () => {
    const { stdout } = await run(TSX, ['cli/auditVerify.ts'], { cwd: ROOT, env: env(), timeout: 90_000 });
    expect(stdout).toMatch(/audit chain holds: 0 events/);
  });

  it('audit:archive --dry-run runs on the same store', async () => {
    const { stdout } = await run(TSX, ['cli/auditArchive.ts', '--dry-run'], { cwd: ROOT, env: env(), timeout: 90_000 });
    expect(stdout).toMatch(/\(dry run\)/);
    expect(stdout).toMatch(/no month is past its retention period/);
  });
});
