/**
 * Where a process spent its CPU under load, from a V8 `.cpuprofile` (`node --cpu-prof`): self
 * time per package and per function, and the time inside each of the project's own files (self
 * and what they call, as far as stacks go: work resumed after an `await` starts a new stack).
 * Samples before the first request served (start-up) and idle time are left out.
 *
 *   npx tsx bench/summarizeCpuProfile.ts .bench/profiles/<run> [count]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const PROJECT = `${path.join(__dirname, '..')}/`;
/** The first sample inside Apollo Server's request pipeline marks the end of start-up. */
const SERVING = 'processGraphQLRequest';

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

/** `node_modules/@apollo/gateway/...` → `@apollo/gateway`; our own files by their path. */
function ownerOf(url: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node core';
  if (url.startsWith('wasm:')) return 'WebAssembly (PGlite)';
  return projectFile(url) ?? url;
}

function projectFile(url: string): string | undefined {
  const at = url.indexOf(PROJECT);
  return at >= 0 && !url.includes('node_modules') ? url.slice(at + PROJECT.length) : undefined;
}

export function topFunctions(location: string, count = 25): string[] {
  const file = newestProfile(location);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfByFunction = new Map<string, number>();
  const selfByOwner = new Map<string, number>();
  const insideFile = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, micros: number) => map.set(key, (map.get(key) ?? 0) + micros);
  let serving = false;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    const files = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const own = projectFile(frame.url);
      if (own) files.add(own);
      serving ||= frame.functionName === SERVING;
    }
    if (!serving) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const owner = ownerOf(url);
    add(selfByFunction, `${functionName || '(anonymous)'}  ${owner}${url ? `:${lineNumber + 1}` : ''}`, delta);
    add(selfByOwner, owner, delta);
    for (const own of files) add(insideFile, own, delta);
    total += delta;
  });
  const share = (micros: number) => `${((100 * micros) / total).toFixed(1).padStart(5)}%`;
  const top = (map: Map<string, number>) => [...map].sort((x, y) => y[1] - x[1]).slice(0, count);
  return [
    `${path.basename(file)}: ${(total / 1000).toFixed(0)} ms of CPU while serving (start-up and idle left out)`,
    'self time by package or file:',
    ...top(selfByOwner).map(([owner, micros]) => `  ${share(micros)}  ${owner}`),
    'self time by function:',
    ...top(selfByFunction).map(([name, micros]) => `  ${share(micros)}  ${name}`),
    "time inside the project's files (self and callees, same stack):",
    ...top(insideFile).map(([name, micros]) => `  ${share(micros)}  ${name}`),
  ];
}

if (require.main === module) {
  const [location = path.join(__dirname, '..', '.bench', 'profiles'), count = '25'] = process.argv.slice(2);
  for (const line of topFunctions(location, Number(count))) console.log(line);
}
