import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../../platform/storage/Database';
import { EXAMPLE_LIBRARY } from '../../../../subgraphs/governance/workspace/exampleLibrary';
import { createSavedQueries, type SavedQueriesOptions } from '../createSavedQueries';

/**
 * Saved queries as the gateway starts them: revalidated against the supergraph it serves (the
 * example library added first when asked), then a scheduler that runs one tick at a time, goes
 * on after a tick that failed, and stops when told. The store is a stand-in that answers the
 * statements it is sent (no schedule is due, nothing expires).
 */
const supergraphSdl = readFileSync(path.join(__dirname, '../../../../schema/supergraph.graphql'), 'utf8');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `done` holds (a busy machine may fire a 5 ms timer late), at most two seconds. */
async function until(done: () => boolean): Promise<void> {
  for (const started = Date.now(); !done() && Date.now() - started < 2_000; ) await wait(5);
}

function store(answer: (sql: string) => Promise<unknown[]> = async () => []) {
  const statements: string[] = [];
  const db = {
    engine: 'pglite',
    schema: 'governance',
    query: async (sql: string) => (statements.push(sql.replace(/\s+/g, ' ').trim()), answer(sql)),
    transaction: async (work: (tx: unknown) => Promise<unknown>) => work(db),
  } as unknown as Database;
  return { db, statements };
}

function start(db: Database, options: Partial<SavedQueriesOptions> = {}) {
  const summaries: unknown[] = [];
  const wiring = createSavedQueries(
    { db, exportsDir: '/nonexistent', exportTtlDays: 30, subjectOf: async () => null, scheduleEveryMs: 0, revalidated: (s) => void summaries.push(s), ...options },
    {
      supergraphSdl, audit: { append: async () => undefined }, authenticate: async () => { throw new Error('no caller'); },
      findAuthorization: async () => null, maxBodyBytes: 1_000_000, graphqlUrl: () => 'http://127.0.0.1:1/graphql',
    },
  );
  return { wiring, summaries };
}
const due = (statements: string[]) => statements.filter((s) => s.includes('FROM saved_query_schedule')).length;
const swept = (statements: string[]) => statements.filter((s) => s.startsWith('UPDATE saved_query_export')).length;

describe('createSavedQueries', () => {
  it('the stage is given the API schema of the supergraph the gateway serves', () => {
    const { wiring } = start(store().db);
    expect(wiring.stage.apiSchema.getQueryType()?.getFields().arrests).toBeDefined();
    expect(wiring.stage.apiSchema.getDirective('join__field')).toBeUndefined();
  });

  it('at start every saved query is revalidated and the summary reported; no scheduler unless asked', async () => {
    const { db, statements } = store();
    const { wiring, summaries } = start(db);
    await wiring.start(async () => undefined);
    expect(summaries).toEqual([{ checked: 0, broken: 0, changed: [], librarySeeded: 0 }]);
    expect(statements).toEqual([expect.stringContaining('FROM saved_query q JOIN saved_query_version')]);
    await wait(50);
    expect(due(statements)).toBe(0);
  });

  it('the example library is added first when asked (each query missing from the store)', async () => {
    const { wiring, summaries } = start(store().db, { seedLibrary: true });
    await wiring.start(async () => undefined);
    expect(summaries).toEqual([{ checked: 0, broken: 0, changed: [], librarySeeded: EXAMPLE_LIBRARY.length }]);
  });

  it('the scheduler looks for due schedules and expired exports at every tick, and stops when told', async () => {
    const { db, statements } = store();
    const { wiring } = start(db, { scheduleEveryMs: 5 });
    await wiring.start(async () => undefined);
    await until(() => due(statements) >= 2 && swept(statements) >= 2);
    wiring.stop();
    const ticks = due(statements);
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(swept(statements)).toBeGreaterThanOrEqual(2);
    await wait(50);
    expect(due(statements)).toBe(ticks);
  });

  it('one tick at a time: a slow tick is not joined by the next', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { db, statements } = store(async (sql) => (sql.includes('FROM saved_query_schedule') ? (await held, []) : []));
    const { wiring } = start(db, { scheduleEveryMs: 5 });
    await wiring.start(async () => undefined);
    await until(() => due(statements) >= 1);
    await wait(100);
    expect(due(statements)).toBe(1);
    release();
    await until(() => due(statements) >= 2);
    wiring.stop();
    expect(due(statements)).toBeGreaterThan(1);
  });

  it('a tick that failed does not stop the scheduler: the next one tries again', async () => {
    let failures = 0;
    const { db, statements } = store(async (sql) => {
      if (sql.includes('FROM saved_query_schedule') && failures++ === 0) throw new Error('store unreachable');
      return [];
    });
    const { wiring } = start(db, { scheduleEveryMs: 5 });
    await wiring.start(async () => undefined);
    await until(() => due(statements) >= 2);
    wiring.stop();
    expect(due(statements)).toBeGreaterThanOrEqual(2);
  });

  it('stopping a gateway whose scheduler never started is harmless', () => {
    const { wiring } = start(store().db);
    expect(() => wiring.stop()).not.toThrow();
  });
});
