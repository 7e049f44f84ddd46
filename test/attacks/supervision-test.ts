import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issueDevelopmentToken } from '../../platform/identity/issueDevelopmentToken';
import { loadOrCreateKeyPair } from '../../platform/identity/localKeys';
import { purposeHeaders } from '../harness/startTestStack';
import { waitFor } from '../harness/driveLoad';

/** Polls an asynchronous condition every 100 ms until it holds, or fails after `timeoutMs`. */
async function eventually(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `npm start` supervises its services: a subgraph killed with SIGKILL (no shutdown code runs)
 * is restarted; meanwhile the gateway keeps answering what the other subgraphs
 * serve and /readyz says it is degraded, naming the one that is down; Ctrl-C still stops all.
 */
const ROOT = path.join(__dirname, '..', '..');
const PORT = 5150;
const BASE = `http://127.0.0.1:${PORT}`;

describe('npm start restarts a service that dies, and the others keep serving', () => {
  let home: string;
  let start: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    home = mkdtempSync(path.join(tmpdir(), 'crash-supervision-'));
    start = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli', 'start.ts')], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(PORT), DATA_DIR: home, SIMULATORS: 'off', PERSONS: '200', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    start.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    exited = new Promise((resolve) => start.once('exit', (code) => resolve(code)));
    // The first start migrates and seeds every store. Its last line says it is ready, after the list of services.
    await waitFor(() => output.includes('Press Ctrl-C to stop'), 150_000, 'npm start ready').catch((error: Error) => {
      throw new Error(`${error.message}; its output:\n${output}`);
    });
  }, 170_000);

  afterAll(async () => {
    if (start && start.exitCode === null) {
      start.kill('SIGINT');
      await exited;
    }
    if (home) rmSync(home, { recursive: true, force: true });
  }, 30_000);

  const readyz = async () => {
    const response = await fetch(`${BASE}/readyz`);
    return { status: response.status, body: (await response.json()) as { status: string; down: string[] } };
  };

  it('a subgraph killed with SIGKILL: the gateway serves the others, /readyz is degraded, and the subgraph comes back', async () => {
    // The calls subgraph: a child of this npm start, found by its command line.
    const pid = Number(execFileSync('pgrep', ['-P', String(start.pid), '-f', 'cli/serve.ts calls'], { encoding: 'utf8' }).trim());
    expect(pid).toBeGreaterThan(0);
    expect(output).toContain(`(pid ${pid})`);
    const token = await issueDevelopmentToken(await loadOrCreateKeyPair(home, 'local-issuer', 'ES256'), { userId: 'detective' });
    const ask = async (query: string) => {
      const response = await fetch(`${BASE}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }) },
        body: JSON.stringify({ query }),
      });
      return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] } };
    };
    const person = 'query { person(id: "P00000001") { id fullName } }';
    const call = 'query { call911(id: "no-such-call") { id } }';
    expect((await ask(call)).body.errors).toBeUndefined();

    process.kill(pid, 'SIGKILL');
    await eventually(async () => (await readyz()).status === 503, 2_000, '/readyz degraded');
    expect((await readyz()).body).toMatchObject({ status: 'degraded', down: ['calls'] });
    expect((await fetch(`${BASE}/healthz`)).status).toBe(200);
    const other = await ask(person);
    expect(other.status).toBe(200);
    expect(other.body.data?.person).toMatchObject({ id: 'P00000001', fullName: expect.any(String) });

    // Back within 10 s on an idle machine (measured: docs/operations.md, Robustness); a test on a loaded CI
    // machine proves it comes back, and leaves the timing to the measurement.
    await eventually(async () => (await readyz()).status === 200, 45_000, 'the killed subgraph back (readyz ready)');
    expect((await readyz()).body).toMatchObject({ status: 'ready', down: [] });
    expect((await ask(call)).body.errors).toBeUndefined();
    expect(output).toMatch(/calls exited \(SIGKILL\); restarting it/);
  }, 90_000);

  it('Ctrl-C still stops every service cleanly', async () => {
    start.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`${BASE}/healthz`)).rejects.toThrow();
  }, 30_000);
});
