import type { IncomingMessage } from 'node:http';
import { buildSchema, type FormattedExecutionResult } from 'graphql';
import type { DeclaredPurpose, Subject } from '../../../../policy/Subject';
import { policyContext } from '../../../../policy/Subject';
import type { RunRecord } from '../../../../subgraphs/governance/workspace/SavedQueryRuns';
import type { SavedQuery, SavedQueryVersion } from '../../../../subgraphs/governance/workspace/SavedQueryStore';
import { rowHash, variablesHash } from '../../../../subgraphs/governance/workspace/variablesHash';
import type { GatewayContext, PendingContext } from '../../../GatewayContext';
import { newAuditDraft } from '../../audit/AuditDraft';
import type { AnswerState, RequestState } from '../../Stage';
import { beginRun, savedQueriesStage, type SavedQueriesStageOptions } from '../savedQueriesStage';

/**
 * [P5, P18] Saved-query runs through the gateway's stage alone: the saved text takes the place of
 * the `query` before anything is parsed, so the run meets every later stage as the runner's own
 * request; on the way out each run is recorded (who, which version, the variables' hash, rows,
 * outcome), and an answer whose run cannot be recorded is not released. Stores in memory.
 */
const apiSchema = buildSchema('type Query { arrests(first: Int): [Arrest] } type Arrest { number: String }');
const COLUMNS = { rows: 'arrests', columns: [{ name: 'Number', path: 'number' }] };
const VERSION: SavedQueryVersion = {
  savedQueryId: 'SQ-1', version: 3, name: 'Recent arrests', description: '', tags: [], document: 'query Recent($first: Int) { arrests(first: $first) { number } }',
  operationName: 'Recent', parameters: [], columns: COLUMNS, suggestedPurpose: 'AUDIT', authorId: 'supervisor', createdAt: '2026-12-01T00:00:00.000Z', changeNote: '',
};
const QUERY: SavedQuery = { id: 'SQ-1', ownerId: 'supervisor', createdAt: '2026-12-01T00:00:00.000Z', currentVersion: 3, brokenReason: null, validatedAt: null, shares: [] };
const analyst: Subject = {
  id: 'analyst', kind: 'USER', displayName: 'A', roles: ['ANALYST'], command: 'CRIME ANALYSIS UNIT', assignment: 'CRIME ANALYST',
  agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: [], remote: false, mfa: false,
};
const PURPOSE: DeclaredPurpose = { code: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-2026-17', justification: 'pattern of robberies' };
const EXPORT_ID = `EX-${'b'.repeat(24)}`;

function options({ version = VERSION, failRecord = false, previousRows = null as string[] | null } = {}) {
  const recorded: RunRecord[] = [];
  const askedRows: string[] = [];
  const o: SavedQueriesStageOptions = {
    apiSchema,
    store: { visible: async (id) => (id === 'SQ-1' ? QUERY : null), version: async (_id, n) => (n === version.version ? version : null) },
    exports: { get: async (id) => (id === EXPORT_ID ? { id, savedQueryId: 'SQ-1', version: 3, ownerId: 'analyst', status: 'RUNNING' } as never : null) },
    runs: {
      record: async (run) => {
        if (failRecord) throw new Error('store unreachable');
        recorded.push(run);
        return 'RUN-1';
      },
      lastRowHashes: async (scheduleId) => (askedRows.push(scheduleId), previousRows),
    },
  };
  return { options: o, recorded, askedRows };
}

const pending = (): PendingContext => ({ requestId: 'req-1', sourceAddress: null, subject: analyst, purpose: PURPOSE, audit: newAuditDraft() });
async function request(body: unknown, { stageOptions }: { stageOptions: SavedQueriesStageOptions | undefined } = { stageOptions: options().options }) {
  const context = pending();
  try {
    await savedQueriesStage(stageOptions).onRequest!({ http: {} as IncomingMessage, requestId: 'req-1', context, body } as RequestState);
    return { context, body, error: null };
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions: Record<string, unknown> };
    return { context, body, error: { message, ...extensions } };
  }
}

