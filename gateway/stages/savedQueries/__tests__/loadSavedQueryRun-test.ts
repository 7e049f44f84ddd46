import { buildSchema } from 'graphql';
import type { Subject } from '../../../../policy/Subject';
import { ROLES, type Role } from '../../../../policy/vocabulary';
import type { SavedQueryExport } from '../../../../subgraphs/governance/workspace/SavedQueryExports';
import type { SavedQuery, SavedQueryVersion } from '../../../../subgraphs/governance/workspace/SavedQueryStore';
import { loadSavedQueryRun, readSavedQueryRef, type SavedQuerySources } from '../loadSavedQueryRun';

/**
 * [P5, P14, P16] Which saved query a runner may run: one they can see, under a role that has a
 * workspace, in a version that validates against the schema in force. The runner's rights, not
 * the author's, then meet every stage. Stores in memory, a schema of its own.
 */
const apiSchema = buildSchema('type Query { arrests(first: Int): [Arrest] } type Arrest { number: String }');
const COLUMNS = { rows: 'arrests', columns: [{ name: 'Number', path: 'number' }] };
const version = (n: number, document = `query Recent${n} { arrests(first: ${n}) { number } }`): SavedQueryVersion => ({
  savedQueryId: 'SQ-1', version: n, name: 'Recent arrests', description: '', tags: [], document, operationName: `Recent${n}`, parameters: [],
  columns: COLUMNS, suggestedPurpose: null, authorId: 'analyst', createdAt: '2026-12-01T00:00:00.000Z', changeNote: '',
});
/** SQ-1 at version 3; version 1 no longer validates (a field renamed since), version 2 does. */
const VERSIONS = [version(1, 'query Old { arrests(first: 1) { renamed } }'), version(2), version(3)];
const QUERY: SavedQuery = { id: 'SQ-1', ownerId: 'analyst', createdAt: '2026-12-01T00:00:00.000Z', currentVersion: 3, brokenReason: null, validatedAt: null, shares: [] };
const EXPORT: SavedQueryExport = {
  id: `EX-${'a'.repeat(24)}`, savedQueryId: 'SQ-1', version: 3, ownerId: 'analyst', format: 'CSV', status: 'RUNNING',
  createdAt: '2026-12-01T00:00:00.000Z', expiresAt: '2026-12-31T00:00:00.000Z', rowCount: 0, sha256: null, byteCount: null, failure: null,
};

const analyst: Subject = {
  id: 'analyst', kind: 'USER', displayName: 'A', roles: ['ANALYST'], command: 'CRIME ANALYSIS UNIT', assignment: 'CRIME ANALYST',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: false, mfa: false,
};

function sources(query: SavedQuery | null = QUERY, file: SavedQueryExport | null = EXPORT) {
  const asked: unknown[] = [];
  const s: SavedQuerySources = {
    apiSchema,
    store: {
      visible: async (id, runner) => (asked.push({ id, runner }), id === query?.id ? query : null),
      version: async (id, n) => VERSIONS.find((v) => v.savedQueryId === id && v.version === n) ?? null,
    },
    exports: { get: async (id) => (id === file?.id ? file : null) },
  };
  return { sources: s, asked };
}
const load = async (ref: Parameters<typeof loadSavedQueryRun>[2], { subject = analyst, query = QUERY as SavedQuery | null, file = EXPORT as SavedQueryExport | null, sent = undefined as string | undefined } = {}) => {
  try {
    return { version: await loadSavedQueryRun(sources(query, file).sources, subject, ref, sent), error: null };
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions: Record<string, unknown> };
    return { version: null, error: { message, ...extensions } };
  }
};

