import type { GraphQLSchema } from 'graphql';
import { badUserInput, ermsError } from '../../../platform/errors/ErrorCode';
import type { Database } from '../../../platform/storage/Database';
import { PURPOSES } from '../../../policy/vocabulary';
import type { SubgraphContext } from '../../SubgraphDefinition';
import type { ColumnMapping } from './ColumnMapping';
import { SavedQueryExports, type SavedQueryExport } from './SavedQueryExports';
import { SavedQueryRuns } from './SavedQueryRuns';
import { CADENCE_MS, SavedQuerySchedules, SCHEDULE_MAX_DAYS, type Cadence } from './SavedQuerySchedules';
import { SavedQueryStore, StaleVersionError, type Runner, type SavedQuery, type Share, type VersionContent } from './SavedQueryStore';
import { enumValuesOf } from './enumValuesOf';
import { validateSavedQuery } from './validateSavedQuery';

export interface WorkspaceOptions {
  /** The API schema of the supergraph in force: saved queries are validated against it. Null until the gateway has composed it. */
  apiSchema: () => GraphQLSchema | null;
}

export interface WorkspaceLoaders {
  savedQueries: SavedQueryStore;
  runs: SavedQueryRuns;
  exports: SavedQueryExports;
  schedules: SavedQuerySchedules;
}

type Context = SubgraphContext<WorkspaceLoaders>;

interface SavedQueryInput {
  name: string;
  description?: string | null;
  tags?: string[] | null;
  document: string;
  columns: { rows: string; columns: { name: string; path: string }[]; pageInfo?: string | null };
  parameterDescriptions?: { name: string; description: string }[] | null;
  suggestedPurpose?: string | null;
  changeNote?: string | null;
}

interface ScheduleInput {
  savedQueryId: string;
  cadence: Cadence;
  variables?: string | null;
  purpose: string;
  caseNumber: string;
  justification: string;
  caseClosesOn?: string | null;
}

const MAX_LIST = 200;

export function workspaceLoaders(db: Database): WorkspaceLoaders {
  return { savedQueries: new SavedQueryStore(db), runs: new SavedQueryRuns(db), exports: new SavedQueryExports(db), schedules: new SavedQuerySchedules(db) };
}

const runnerOf = (context: Context): Runner => ({ id: context.caller.subject.id, roles: context.caller.subject.roles, command: context.caller.subject.command });
const firstOf = (first: number | null | undefined, fallback = 50) => {
  const value = first ?? fallback;
  if (!Number.isInteger(value) || value < 0 || value > MAX_LIST) throw badUserInput(`first must be between 0 and ${MAX_LIST}`, { argument: 'first' });
  return value;
};

/**
 * The workspace API: saving, revising and sharing saved queries, and reading runs, exports and
 * schedules. Running is not here: a run goes through the gateway like any operation, with the
 * runner's identity, purpose and rights (gateway/stages/savedQueries/).
 */
