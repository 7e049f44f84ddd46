/**
 * `npm run saved-queries -- <command>`: analysts' saved queries, from the command line.
 *
 *   revalidate   check every saved query's current version against the supergraph composed from
 *                schema/*.graphql; mark the ones that no longer validate broken (with the reason),
 *                clear the ones that validate again. The gateway does the same at every start.
 *   library      add the example library's queries that are missing (idempotent).
 *   --help       this text.
 *
 * On the embedded default (PGlite under DATA_DIR), stop `npm start` first.
 */
import { Supergraph } from '@apollo/federation-internals';
import { loadConfig } from '../platform/config/loadConfig';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { migrate } from '../platform/storage/migrate';
import { openDatabase } from '../platform/storage/openDatabase';
import { composeSupergraph } from '../schema/composeSupergraph';
import { createGovernanceSubgraph } from '../subgraphs/governance';
import { SavedQueryStore } from '../subgraphs/governance/workspace/SavedQueryStore';
import { LIBRARY_OWNER } from '../subgraphs/governance/workspace/exampleLibrary';
import { seedExampleLibrary } from '../subgraphs/governance/workspace/seedExampleLibrary';
import { revalidateSavedQueries } from '../gateway/stages/savedQueries/revalidateSavedQueries';

const HELP = `usage: npm run saved-queries -- <revalidate|library|--help>
  revalidate  mark saved queries that no longer validate against the supergraph broken (with the reason); clear those that do again
  library     add the example library's missing queries (owner: analyst; shared with every record role)
Configuration: DATA_DIR or DATABASE_URL (as npm start). Stop npm start first on the embedded default.`;

async function main(): Promise<void> {
  const command = process.argv[2];
  if (!command || command === '--help' || command === '-h') {
    console.log(HELP);
    return;
  }
  if (command !== 'revalidate' && command !== 'library') {
    console.error(`unknown command: ${command}\n${HELP}`);
    process.exitCode = 64;
    return;
  }
  const config = loadConfig();
  const definition = createGovernanceSubgraph({ onDirectoryChange: () => undefined });
  const db = await openDatabase({ schema: definition.dbSchema, dataDir: config.dataDir, databaseUrl: config.subgraphs.governance.databaseUrl });
  try {
    await migrate(db, definition.migrations);
    const sdl = composeSupergraph(SUBGRAPH_NAMES.map((name) => ({ name, url: config.subgraphs[name].url })));
    const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
    if (command === 'library') {
      const [owner] = await db.query('SELECT 1 FROM directory_user WHERE id = $1', [LIBRARY_OWNER]);
      if (!owner) throw new Error(`the directory has no user ${LIBRARY_OWNER} to own the library: run npm start once first`);
      console.log(`example library: ${await seedExampleLibrary(db, schema)} queries added`);
      return;
    }
    const result = await revalidateSavedQueries(new SavedQueryStore(db), schema);
    for (const change of result.changed) {
      console.log(change.brokenReason ? `BROKEN  ${change.id} v${change.version}: ${change.brokenReason}` : `VALID   ${change.id} v${change.version} (validates again)`);
    }
    console.log(`${result.checked} saved queries checked, ${result.broken} broken, ${result.changed.length} changed`);
    if (result.broken) process.exitCode = 3;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
