import type { GraphQLSchema } from 'graphql';
import type { Database } from '../../../platform/storage/Database';
import { EXAMPLE_LIBRARY, LIBRARY_OWNER, LIBRARY_SHARES } from './exampleLibrary';
import { SavedQueryStore } from './SavedQueryStore';
import { validateSavedQuery } from './validateSavedQuery';

/**
 * Adds the example library's queries that are not there yet (idempotent: by fixed id), each
 * validated against the schema and shared as the library says. Returns how many were added.
 */
export async function seedExampleLibrary(db: Database, schema: GraphQLSchema): Promise<number> {
  const store = new SavedQueryStore(db);
  let added = 0;
  for (const entry of EXAMPLE_LIBRARY) {
    if (await store.get(entry.id)) continue;
    const validation = validateSavedQuery(schema, entry);
    if (!validation.valid) throw new Error(`example ${entry.id} does not validate: ${validation.reason}`);
    await store.create(
      LIBRARY_OWNER,
      {
        name: entry.name, description: entry.description, tags: entry.tags, document: entry.document, operationName: validation.operationName,
        parameters: validation.parameters, columns: entry.columns, suggestedPurpose: entry.suggestedPurpose, changeNote: 'example library',
      },
      entry.id,
    );
    await store.share(entry.id, LIBRARY_OWNER, LIBRARY_SHARES);
    added++;
  }
  return added;
}
