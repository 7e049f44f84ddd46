import type { GraphQLError, GraphQLSchema } from 'graphql';
import { badUserInput, ermsError } from '../../../platform/errors/ErrorCode';
import { ACCESS_TABLE } from '../../../policy/accessTable';
import type { Subject } from '../../../policy/Subject';
import type { SavedQueryExports } from '../../../subgraphs/governance/workspace/SavedQueryExports';
import type { SavedQueryStore, SavedQueryVersion } from '../../../subgraphs/governance/workspace/SavedQueryStore';
import { validateSavedQuery } from '../../../subgraphs/governance/workspace/validateSavedQuery';
import type { SavedQueryRef } from './SavedQueryUse';

export interface SavedQuerySources {
  store: Pick<SavedQueryStore, 'visible' | 'version'>;
  exports: Pick<SavedQueryExports, 'get'>;
  /** The API schema of the supergraph this gateway serves. */
  apiSchema: GraphQLSchema;
}

/** `extensions.savedQuery` read strictly: absent is null; anything malformed is refused. */
export function readSavedQueryRef(extensions: Record<string, unknown> | undefined): SavedQueryRef | null | GraphQLError {
  const value = extensions?.savedQuery;
  if (value === undefined || value === null) return null;
  const bad = badUserInput('extensions.savedQuery is { id, version? }: the id of a saved query and, optionally, one of its versions', { argument: 'extensions.savedQuery' });
  if (typeof value !== 'object' || Array.isArray(value)) return bad;
  const { id, version, exportId, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length || typeof id !== 'string' || !/^[A-Z0-9-]{1,40}$/.test(id)) return bad;
  if (version !== undefined && version !== null && !(Number.isInteger(version) && (version as number) >= 1 && (version as number) < 1e6)) return bad;
  if (exportId !== undefined && (typeof exportId !== 'string' || !/^EX-[0-9a-f]{24}$/.test(exportId))) return bad;
  return { id, ...(typeof version === 'number' ? { version } : {}), ...(exportId ? { exportId } : {}) };
}

/**
 * The version a runner may run, or why not. The runner must be able to see the saved query
 * (their own, or shared with their command or role) and hold a role that has a workspace
 * [P14, P16: a query shared with a partner's or an administrator's role still never runs for
 * them]; a broken query never runs. The query's author's rights play no part: the operation
 * then meets every stage with the runner's identity and the runner's purpose [P5].
 */
export async function loadSavedQueryRun(sources: SavedQuerySources, subject: Subject, ref: SavedQueryRef, sentQuery: string | undefined): Promise<SavedQueryVersion> {
  if (sentQuery !== undefined) {
    throw badUserInput('a saved query run carries no `query`: the saved version is what runs', { argument: 'query', reason: 'SAVED_QUERY_WITH_QUERY' });
  }
  if (!subject.roles.some((role) => ACCESS_TABLE[role].WORKSPACE)) {
    throw ermsError('FORBIDDEN', 'no role of yours runs saved queries', { reason: 'MISSING_ROLE' });
  }
  const query = await sources.store.visible(ref.id, { id: subject.id, roles: subject.roles, command: subject.command });
  if (!query) throw badUserInput(`no saved query ${ref.id} you may run`, { argument: 'extensions.savedQuery.id', reason: 'SAVED_QUERY_NOT_FOUND' });
  const number = ref.version ?? query.currentVersion;
  const version = number <= query.currentVersion ? await sources.store.version(query.id, number) : null;
  if (!version) throw badUserInput(`saved query ${ref.id} has no version ${number}`, { argument: 'extensions.savedQuery.version', reason: 'SAVED_QUERY_NOT_FOUND' });
  // The current version's state comes from the last revalidation; an older one is checked now.
  const brokenReason = number === query.currentVersion ? query.brokenReason : validityOf(sources.apiSchema, version);
  if (brokenReason) {
    throw badUserInput(`saved query ${ref.id} version ${number} does not validate against the schema in force: ${brokenReason}`, {
      argument: 'extensions.savedQuery', reason: 'SAVED_QUERY_BROKEN',
    });
  }
  if (ref.exportId) {
    const file = await sources.exports.get(ref.exportId);
    if (!file || file.ownerId !== subject.id || file.status !== 'RUNNING' || file.savedQueryId !== query.id || file.version !== number) {
      throw badUserInput('that export is not one of yours in progress for this saved query', { argument: 'extensions.savedQuery.exportId' });
    }
  }
  return version;
}

/** Why a version does not validate against the schema, or null when it does. */
export function validityOf(schema: GraphQLSchema, version: Pick<SavedQueryVersion, 'document' | 'columns'>): string | null {
  const validation = validateSavedQuery(schema, { document: version.document, columns: version.columns });
  return validation.valid ? null : validation.reason;
}
