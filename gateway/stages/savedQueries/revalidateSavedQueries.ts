import type { GraphQLSchema } from 'graphql';
import type { SavedQueryStore } from '../../../subgraphs/governance/workspace/SavedQueryStore';
import { validityOf } from './loadSavedQueryRun';

export interface Revalidation {
  checked: number;
  broken: number;
  /** Each query whose state changed: broken with its reason, or valid again (null). */
  changed: { id: string; version: number; brokenReason: string | null }[];
}

/**
 * Every saved query's current version against the supergraph in force: one that no longer
 * validates is marked broken with the reason (it then refuses to run, never runs silently);
 * one that validates again is cleared. Run at gateway start and by `npm run saved-queries -- revalidate`.
 */
export async function revalidateSavedQueries(store: Pick<SavedQueryStore, 'currentVersions' | 'get' | 'markValidity'>, schema: GraphQLSchema): Promise<Revalidation> {
  const versions = await store.currentVersions();
  const result: Revalidation = { checked: versions.length, broken: 0, changed: [] };
  for (const version of versions) {
    const reason = validityOf(schema, version);
    if (reason) result.broken++;
    const query = await store.get(version.savedQueryId);
    if ((query?.brokenReason ?? null) !== reason) result.changed.push({ id: version.savedQueryId, version: version.version, brokenReason: reason });
    await store.markValidity(version.savedQueryId, reason);
  }
  return result;
}
