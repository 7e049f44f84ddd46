/**
 * `npm run operations -- <command>`: the trusted-document manifest [P14]. See --help.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from '../platform/storage/Database';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { answerHelp } from './answerHelp';
import { loadConfig } from '../platform/config/loadConfig';
import { SCHEMA_DIR } from '../schema/loadSdl';
import { createGovernanceSubgraph } from '../subgraphs/governance';
import { AgreementStore } from '../subgraphs/governance/agreements/AgreementStore';
import { TrustedDocuments, type DocumentOwner } from '../subgraphs/governance/agreements/TrustedDocuments';
import { AuditLog } from '../subgraphs/governance/audit/AuditLog';
import { DirectoryStore } from '../subgraphs/governance/directory/DirectoryStore';
import { prepareDatabase } from '../subgraphs/prepareDatabase';
import { publishOperations } from '../gateway/stages/trustedDocuments/publishOperations';
import { revalidateTrustedDocuments } from '../gateway/stages/trustedDocuments/revalidateTrustedDocuments';
import { publicationSchema } from '../gateway/stages/trustedDocuments/validateOperation';

const HELP = `usage: npm run operations -- <command> [options]

Operations approved for a partner agency's agreement (trusted documents) [P14]. A partner may
send only the id (SHA-256) of an operation published here for its agreement.

commands
  publish <dir> --agreement <number> --by <user>
      Publishes every .graphql file of <dir> (one named operation each) for the agreement.
      Each is validated against schema/supergraph.graphql and the agreement's systems and
      categories; if any reaches outside them, none is published and the field is named.
      A changed text under a known name becomes its next version.
  publish <dir> --client <id> --by <user>
      The same for an internal client that opted in (TRUSTED_DOCUMENT_CLIENTS).
  list [--agreement <number> | --client <id>]
      Published operations: name, version, SHA-256 (the id clients send), valid or why not.
  revalidate
      Checks every published operation against the current supergraph (after npm run
      compose); one no longer valid is marked and not served until published again.
      The gateway does the same at every start.

options
  --by <user>     the directory id of who publishes: a PRIVACY_OFFICER or LEGAL user
  --help          this text

On the embedded store, stop npm start first (one process opens it); with DATABASE_URL, any time.`;
answerHelp(HELP);

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { agreement: { type: 'string' }, client: { type: 'string' }, by: { type: 'string' } },
  });
  const [command, dir] = positionals;
  if (!command) throw new Error(HELP);
  const config = loadConfig();
  const prepared = await prepareDatabase(
    createGovernanceSubgraph({ onDirectoryChange: () => undefined }),
    { dataDir: config.dataDir, databaseUrl: config.subgraphs.governance.databaseUrl, statementTimeoutMs: config.statementTimeoutMs },
    { seed: config.seed, persons: config.persons },
    { progress: (message) => console.error(message) },
  );
  const documents = new TrustedDocuments(prepared.db);
  const agreements = new AgreementStore(prepared.db);
  const schema = publicationSchema(readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8'));
  try {
    if (command === 'publish') process.exitCode = await publish(dir, values, { documents, agreements, db: prepared.db }, schema);
    else if (command === 'list') {
      const owner = ownerOf(values);
      for (const d of await documents.list(owner)) {
        const who = 'agreement' in d.owner ? d.owner.agreement : `client ${d.owner.client}`;
        console.log(`${who}\t${d.name}\tv${d.version}\t${d.sha256}\t${d.valid ? 'valid' : `INVALID: ${d.invalidReason}`}`);
      }
    } else if (command === 'revalidate') {
      const result = await revalidateTrustedDocuments(documents, agreements, schema);
      console.log(`${result.checked} operation(s) checked against the supergraph ${schema.sha256.slice(0, 12)}; ${result.invalid.length} invalid`);
      for (const d of result.invalid) console.log(`  ${d.owner}/${d.name} v${d.version}: ${d.problem}`);
      process.exitCode = result.invalid.length ? 2 : 0;
    } else throw new Error(`unknown command ${command}: see --help`);
  } finally {
    await prepared.db.close();
  }
}

function ownerOf(values: { agreement?: string; client?: string }): DocumentOwner | null {
  if (values.agreement && values.client) throw new Error('either --agreement or --client, not both');
  return values.agreement ? { agreement: values.agreement } : values.client ? { client: values.client } : null;
}

async function publish(
  dir: string | undefined,
  values: { agreement?: string; client?: string; by?: string },
  stores: { documents: TrustedDocuments; agreements: AgreementStore; db: Database },
  schema: ReturnType<typeof publicationSchema>,
): Promise<number> {
  const owner = ownerOf(values);
  if (!dir || !owner || !values.by) throw new Error('usage: npm run operations -- publish <dir> --agreement <number> --by <user> (see --help)');
  // [P14] approving an operation for a partner is the Privacy Officer's or Legal's act.
  const publisher = await new DirectoryStore(stores.db).subject(values.by, false, false);
  if (!publisher || !publisher.roles.some((role) => role === 'PRIVACY_OFFICER' || role === 'LEGAL')) {
    throw new Error(`${values.by} is not an active PRIVACY_OFFICER or LEGAL user: operations are approved by them`);
  }
  const files = readdirSync(dir).filter((file) => file.endsWith('.graphql')).sort().map((file) => ({ file: path.join(dir, file), text: readFileSync(path.join(dir, file), 'utf8') }));
  const outcome = await publishOperations(files, owner, schema, stores, values.by);
  // [P18] every publication, refused or not, is in the audit trail.
  const audit = new AuditLog(stores.db);
  await audit.append({
    kind: 'AGREEMENT_CHANGE',
    userId: values.by,
    event: {
      user: values.by, roles: publisher.roles, change: 'publishOperations', outcome: outcome.published ? 'ALLOWED' : 'REFUSED',
      ...('agreement' in owner ? { agreement: owner.agreement } : { client: owner.client }),
      operations: outcome.published ? outcome.results.map((r) => ({ name: r.name, version: r.version, sha256: r.sha256 })) : [],
      problems: outcome.published ? [] : outcome.problems,
    },
  });
  await audit.close();
  if (!outcome.published) {
    console.error('nothing published:');
    for (const p of outcome.problems) console.error(`  ${p.file}: ${p.problem}`);
    return 1;
  }
  for (const r of outcome.results) console.log(`${r.created ? 'published' : 'unchanged'}\t${r.name}\tv${r.version}\t${r.sha256}`);
  return 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