describe('[P5] a saved query runs as the runner\'s own request', () => {
  it('its saved text and operation name take the place of the query, and the audit draft names it', async () => {
    const { body, context, error } = await request({ variables: { first: 5 }, extensions: { savedQuery: { id: 'SQ-1' } } });
    expect(error).toBeNull();
    expect(body).toEqual({ query: VERSION.document, operationName: 'Recent', variables: { first: 5 }, extensions: { savedQuery: { id: 'SQ-1' } } });
    expect(context.audit.savedQuery).toEqual({ id: 'SQ-1', version: 3, trigger: 'MANUAL' });
  });

  it('a saved version without an operation name: the one the client sent is dropped (it would name nothing)', async () => {
    const { options: o } = options({ version: { ...VERSION, operationName: null } });
    const { body, error } = await request({ operationName: 'Other', extensions: { savedQuery: { id: 'SQ-1' } } }, { stageOptions: o });
    expect(error).toBeNull();
    expect(body).not.toHaveProperty('operationName');
  });

  it('a page of an export is labelled as the export\'s', async () => {
    const { context, error } = await request({ extensions: { savedQuery: { id: 'SQ-1', exportId: EXPORT_ID } } });
    expect(error).toBeNull();
    expect(context.audit.savedQuery).toEqual({ id: 'SQ-1', version: 3, trigger: 'EXPORT', exportId: EXPORT_ID });
  });

  it.each([
    { rule: 'an ordinary request', body: { query: '{ arrests { number } }' } },
    { rule: 'a batch without saved queries', body: [{ query: '{ a }' }, null, 'text'] },
    { rule: 'a GET (no body)', body: undefined },
    { rule: 'extensions without a saved query', body: { query: '{ a }', extensions: { savedQuery: null } } },
  ])('$rule is not the stage\'s: left as sent', async ({ body }) => {
    const sent = JSON.stringify(body);
    const { error, context } = await request(body);
    expect(error).toBeNull();
    expect(JSON.stringify(body)).toBe(sent);
    expect(context.audit.savedQuery).toBeUndefined();
  });

  it('a saved query in a batch is refused: one run labels one text', async () => {
    const { error } = await request([{ query: '{ a }' }, { extensions: { savedQuery: { id: 'SQ-1' } } }]);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'extensions.savedQuery', message: 'a saved query runs alone, not in a batch' });
  });

  it('a gateway that serves no saved queries refuses one', async () => {
    const { error } = await request({ extensions: { savedQuery: { id: 'SQ-1' } } }, { stageOptions: undefined });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'extensions.savedQuery', message: 'this gateway serves no saved queries' });
  });

  it('a malformed reference is refused before anything is looked up, and names no saved query', async () => {
    const { error, context } = await request({ extensions: { savedQuery: { id: 'sq 1' } } });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'extensions.savedQuery' });
    expect(context.audit.savedQuery).toBeUndefined();
  });

  it.each([
    { rule: 'a query the runner cannot see', body: { extensions: { savedQuery: { id: 'SQ-2' } } }, reason: 'SAVED_QUERY_NOT_FOUND' },
    { rule: 'a text of its own beside it', body: { query: '{ arrests { number } }', extensions: { savedQuery: { id: 'SQ-1' } } }, reason: 'SAVED_QUERY_WITH_QUERY' },
    { rule: 'a null text beside it', body: { query: null, extensions: { savedQuery: { id: 'SQ-1' } } }, reason: 'SAVED_QUERY_WITH_QUERY' },
  ])('$rule is refused, and the refusal\'s audit event names the saved query asked for', async ({ body, reason }) => {
    const id = body.extensions.savedQuery.id;
    const { error, context } = await request(body);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    expect(context.audit.savedQuery).toEqual({ id, version: null, trigger: 'MANUAL' });
  });
});

