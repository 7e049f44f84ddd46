import path from 'node:path';
import { loadSdl } from '../../schema/loadSdl';
import { readMigrations } from '../../platform/storage/migrate';
import type { SubgraphContext, SubgraphDefinition } from '../SubgraphDefinition';
import { DirectoryStore } from './directory/DirectoryStore';
import { directoryLoaders, directoryResolvers, type DirectoryLoaders } from './directory/directoryResolvers';
import type { AuditLog } from './audit/AuditLog';
import { oversightLoaders, oversightResolvers, type OversightLoaders } from './oversight/oversightResolvers';
import { seedRecordSealing } from './oversight/WithheldRecords';
import { workspaceLoaders, workspaceResolvers, type WorkspaceLoaders, type WorkspaceOptions } from './workspace/workspaceResolvers';
import { agreementLoaders, agreementResolvers, type AgreementLoaders } from './agreements/agreementResolvers';
import { seedAgreementsIfEmpty } from './agreements/seedAgreements';

export interface GovernanceOptions {
  /** Called after every directory change, so this process forgets the user at once. */
  onDirectoryChange: (userId: string) => void;
  /** [P18] the audit trail: directory changes are recorded in it, and oversight reads it. */
  audit?: AuditLog;
  /** Uses left unacknowledged this long are overdue for a supervisor's review (default 72). */
  reviewOverdueHours?: number;
  /** The supergraph's API schema saved queries are validated against; absent: saving is refused. */
  apiSchema?: WorkspaceOptions['apiSchema'];
  /** Called after every agreement change, so this process's gateway applies it at once [P14]. */
  onAgreementChange?: (number: string) => void;
}

type Loaders = DirectoryLoaders & OversightLoaders & WorkspaceLoaders & AgreementLoaders;
type Context = SubgraphContext<Loaders>;

/** The governance store's migrations (the audit commands open the store without the subgraph). */
export const readGovernanceMigrations = () => readMigrations(path.join(__dirname, 'migrations'));

/** The governance subgraph: the directory and the administrator's changes to it, oversight of the audit trail, and analysts' saved queries. */
export function createGovernanceSubgraph(options: GovernanceOptions): SubgraphDefinition<Loaders> {
  const oversight = oversightResolvers({ audit: options.audit, reviewOverdueHours: options.reviewOverdueHours ?? 72 });
  const directory = directoryResolvers({ onDirectoryChange: options.onDirectoryChange, audit: options.audit });
  const workspace = workspaceResolvers({ apiSchema: options.apiSchema ?? (() => null) });
  const agreements = agreementResolvers({ audit: options.audit, onAgreementChange: options.onAgreementChange ?? (() => undefined) });
  return {
    name: 'governance',
    dbSchema: 'governance',
    migrations: readGovernanceMigrations(),
    typeDefs: loadSdl('governance'),
    createLoaders: (db) => ({ ...directoryLoaders(db), ...oversightLoaders(db), ...workspaceLoaders(db), ...agreementLoaders(db) }),
    async seed(db, world) {
      await new DirectoryStore(db).seedIfEmpty();
      await seedAgreementsIfEmpty(db);
      // [P12] which records the trail may name are sealed or juvenile, from the same world as the record stores.
      await seedRecordSealing(db, world);
    },
    resolvers: {
      Query: {
        async me(_parent: unknown, _args: unknown, context: Context) {
          const { subject, purpose } = context.caller;
          const full = await context.loaders.directory.subject(subject.id, false, false);
          return {
            ...subject,
            displayName: full?.displayName ?? subject.id,
            agencyName: subject.agency.name,
            agencyOri: subject.agency.ori,
            currentTrainings: full?.currentTrainings ?? [],
            purpose: purpose?.code ?? null,
            caseNumber: purpose?.caseNumber ?? null,
          };
        },
        ...directory.Query,
        ...oversight.Query,
        ...workspace.Query,
        ...agreements.Query,
      },
      Mutation: {
        ...directory.Mutation,
        ...oversight.Mutation,
        ...workspace.Mutation,
        ...agreements.Mutation,
      },
      SavedQuery: workspace.SavedQuery,
      SavedQueryParameter: workspace.SavedQueryParameter,
      SavedQueryExport: workspace.SavedQueryExport,
      DirectoryUser: directory.DirectoryUser,
      AuditEvent: oversight.AuditEvent,
      FocusedAudit: oversight.FocusedAudit,
      Agreement: agreements.Agreement,
    },
  };
}
