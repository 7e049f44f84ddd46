/**
 * `npm run audit:archive [-- --dry-run]`: moves months of the audit trail older than
 * AUDIT_RETENTION_MONTHS (at least 12) out of the live table into files under AUDIT_ARCHIVE_DIR,
 * keeping the chain verifiable across the gap [P18]. Nothing is dropped: the detached months
 * stay in the database as `audit_archived_YYYY_MM` until a person drops them after checking the
 * files. On the embedded default, stop `npm start` first (one process opens an embedded store).
 */
import { userInfo } from 'node:os';
import { loadConfig } from '../platform/config/loadConfig';
import { archiveAuditMonths } from '../subgraphs/governance/audit/archiveMonths';
import { AuditLog } from '../subgraphs/governance/audit/AuditLog';
import { migrate } from '../platform/storage/migrate';
import { readGovernanceMigrations } from '../subgraphs/governance';
import { openDatabase } from '../platform/storage/openDatabase';
import { answerHelp } from './answerHelp';

answerHelp(`
usage: npm run audit:archive [-- --dry-run]

Moves months of the audit trail older than AUDIT_RETENTION_MONTHS (at least 12) into files under
AUDIT_ARCHIVE_DIR, keeping the chain verifiable across the gap [P18]; --dry-run lists them only.
Stop npm start first on the embedded default.
`);

async function main(): Promise<void> {
  const config = loadConfig();
  const dryRun = process.argv.includes('--dry-run');
  const db = await openDatabase({ schema: 'governance', dataDir: config.dataDir, databaseUrl: config.subgraphs.governance.databaseUrl });
  const log = new AuditLog(db);
  try {
    await migrate(db, readGovernanceMigrations());
    console.log(`archiving audit months older than ${config.audit.retentionMonths} months to ${config.audit.archiveDir}${dryRun ? ' (dry run)' : ''}`);
    const archived = await archiveAuditMonths(db, log, {
      dir: config.audit.archiveDir,
      retentionMonths: config.audit.retentionMonths,
      by: `cli:${userInfo().username}`,
      dryRun,
      progress: (message) => console.log(`  ${message}`),
    });
    console.log(archived.length ? `${archived.length} month(s) ${dryRun ? 'due' : 'archived'}` : 'no month is past its retention period');
    await log.drain();
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
