/**
 * Where a process spent its CPU, from a V8 `.cpuprofile` (`node --cpu-prof`): self time per
 * function and per package, as a share of everything sampled (idle excluded).
 *
 *   npx tsx bench/summarizeCpuProfile.ts bench/results/profiles [count]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The newest main-thread profile in a folder (or the file itself). Node names them
 * `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`; thread 0 is the main one (tsx's loader
 * runs on another thread and writes its own).
 */
function newestProfile(location: string): string {
  if (!statSync(location).isDirectory()) return location;
  const files = readdirSync(location).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)).map((f) => path.join(location, f));
  if (!files.length) throw new Error(`no .cpuprofile in ${location}`);
  return files.sort((x, y) => statSync(y).mtimeMs - statSync(x).mtimeMs)[0]!;
}

const PROJECT = `${path.join(__dirname, '..')}/`;

/** `node_modules/@apollo/gateway/...` → `@apollo/gateway`; our own files by their path. */
function ownerOf(url: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node core';
  const project = url.indexOf(PROJECT);
  return project >= 0 ? url.slice(project + PROJECT.length) : url;
}

export function topFunctions(location: string, count = 25): string[] {
  const file = newestProfile(location);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByFunction = new Map<string, number>();
  const selfByOwner = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const owner = ownerOf(url);
    const key = `${functionName || '(anonymous)'}  ${owner}${url ? `:${lineNumber + 1}` : ''}`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + delta);
    selfByOwner.set(owner, (selfByOwner.get(owner) ?? 0) + delta);
    total += delta;
  });
  const share = (micros: number) => `${((100 * micros) / total).toFixed(1).padStart(5)}%`;
  const top = (map: Map<string, number>) => [...map].sort((x, y) => y[1] - x[1]).slice(0, count);
  return [
    `${path.basename(file)}: ${(total / 1000).toFixed(0)} ms of CPU sampled (idle excluded)`,
    'by package or file:',
    ...top(selfByOwner).map(([owner, micros]) => `  ${share(micros)}  ${owner}`),
    'by function (self time):',
    ...top(selfByFunction).map(([name, micros]) => `  ${share(micros)}  ${name}`),
  ];
}

if (require.main === module) {
  const [location = path.join(__dirname, 'results', 'profiles'), count = '25'] = process.argv.slice(2);
  for (const line of topFunctions(location, Number(count))) console.log(line);
}