describe('[P18] every run of a saved query is recorded, or not answered', () => {
  const started = (use: Parameters<typeof beginRun>[2] = { id: 'SQ-1', version: 3, trigger: 'MANUAL' }, purpose: DeclaredPurpose | null = PURPOSE) => {
    const context: GatewayContext = { requestId: 'req-1', sourceAddress: null, subject: analyst, purpose, missingPurposeHeaders: [], policy: policyContext(analyst, purpose), audit: newAuditDraft() };
    beginRun(context, VERSION, use);
    return context;
  };
  const answer = async (o: SavedQueriesStageOptions | undefined, context: GatewayContext, result: FormattedExecutionResult, variables: Record<string, unknown> = { first: 2 }) => {
    const state = { schema: apiSchema, context, original: undefined, operationName: 'Recent', variables, source: undefined, result, status: undefined } as AnswerState;
    await savedQueriesStage(o).onAnswer!(state);
    return state;
  };
  const TWO_ROWS = { data: { arrests: [{ number: 'K1' }, { number: 'K2' }] } };

  it('an answered run: who, which version, the variables\' hash (never their values), the purpose, the rows counted', async () => {
    const { options: o, recorded } = options();
    const before = Date.now();
    const state = await answer(o, started(), TWO_ROWS);
    expect(state.status).toBeUndefined();
    expect(recorded).toEqual([{
      savedQueryId: 'SQ-1', version: 3, runnerId: 'analyst', requestId: 'req-1', variablesHash: variablesHash({ first: 2 }),
      purpose: 'CRIMINAL_INVESTIGATION', caseNumber: 'C-2026-17', rowCount: 2, durationMs: expect.any(Number), outcome: 'ALLOWED', errorCodes: [],
      trigger: 'MANUAL', scheduleId: null, newRowCount: null, rowHashes: null,
    }]);
    expect(recorded[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(recorded[0]!.durationMs).toBeLessThanOrEqual(Date.now() - before);
  });

  it.each([
    { rule: 'rows with a field refused: PARTIAL, each code once', result: { data: { arrests: [{ number: null }] }, errors: [{ message: 'a', extensions: { code: 'FIELD_NOT_AUTHORIZED' } }, { message: 'b', extensions: { code: 'FIELD_NOT_AUTHORIZED' } }] }, outcome: 'PARTIAL', codes: ['FIELD_NOT_AUTHORIZED'], rows: 1 },
    { rule: 'no data, a policy refusal: REFUSED', result: { errors: [{ message: 'no', extensions: { code: 'PURPOSE_REQUIRED' } }] }, outcome: 'REFUSED', codes: ['PURPOSE_REQUIRED'], rows: 0 },
    { rule: 'data null, a policy refusal: REFUSED', result: { data: null, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }, outcome: 'REFUSED', codes: ['FORBIDDEN'], rows: 0 },
    { rule: 'no data, an error without a code: FAILED', result: { data: null, errors: [{ message: 'boom' }] }, outcome: 'FAILED', codes: ['INTERNAL_SERVER_ERROR'], rows: 0 },
    { rule: 'no data, an internal error beside a refusal: FAILED', result: { errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }, { message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }, outcome: 'FAILED', codes: ['FORBIDDEN', 'INTERNAL_SERVER_ERROR'], rows: 0 },
    { rule: 'data without rows: ALLOWED, none counted', result: { data: { arrests: null } }, outcome: 'ALLOWED', codes: [], rows: 0 },
  ] as { rule: string; result: FormattedExecutionResult; outcome: string; codes: string[]; rows: number }[])('$rule', async ({ result, outcome, codes, rows }) => {
    const { options: o, recorded } = options();
    await answer(o, started(), result);
    expect(recorded).toEqual([expect.objectContaining({ outcome, errorCodes: codes, rowCount: rows })]);
  });

  it('a run without a declared purpose records none', async () => {
    const { options: o, recorded } = options();
    await answer(o, started(undefined, null), TWO_ROWS);
    expect(recorded).toEqual([expect.objectContaining({ purpose: null, caseNumber: null })]);
  });

  it('a scheduled run counts the rows new since its last run, by hash: the rows themselves are never kept', async () => {
    const { options: o, recorded, askedRows } = options({ previousRows: [rowHash({ number: 'K1' })] });
    await answer(o, started({ id: 'SQ-1', version: 3, trigger: 'SCHEDULE', scheduleId: 'SCH-1' }), TWO_ROWS);
    expect(askedRows).toEqual(['SCH-1']);
    expect(recorded).toEqual([expect.objectContaining({
      trigger: 'SCHEDULE', scheduleId: 'SCH-1', rowCount: 2, newRowCount: 1, rowHashes: [rowHash({ number: 'K1' }), rowHash({ number: 'K2' })],
    })]);
  });

  it('a schedule\'s first run: every row is new', async () => {
    const { options: o, recorded } = options({ previousRows: null });
    await answer(o, started({ id: 'SQ-1', version: 3, trigger: 'SCHEDULE', scheduleId: 'SCH-1' }), TWO_ROWS);
    expect(recorded).toEqual([expect.objectContaining({ newRowCount: 2 })]);
  });

  it('a page of an export is not recorded as a run of its own (the export is, once)', async () => {
    const { options: o, recorded } = options();
    await answer(o, started({ id: 'SQ-1', version: 3, trigger: 'EXPORT', exportId: EXPORT_ID }), TWO_ROWS);
    expect(recorded).toEqual([]);
  });

  it('a request that ran no saved query records nothing', async () => {
    const { options: o, recorded } = options();
    const context: GatewayContext = { requestId: 'req-2', sourceAddress: null, subject: analyst, purpose: PURPOSE, missingPurposeHeaders: [], policy: policyContext(analyst, PURPOSE), audit: newAuditDraft() };
    const state = await answer(o, context, TWO_ROWS);
    expect(recorded).toEqual([]);
    expect(state.result).toEqual(TWO_ROWS);
  });

  it('a gateway that serves no saved queries leaves every answer as it is', async () => {
    const state = await answer(undefined, started(), TWO_ROWS);
    expect(state.result).toEqual(TWO_ROWS);
    expect(state.status).toBeUndefined();
  });

  it('a run that cannot be recorded is not answered: 503, AUDIT_UNAVAILABLE, no row released', async () => {
    const { options: o } = options({ failRecord: true });
    const state = await answer(o, started(), TWO_ROWS);
    expect(state.status).toBe(503);
    expect(state.result).toEqual({ errors: [{ message: expect.stringContaining('could not be recorded'), extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
  });
});
