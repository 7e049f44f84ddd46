import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');

/**
 * SIGTERM every child and wait, gateways (the children after the first `subgraphCount`) first: a
 * gateway still finishing a request the load client gave up on would otherwise meet a subgraph
 * going away. A child that has not exited in 15 s is killed. A profiled gateway writes its
 * profile as it exits.
 */
export async function stopChildren(children: readonly ChildProcess[], subgraphCount: number): Promise<void> {
  const stop = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? undefined
      : new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        });
  await Promise.all(children.slice(subgraphCount).map(stop));
  await Promise.all(children.slice(0, subgraphCount).map(stop));
}

/** Writes a run's results to bench/results/<name>-<time>.json (ignored by git) and says where. */
export function writeResults(name: string, results: Record<string, unknown>): void {
  const folder = path.join(ROOT, 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  const at = new Date().toISOString();
  const file = path.join(folder, `${name}-${at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ at, ...results }, null, 2));
  console.log(`results: ${path.relative(ROOT, file)}`);
}
