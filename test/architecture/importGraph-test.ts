import { importCircles, importGraph, sourceFiles } from './importGraph';

/**
 * The tree is the architecture (README, "How the code is laid out"): entry points (`cli/`) on
 * top, then the gateway, then what both stand on (`subgraphs/`, `policy/`, `directives/`,
 * `schema/`, `platform/`, `synthetic/`, `simulators/`). A lower layer never imports a higher
 * one, nothing imports in a circle, and one gateway module alone knows the audit store.
 */
const files = sourceFiles();
const graph = importGraph(files);
const production = (file: string) => !file.startsWith('test/') && !file.startsWith('bench/') && !file.includes('/__tests__/');
const LOWER = ['platform/', 'policy/', 'directives/', 'schema/', 'subgraphs/', 'synthetic/', 'simulators/'];

describe('the import graph', () => {
  it('reads every TypeScript file of the repository', () => {
    expect(files).toEqual(expect.arrayContaining(['gateway/pipeline.ts', 'cli/start.ts', 'platform/http/createServer.ts', 'test/architecture/importGraph-test.ts']));
    expect(graph.get('gateway/pipeline.ts')).toContain('gateway/stages/audit/auditStage.ts');
  });

  it('has no import circles', () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it('finds a circle when there is one (the check itself works)', () => {
    const circular = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    expect(importCircles(circular)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('never imports up: no lower layer imports gateway/ or cli/, and the gateway never imports cli/', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) =>
          production(file) && (
            (LOWER.some((layer) => file.startsWith(layer)) && (target.startsWith('gateway/') || target.startsWith('cli/'))) ||
            (file.startsWith('gateway/') && target.startsWith('cli/'))
          ),
        )
        .map((target) => `${file} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('[P18] lets one gateway module alone import the audit store: the audit stage', () => {
    const importers = [...graph]
      .filter(([file, targets]) => file.startsWith('gateway/') && production(file) && targets.some((t) => t.startsWith('subgraphs/governance/audit/')))
      .map(([file]) => file);
    expect(importers).toEqual(['gateway/stages/audit/auditStage.ts']);
  });
});
