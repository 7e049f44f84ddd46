import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { canonicalJson } from '../../../subgraphs/governance/audit/AuditLog';
import { rowsOf } from '../../../subgraphs/governance/workspace/ColumnMapping';
import type { RunOutcome, SavedQueryRuns } from '../../../subgraphs/governance/workspace/SavedQueryRuns';
import type { GatewayContext } from '../../GatewayContext';
import { loadSavedQueryRun, readSavedQueryRef, type SavedQuerySources } from './loadSavedQueryRun';

export interface SavedQueriesStageOptions extends SavedQuerySources {
  runs: Pick<SavedQueryRuns, 'record' | 'lastRowHashes'>;
}

/** Runs nothing: what a refused run executes, so that its refusal flows through every stage and the audit. */
const PLACEHOLDER = '{ __typename }';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Saved-query runs. A request with `extensions.savedQuery` and no `query` runs the saved
 * version the runner may see: its text replaces the missing `query` before parsing, so the
 * operation then meets every later stage (limits, guards, field policy, audit) exactly as if
 * the runner had sent it, with the runner's identity and headers' purpose [P5]. A refusal
 * (not visible, broken, malformed) is raised once the operation resolves, so it is answered
 * and audited like any refusal [P18]. Each run leaves a record: who, when, version, variables'
 * hash, rows, duration, outcome (its audit event: the one with the same request id).
 */
export function savedQueriesPlugin(options: SavedQueriesStageOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request, contextValue: context }) {
      const ref = readSavedQueryRef(request.extensions);
      if (ref === null) return;
      const startedAt = Date.now();
      let refusal: GraphQLError | null = null;
      let columns: Parameters<typeof rowsOf>[1] | null = null;
      if (ref instanceof Error) {
        refusal = ref;
      } else {
        // A scheduled run arrives with its use already on the context (gateway/stages/savedQueries/runSchedules.ts).
        const preset = context.savedQuery;
        context.savedQuery = { id: ref.id, version: null, trigger: preset?.trigger ?? (ref.exportId ? 'EXPORT' : 'MANUAL'), ...(preset?.scheduleId ? { scheduleId: preset.scheduleId } : {}), ...(ref.exportId ? { exportId: ref.exportId } : {}) };
        try {
          const version = await loadSavedQueryRun(options, context.subject, ref, request.query);
          request.query = version.document;
          request.operationName = version.operationName ?? undefined;
          context.savedQuery.version = version.version;
          columns = version.columns;
        } catch (error) {
          refusal = error as GraphQLError;
        }
      }
      if (refusal) {
        request.query = PLACEHOLDER;
        request.operationName = undefined;
      }
      if (columns) ranWith.set(context, { columns, startedAt });
      return {
        async didResolveOperation() {
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/** What the run recorder needs of a run the stage admitted, by request context. */
const ranWith = new WeakMap<GatewayContext, { columns: Parameters<typeof rowsOf>[1]; startedAt: number }>();

/**
 * Records each admitted run. A plugin of its own, placed after the field-policy stage (and just
 * before the audit), so it sees the answer as it will leave: with the errors of removed fields.
 */
export function savedQueryRunsPlugin(options: Pick<SavedQueriesStageOptions, 'runs'>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue: context }) {
      return {
        async willSendResponse({ request, response }) {
          const use = context.savedQuery;
          const ran = ranWith.get(context);
          // Pages of an export are recorded once, by the export, as one run.
          if (!ran || !use || use.version === null || use.trigger === 'EXPORT' || response.body.kind !== 'single') return;
          const { columns, startedAt } = ran;
          const result = response.body.singleResult;
          const errors = (result.errors ?? []) as GraphQLFormattedError[];
          const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
          const refused = result.data === undefined || result.data === null;
          const outcome: RunOutcome = refused ? (codes.includes('INTERNAL_SERVER_ERROR') ? 'FAILED' : 'REFUSED') : errors.length ? 'PARTIAL' : 'ALLOWED';
          const rows = refused ? [] : rowsOf(result.data, columns);
          let rowHashes: string[] | null = null;
          let newRowCount: number | null = null;
          if (use.scheduleId) {
            // The owner sees what is new since the schedule's last run: rows compared by hash, never stored.
            rowHashes = rows.map((row) => sha256(canonicalJson(row)));
            const before = new Set((await options.runs.lastRowHashes(use.scheduleId)) ?? []);
            newRowCount = rowHashes.filter((h) => !before.has(h)).length;
          }
          const run = {
            savedQueryId: use.id,
            version: use.version,
            runnerId: context.subject.id,
            requestId: context.requestId,
            variablesHash: sha256(canonicalJson(request.variables ?? {})),
            purpose: context.purpose?.code ?? null,
            caseNumber: context.purpose?.caseNumber ?? null,
            rowCount: rows.length,
            durationMs: Date.now() - startedAt,
            outcome,
            errorCodes: codes,
            trigger: use.trigger,
            scheduleId: use.scheduleId ?? null,
            newRowCount,
            rowHashes,
          };
          try {
            await options.runs.record(run);
          } catch {
            // A run that cannot be recorded is not answered: its history would be wrong.
            response.http.status = 503;
            response.body.singleResult = { errors: [{ message: 'this run of a saved query could not be recorded: no answer is released without it', extensions: { code: 'AUDIT_UNAVAILABLE' } }] };
          }
        },
      };
    },
  };
}
