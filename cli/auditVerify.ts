/**
 * `npm run audit:verify`: walks the audit chain and names the first event that was edited,
 * deleted, inserted or reordered, and checks every signed checkpoint with the trusted key
 * (AUDIT_CHECKPOINT_PUBLIC_JWK, else the one under DATA_DIR/keys). Exit code 0 when the chain
 * holds, 2 when it does not. On the embedded default, stop `npm start` first.
 */
import { loadConfig } from '../platform/config/loadConfig';
import { verifyAuditChain } from '../subgraphs/governance/audit/verifyAuditChain';
import { migrate } from '../platform/storage/migrate';
import { readGovernanceMigrations } from '../subgraphs/governance';
import { openDatabase } from '../platform/storage/openDatabase';
import { loadOrCreateKeyPair } from '../platform/identity/localKeys';
import { AuditLog } from '../subgraphs/governance/audit/AuditLog';
import { userInfo } from 'node:os';
import { answerHelp } from './answerHelp';

answerHelp(`
usage: npm run audit:verify

Walks the audit chain, names the first event edited, deleted, inserted or reordered, and checks
every signed checkpoint with the trusted key (AUDIT_CHECKPOINT_PUBLIC_JWK, else DATA_DIR/keys).
Exit code 0 when the chain holds, 2 when it does not. Stop npm start first on the embedded default.
`);

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ schema: 'governance', dataDir: config.dataDir, databaseUrl: config.subgraphs.governance.databaseUrl });
  try {
    // A store that has never started is brought to the current schema first (an empty chain holds).
    await migrate(db, readGovernanceMigrations());
    const trusted = config.audit.checkpointPublicKey ?? (await loadOrCreateKeyPair(config.dataDir, 'audit-checkpoint', 'EdDSA')).publicJwk;
    const verdict = await verifyAuditChain(db, { checkpointKeys: [trusted] });
    // [P18] a read of the whole trail is recorded in it like any other (after the check: it is not part of what was checked).
    const log = new AuditLog(db);
    await log
      .append({ kind: 'AUDIT_READ', userId: `cli:${userInfo().username}`, event: { read: 'audit:verify', ok: verdict.ok, checked: verdict.checked, firstBad: verdict.firstBad ?? null } })
      .catch((error: unknown) => console.error(`(this check could not be recorded in the trail: ${error instanceof Error ? error.message : String(error)})`));
    if (verdict.ok) {
      const archived = verdict.archived ? `, after ${verdict.archived} archived events` : '';
      console.log(`audit chain holds: ${verdict.checked} events, ${verdict.checkpoints} signed checkpoints${archived}`);
      return;
    }
    console.error(`audit chain BROKEN after ${verdict.checked} good events: event ${verdict.firstBad!.seq}: ${verdict.firstBad!.problem}`);
    process.exitCode = 2;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