describe('readSavedQueryRef: extensions.savedQuery read strictly', () => {
  it.each([
    { rule: 'absent', extensions: undefined, ref: null },
    { rule: 'no savedQuery', extensions: { persistedQuery: {} }, ref: null },
    { rule: 'savedQuery null', extensions: { savedQuery: null }, ref: null },
    { rule: 'an id', extensions: { savedQuery: { id: 'SQ-1' } }, ref: { id: 'SQ-1' } },
    { rule: 'an id and a version', extensions: { savedQuery: { id: 'SQ-1', version: 2 } }, ref: { id: 'SQ-1', version: 2 } },
    { rule: 'a null version: the current one', extensions: { savedQuery: { id: 'SQ-1', version: null } }, ref: { id: 'SQ-1' } },
    { rule: 'the first version', extensions: { savedQuery: { id: 'SQ-1', version: 1 } }, ref: { id: 'SQ-1', version: 1 } },
    { rule: 'the highest version', extensions: { savedQuery: { id: 'SQ-1', version: 999_999 } }, ref: { id: 'SQ-1', version: 999_999 } },
    { rule: 'a page of an export', extensions: { savedQuery: { id: 'SQ-1', exportId: EXPORT.id } }, ref: { id: 'SQ-1', exportId: EXPORT.id } },
    { rule: 'an id of 40 characters', extensions: { savedQuery: { id: 'A'.repeat(40) } }, ref: { id: 'A'.repeat(40) } },
  ])('accepted: $rule', ({ extensions, ref }) => {
    expect(readSavedQueryRef(extensions as Record<string, unknown> | undefined)).toEqual(ref);
  });

  it.each([
    { rule: 'a string', savedQuery: 'SQ-1' },
    { rule: 'a list', savedQuery: ['SQ-1'] },
    { rule: 'no id', savedQuery: { version: 1 } },
    { rule: 'an id that is a number', savedQuery: { id: 1 } },
    { rule: 'an id in lower case', savedQuery: { id: 'sq-1' } },
    { rule: 'an id with text before it', savedQuery: { id: 'x SQ-1' } },
    { rule: 'an id with text after it', savedQuery: { id: 'SQ-1 x' } },
    { rule: 'an empty id', savedQuery: { id: '' } },
    { rule: 'an id of 41 characters', savedQuery: { id: 'A'.repeat(41) } },
    { rule: 'an unknown member', savedQuery: { id: 'SQ-1', owner: 'someone-else' } },
    { rule: 'version 0', savedQuery: { id: 'SQ-1', version: 0 } },
    { rule: 'a negative version', savedQuery: { id: 'SQ-1', version: -1 } },
    { rule: 'a fractional version', savedQuery: { id: 'SQ-1', version: 1.5 } },
    { rule: 'a version of a million', savedQuery: { id: 'SQ-1', version: 1_000_000 } },
    { rule: 'a version as text', savedQuery: { id: 'SQ-1', version: '2' } },
    { rule: 'an export id that is not one', savedQuery: { id: 'SQ-1', exportId: 'EX-1' } },
    { rule: 'an export id with text after it', savedQuery: { id: 'SQ-1', exportId: `${EXPORT.id}0` } },
    { rule: 'an export id with text before it', savedQuery: { id: 'SQ-1', exportId: `x${EXPORT.id}` } },
    { rule: 'an export id that is a number', savedQuery: { id: 'SQ-1', exportId: 7 } },
  ])('refused as BAD_USER_INPUT: $rule', ({ savedQuery }) => {
    const read = readSavedQueryRef({ savedQuery });
    expect(read).toBeInstanceOf(Error);
    expect((read as Error & { extensions: Record<string, unknown> }).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'extensions.savedQuery' });
    expect((read as Error).message).toBe('extensions.savedQuery is { id, version? }: the id of a saved query and, optionally, one of its versions');
  });
});

