import { buildSchema } from 'graphql';
import type { SavedQuery, SavedQueryVersion } from '../../../../subgraphs/governance/workspace/SavedQueryStore';
import { revalidateSavedQueries } from '../revalidateSavedQueries';

/**
 * Every saved query's current version against the supergraph in force: one that no longer
 * validates is marked broken with the reason (and then never runs); one that validates again is
 * cleared; what changed is reported for the operators' log.
 */
const schema = buildSchema('type Query { arrests(first: Int): [Arrest] } type Arrest { number: String }');
const COLUMNS = { rows: 'arrests', columns: [{ name: 'Number', path: 'number' }] };
const current = (id: string, document: string) => ({ savedQueryId: id, version: 4, document, columns: COLUMNS }) as unknown as SavedQueryVersion;
const GOOD = 'query Good { arrests(first: 1) { number } }';
const BAD = 'query Bad { arrests(first: 1) { renamed } }';

async function revalidate(versions: SavedQueryVersion[], broken: Record<string, string | null>) {
  const marked: [string, string | null][] = [];
  const result = await revalidateSavedQueries(
    {
      currentVersions: async () => versions,
      get: async (id) => (id in broken ? ({ id, brokenReason: broken[id] } as SavedQuery) : null),
      markValidity: async (id, reason) => void marked.push([id, reason]),
    },
    schema,
  );
  return { result, marked };
}

describe('revalidateSavedQueries', () => {
  it('marks each current version valid or broken with its reason, and reports only what changed', async () => {
    const { result, marked } = await revalidate(
      [current('STILL-GOOD', GOOD), current('NOW-BROKEN', BAD), current('STILL-BROKEN', BAD), current('FIXED', GOOD)],
      { 'STILL-GOOD': null, 'NOW-BROKEN': null, 'STILL-BROKEN': 'Cannot query field "renamed" on type "Arrest".', FIXED: 'an old reason' },
    );
    const reason = 'Cannot query field "renamed" on type "Arrest".';
    expect(marked).toEqual([['STILL-GOOD', null], ['NOW-BROKEN', reason], ['STILL-BROKEN', reason], ['FIXED', null]]);
    expect(result).toEqual({
      checked: 4,
      broken: 2,
      changed: [{ id: 'NOW-BROKEN', version: 4, brokenReason: reason }, { id: 'FIXED', version: 4, brokenReason: null }],
    });
  });

  it('a version whose query the store no longer holds counts as having been valid', async () => {
    const { result } = await revalidate([current('GONE-GOOD', GOOD), current('GONE-BAD', BAD)], {});
    expect(result.changed).toEqual([{ id: 'GONE-BAD', version: 4, brokenReason: expect.stringContaining('renamed') }]);
  });

  it('nothing saved: nothing checked', async () => {
    expect((await revalidate([], {})).result).toEqual({ checked: 0, broken: 0, changed: [] });
  });
});
