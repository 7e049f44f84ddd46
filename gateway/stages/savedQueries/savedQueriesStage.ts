import type { FormattedExecutionResult } from 'graphql';
import { badUserInput } from '../../../platform/errors/ErrorCode';
import { rowsOf, type ColumnMapping } from '../../../subgraphs/governance/workspace/ColumnMapping';
import type { RunOutcome, SavedQueryRuns } from '../../../subgraphs/governance/workspace/SavedQueryRuns';
import type { SavedQueryVersion } from '../../../subgraphs/governance/workspace/SavedQueryStore';
import { rowHash, variablesHash } from '../../../subgraphs/governance/workspace/variablesHash';
import type { GatewayContext, PendingContext } from '../../GatewayContext';
import type { Stage } from '../Stage';
import { loadSavedQueryRun, readSavedQueryRef, type SavedQuerySources } from './loadSavedQueryRun';
import type { SavedQueryUse } from './SavedQueryUse';

export interface SavedQueriesStageOptions extends SavedQuerySources {
  runs: Pick<SavedQueryRuns, 'record' | 'lastRowHashes'>;
}

/**
 * What the run record needs of a run the stage admitted, by the request's audit draft (Apollo
 * hands the operation a shallow copy of the context; the draft is the same object).
 */
const runs = new WeakMap<PendingContext['audit'], { columns: ColumnMapping; startedAt: number }>();

/** Marks a request as a run of this version: the audit draft names it, the run is recorded when it answers. */
export function beginRun(context: PendingContext, version: SavedQueryVersion, use: SavedQueryUse): void {
  context.audit.savedQuery = { ...use, version: version.version };
  runs.set(context.audit, { columns: version.columns, startedAt: Date.now() });
}

/**
 * Saved-query runs [P5]. A request whose body has `extensions.savedQuery` and no `query` runs the
 * saved version the runner may see: its text is put where the `query` would be, before Apollo
 * parses anything, so the operation then meets every later stage (limits, guards, field policy,
 * audit) as if the runner had sent it, with the runner's identity and the purpose of the
 * runner's headers (never the saved query's suggestion). A query that is not visible to the
 * runner, broken, or sent beside a `query` of its own is refused here (and audited as a refusal
 * naming it). On the way out (after the field policy put back its nulls and reasons) the run is
 * recorded: who, version, variables' hash, rows, duration, outcome; its audit event is the one of
 * the same request id.
 */
export function savedQueriesStage(options: SavedQueriesStageOptions | undefined): Stage {
  return {
    name: 'savedQueries',
    async onRequest({ context, body }) {
      const operations = Array.isArray(body) ? body : [body];
      const asked = operations.some((op) => op !== null && typeof op === 'object' && (op as { extensions?: { savedQuery?: unknown } }).extensions?.savedQuery != null);
      if (!asked) return;
      // One saved query a request: a batch could otherwise label several texts with one run.
      if (Array.isArray(body)) throw badUserInput('a saved query runs alone, not in a batch', { argument: 'extensions.savedQuery' });
      if (!options) throw badUserInput('this gateway serves no saved queries', { argument: 'extensions.savedQuery' });
      const request = body as { query?: unknown; operationName?: unknown; extensions?: Record<string, unknown> };
      const ref = readSavedQueryRef(request.extensions);
      if (ref instanceof Error) throw ref;
      const use: SavedQueryUse = { id: ref!.id, version: null, trigger: ref!.exportId ? 'EXPORT' : 'MANUAL', ...(ref!.exportId ? { exportId: ref!.exportId } : {}) };
      context.audit.savedQuery = use;
      const version = await loadSavedQueryRun(options, context.subject!, ref!, typeof request.query === 'string' ? request.query : request.query === undefined ? undefined : '');
      request.query = version.document;
      // Apollo refuses a present but undefined operationName: the saved one, or none at all.
      if (version.operationName) request.operationName = version.operationName;
      else delete request.operationName;
      beginRun(context, version, use);
    },

    async onAnswer(answer) {
      const { context, result, variables } = answer;
      const run = runs.get(context.audit);
      const use = context.audit.savedQuery;
      // Pages of an export are recorded once, by the export, as one run.
      if (!run || !use || use.version === null || use.trigger === 'EXPORT' || !options) return;
      try {
        await options.runs.record(runRecord(context, use, run, result, variables, use.scheduleId ? await options.runs.lastRowHashes(use.scheduleId) : null));
      } catch {
        // A run that cannot be recorded is not answered: its history would be wrong.
        answer.status = 503;
        answer.result = { errors: [{ message: 'this run of a saved query could not be recorded: no answer is released without it', extensions: { code: 'AUDIT_UNAVAILABLE' } }] };
      }
    },
  };
}

function runRecord(
  context: GatewayContext,
  use: SavedQueryUse,
  run: { columns: ColumnMapping; startedAt: number },
  result: FormattedExecutionResult,
  variables: Readonly<Record<string, unknown>>,
  previousRows: readonly string[] | null,
): Parameters<SavedQueriesStageOptions['runs']['record']>[0] {
  const errors = result.errors ?? [];
  const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
  const refused = result.data === undefined || result.data === null;
  const outcome: RunOutcome = refused ? (codes.includes('INTERNAL_SERVER_ERROR') ? 'FAILED' : 'REFUSED') : errors.length ? 'PARTIAL' : 'ALLOWED';
  const rows = refused ? [] : rowsOf(result.data, run.columns);
  // A schedule's owner sees what is new since its last run: rows compared by hash, never stored.
  const rowHashes = use.scheduleId ? rows.map(rowHash) : null;
  const before = new Set(previousRows ?? []);
  return {
    savedQueryId: use.id,
    version: use.version!,
    runnerId: context.subject.id,
    requestId: context.requestId,
    variablesHash: variablesHash(variables),
    purpose: context.purpose?.code ?? null,
    caseNumber: context.purpose?.caseNumber ?? null,
    rowCount: rows.length,
    durationMs: Date.now() - run.startedAt,
    outcome,
    errorCodes: codes,
    trigger: use.trigger,
    scheduleId: use.scheduleId ?? null,
    newRowCount: rowHashes ? rowHashes.filter((h) => !before.has(h)).length : null,
    rowHashes,
  };
}