describe('loadSavedQueryRun: the version a runner may run', () => {
  /** [P14, P16] A query shared with a partner's, an administrator's or a vendor's role still never runs for them. */
  const NO_WORKSPACE: Role[] = ['ADMIN', 'VENDOR', 'DEVELOPER', 'PARTNER', 'LEGAL'];
  it.each(ROLES.map((role) => ({ role, runs: !NO_WORKSPACE.includes(role) })))('the role $role runs saved queries: $runs', async ({ role, runs }) => {
    const { version: loaded, error } = await load({ id: 'SQ-1' }, { subject: { ...analyst, roles: [role] } });
    if (runs) expect(loaded?.version).toBe(3);
    else expect(error).toMatchObject({ code: 'FORBIDDEN', reason: 'MISSING_ROLE', message: 'no role of yours runs saved queries' });
  });

  it('one role with a workspace among others is enough; none at all is refused', async () => {
    expect((await load({ id: 'SQ-1' }, { subject: { ...analyst, roles: ['ADMIN', 'ANALYST'] } })).version?.version).toBe(3);
    expect((await load({ id: 'SQ-1' }, { subject: { ...analyst, roles: [] } })).error).toMatchObject({ code: 'FORBIDDEN', reason: 'MISSING_ROLE' });
  });

  it('the store is asked for the query as the runner sees it: their id, roles and command', async () => {
    const { sources: s, asked } = sources();
    await loadSavedQueryRun(s, analyst, { id: 'SQ-1' }, undefined);
    expect(asked).toEqual([{ id: 'SQ-1', runner: { id: 'analyst', roles: ['ANALYST'], command: 'CRIME ANALYSIS UNIT' } }]);
  });

  it('a query the runner cannot see is not found (whether it exists is not said)', async () => {
    expect((await load({ id: 'SQ-1' }, { query: null })).error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SAVED_QUERY_NOT_FOUND', argument: 'extensions.savedQuery.id', message: 'no saved query SQ-1 you may run' });
  });

  it.each([
    { rule: 'no `query` beside it', sent: undefined, refused: false },
    { rule: 'a `query` of its own beside it: refused', sent: '{ arrests { number } }', refused: true },
    { rule: 'even an empty `query`: refused', sent: '', refused: true },
  ])('the saved version is what runs: $rule', async ({ sent, refused }) => {
    const { error } = await load({ id: 'SQ-1' }, { sent });
    if (refused) expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SAVED_QUERY_WITH_QUERY', argument: 'query', message: 'a saved query run carries no `query`: the saved version is what runs' });
    else expect(error).toBeNull();
  });

  it.each([
    { rule: 'no version asked: the current one', ref: { id: 'SQ-1' }, version: 3 },
    { rule: 'the current version by number', ref: { id: 'SQ-1', version: 3 }, version: 3 },
    { rule: 'an older version that still validates', ref: { id: 'SQ-1', version: 2 }, version: 2 },
  ])('runs $rule', async ({ ref, version: expected }) => {
    const { version: loaded, error } = await load(ref);
    expect(error).toBeNull();
    expect(loaded?.version).toBe(expected);
  });

  it.each([
    { rule: 'a version past the current one, though the store still holds it', ref: { id: 'SQ-1', version: 3 }, currentVersion: 2 },
    { rule: 'a version the store does not hold', ref: { id: 'SQ-1', version: 4 }, currentVersion: 4 },
  ])('refuses $rule as not found', async ({ ref, currentVersion }) => {
    const { error } = await load(ref, { query: { ...QUERY, currentVersion } });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SAVED_QUERY_NOT_FOUND', argument: 'extensions.savedQuery.version', message: `saved query SQ-1 has no version ${ref.version}` });
  });

  it('a broken current version never runs: the reason of the last revalidation is given', async () => {
    const { error } = await load({ id: 'SQ-1' }, { query: { ...QUERY, brokenReason: 'Cannot query field "number" on type "Arrest".' } });
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT', reason: 'SAVED_QUERY_BROKEN', argument: 'extensions.savedQuery',
      message: 'saved query SQ-1 version 3 does not validate against the schema in force: Cannot query field "number" on type "Arrest".',
    });
  });

  it('an older version is checked now against the schema in force: one that no longer validates never runs', async () => {
    expect((await load({ id: 'SQ-1', version: 1 })).error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SAVED_QUERY_BROKEN' });
  });

  it('an older version is judged on its own text, not on the current version\'s state', async () => {
    expect((await load({ id: 'SQ-1', version: 2 }, { query: { ...QUERY, brokenReason: 'the current version is broken' } })).error).toBeNull();
  });

  describe('a page of an export runs only for the export\'s owner, while it runs, for its query and version', () => {
    it.each([
      { rule: 'the owner\'s export in progress: runs', file: EXPORT, ok: true },
      { rule: 'no such export', file: null, ok: false },
      { rule: 'someone else\'s export', file: { ...EXPORT, ownerId: 'detective' }, ok: false },
      { rule: 'an export already finished', file: { ...EXPORT, status: 'READY' as const }, ok: false },
      { rule: 'an export of another saved query', file: { ...EXPORT, savedQueryId: 'SQ-2' }, ok: false },
      { rule: 'an export of another version', file: { ...EXPORT, version: 2 }, ok: false },
    ])('$rule', async ({ file, ok }) => {
      const { version: loaded, error } = await load({ id: 'SQ-1', exportId: EXPORT.id }, { file });
      if (ok) expect(loaded?.version).toBe(3);
      else expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'extensions.savedQuery.exportId', message: 'that export is not one of yours in progress for this saved query' });
    });
  });
});