export function workspaceResolvers(options: WorkspaceOptions) {
  /** A version's content from the input, validated against the supergraph in force. */
  const contentOf = (input: SavedQueryInput, revision: boolean): VersionContent => {
    const schema = options.apiSchema();
    // Fail closed: what cannot be validated is not saved.
    if (!schema) throw ermsError('FORBIDDEN', 'saved queries cannot be validated until the gateway has composed the supergraph', { reason: 'SUPERGRAPH_UNAVAILABLE' });
    const name = input.name.trim();
    if (!name) throw badUserInput('a saved query needs a name', { argument: 'name', reason: 'SAVED_QUERY_INVALID' });
    const changeNote = (input.changeNote ?? '').trim();
    if (revision && !changeNote) throw badUserInput('a revision needs a change note', { argument: 'changeNote', reason: 'SAVED_QUERY_INVALID' });
    const suggested = input.suggestedPurpose ?? null;
    // [P15] a purpose the runner could never declare is not suggested to them either.
    if (suggested !== null && (!(PURPOSES as readonly string[]).includes(suggested) || suggested === 'IMMIGRATION_ENFORCEMENT')) {
      throw badUserInput(`suggestedPurpose must be a purpose code other than IMMIGRATION_ENFORCEMENT`, { argument: 'suggestedPurpose', reason: 'SAVED_QUERY_INVALID' });
    }
    const columns: ColumnMapping = { rows: input.columns.rows, columns: input.columns.columns.map((c) => ({ name: c.name, path: c.path })), pageInfo: input.columns.pageInfo ?? null };
    const validation = validateSavedQuery(schema, { document: input.document, columns, parameterDescriptions: input.parameterDescriptions ?? [] });
    if (!validation.valid) throw badUserInput(`the saved query does not validate: ${validation.reason}`, { argument: 'input', reason: 'SAVED_QUERY_INVALID' });
    return {
      name,
      description: (input.description ?? '').trim(),
      tags: [...new Set((input.tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))],
      document: input.document,
      operationName: validation.operationName,
      parameters: validation.parameters,
      columns,
      suggestedPurpose: suggested,
      changeNote: changeNote || 'first version',
    };
  };

  /** The caller's own saved query; someone else's that they may see is FORBIDDEN, one they may not is absent. */
  const owned = async (context: Context, id: string): Promise<SavedQuery> => {
    const query = await context.loaders.savedQueries.visible(id, runnerOf(context));
    if (!query) throw badUserInput(`no saved query ${id} you may see`, { argument: 'id' });
    if (query.ownerId !== context.caller.subject.id) throw ermsError('FORBIDDEN', `saved query ${id} is ${query.ownerId}'s: only its owner changes it`, { reason: 'NOT_OWNER' });
    return query;
  };

  const withCurrent = async (context: Context, query: SavedQuery | null) => {
    if (!query) return null;
    const version = await context.loaders.savedQueries.version(query.id, query.currentVersion);
    return { ...query, current: version! };
  };

  return {
    Query: {
      savedQueries: async (_p: unknown, args: { tag?: string | null; mine?: boolean | null; first?: number | null }, context: Context) => {
        const list = await context.loaders.savedQueries.list(runnerOf(context), { tag: args.tag?.toLowerCase() ?? null, ownedOnly: args.mine === true, first: firstOf(args.first) });
        const versions = await context.loaders.savedQueries.versions(list.map((q) => ({ id: q.id, version: q.currentVersion })));
        return list.map((query, i) => ({ ...query, current: versions[i]! }));
      },
      savedQuery: async (_p: unknown, args: { id: string }, context: Context) => withCurrent(context, await context.loaders.savedQueries.visible(args.id, runnerOf(context))),
      savedQueryRuns: async (_p: unknown, args: { savedQueryId?: string | null; first?: number | null }, context: Context) => {
        const me = context.caller.subject.id;
        if (!args.savedQueryId) return context.loaders.runs.list({ runnerId: me }, firstOf(args.first));
        const query = await context.loaders.savedQueries.visible(args.savedQueryId, runnerOf(context));
        if (!query) throw badUserInput(`no saved query ${args.savedQueryId} you may see`, { argument: 'savedQueryId' });
        // Its owner sees who ran their query; anyone else sees only their own runs of it.
        return context.loaders.runs.list({ savedQueryId: query.id, runnerId: query.ownerId === me ? null : me }, firstOf(args.first));
      },
      savedQueryExports: (_p: unknown, args: { first?: number | null }, context: Context) => context.loaders.exports.listOf(context.caller.subject.id, firstOf(args.first)),
      savedQuerySchedules: (_p: unknown, _args: unknown, context: Context) => context.loaders.schedules.listOf(context.caller.subject.id),
    },
    Mutation: {
      saveQuery: async (_p: unknown, args: { input: SavedQueryInput }, context: Context) => {
        const id = await context.loaders.savedQueries.create(context.caller.subject.id, contentOf(args.input, false));
        return withCurrent(context, await context.loaders.savedQueries.get(id));
      },
      reviseSavedQuery: async (_p: unknown, args: { id: string; input: SavedQueryInput; baseVersion?: number | null }, context: Context) => {
        const query = await owned(context, args.id);
        try {
          await context.loaders.savedQueries.revise(query.id, context.caller.subject.id, contentOf(args.input, true), args.baseVersion ?? undefined);
        } catch (error) {
          if (error instanceof StaleVersionError) throw badUserInput(error.message, { argument: 'baseVersion', currentVersion: error.current });
          throw error;
        }
        return withCurrent(context, await context.loaders.savedQueries.get(query.id));
      },
      shareSavedQuery: async (_p: unknown, args: { id: string; shares: Share[] }, context: Context) => {
        const query = await owned(context, args.id);
        const shares = args.shares.map((s) => ({ kind: s.kind, target: s.target.trim().toUpperCase() }));
        for (const share of shares) if (!share.target) throw badUserInput('a share names a command or a role', { argument: 'shares' });
        await context.loaders.savedQueries.share(query.id, context.caller.subject.id, shares);
        return withCurrent(context, await context.loaders.savedQueries.get(query.id));
      },
      scheduleSavedQuery: async (_p: unknown, args: { input: ScheduleInput }, context: Context) => {
        const { input } = args;
        const query = await owned(context, input.savedQueryId);
        if (query.brokenReason) throw badUserInput(`saved query ${query.id} is broken: ${query.brokenReason}`, { argument: 'savedQueryId', reason: 'SAVED_QUERY_BROKEN' });
        // [P5] a scheduled run declares a purpose like any other, stored once here.
        if (!(PURPOSES as readonly string[]).includes(input.purpose) || input.purpose === 'IMMIGRATION_ENFORCEMENT') {
          throw badUserInput('purpose must be a purpose code other than IMMIGRATION_ENFORCEMENT', { argument: 'purpose' });
        }
        if (input.caseNumber.trim().length < 3) throw badUserInput('a scheduled run needs the case number it serves', { argument: 'caseNumber' });
        if (input.justification.trim().length < 10) throw badUserInput('a scheduled run needs a justification of at least 10 characters', { argument: 'justification' });
        let variables: Record<string, unknown> = {};
        if (input.variables) {
          try {
            variables = JSON.parse(input.variables) as Record<string, unknown>;
          } catch {
            throw badUserInput('variables is not JSON', { argument: 'variables' });
          }
          if (!variables || typeof variables !== 'object' || Array.isArray(variables)) throw badUserInput('variables is a JSON object', { argument: 'variables' });
        }
        const now = Date.now();
        const latest = now + SCHEDULE_MAX_DAYS * 86_400_000;
        let expires = latest;
        if (input.caseClosesOn) {
          const closes = Date.parse(`${input.caseClosesOn}T23:59:59.999Z`);
          if (!(closes > now)) throw badUserInput('caseClosesOn must be a future day', { argument: 'caseClosesOn' });
          expires = Math.min(latest, closes);
        }
        const { subject } = context.caller;
        return context.loaders.schedules.create({
          savedQueryId: query.id,
          ownerId: subject.id,
          cadence: input.cadence,
          variables,
          purpose: input.purpose,
          caseNumber: input.caseNumber.trim(),
          justification: input.justification.trim(),
          ownerRoles: [...subject.roles].sort(),
          ownerCommand: subject.command,
          ownerAssignment: subject.assignment,
          expiresAt: new Date(expires).toISOString(),
          nextRunAt: new Date(now + CADENCE_MS[input.cadence]).toISOString(),
        });
      },
    },
    SavedQuery: {
      name: (q: Current) => q.current.name,
      description: (q: Current) => q.current.description,
      tags: (q: Current) => q.current.tags,
      document: (q: Current) => q.current.document,
      operationName: (q: Current) => q.current.operationName,
      parameters: (q: Current) => q.current.parameters,
      columns: (q: Current) => q.current.columns,
      suggestedPurpose: (q: Current) => q.current.suggestedPurpose,
      broken: (q: Current) => q.brokenReason !== null,
      versions: (q: Current, _args: unknown, context: Context) => context.loaders.savedQueries.history(q.id),
    },
    SavedQueryParameter: {
      defaultValue: (p: { defaultValue: unknown }) => (p.defaultValue === null || p.defaultValue === undefined ? null : JSON.stringify(p.defaultValue)),
      enumValues: (p: { type: string }) => enumValuesOf(options.apiSchema(), p.type),
    },
    SavedQueryExport: {
      url: (e: SavedQueryExport) => `/exports/${e.id}`,
    },
  };
}

type Current = SavedQuery & { current: NonNullable<Awaited<ReturnType<SavedQueryStore['version']>>> };
