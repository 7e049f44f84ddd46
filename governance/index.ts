import path from 'node:path';
import { loadSdl } from '../schema/loadSdl';
import { readMigrations } from '../storage/migrate';
import { badUserInput, ermsError } from '../errors/ErrorCode';
import type { SubgraphContext, SubgraphDefinition } from '../subgraphs/SubgraphDefinition';
import { DirectoryStore, UnknownUserError } from './directory/DirectoryStore';
import type { Role } from '../policy/vocabulary';
import type { AuditLog } from './audit/AuditLog';
import { oversightLoaders, oversightResolvers, type OversightLoaders } from './oversight/oversightResolvers';

export interface GovernanceOptions {
  /** Called after every directory change, so this process forgets the user at once. */
  onDirectoryChange: (userId: string) => void;
  /** [P18] the audit trail: directory changes are recorded in it, and oversight reads it. */
  audit?: AuditLog;
  /** Uses left unacknowledged this long are overdue for a supervisor's review (default 72). */
  reviewOverdueHours?: number;
}

type Loaders = { directory: DirectoryStore } & OversightLoaders;
type Context = SubgraphContext<Loaders>;

/** The governance subgraph: the directory and the administrator's changes to it, and oversight of the audit trail. */
export function createGovernanceSubgraph(options: GovernanceOptions): SubgraphDefinition<Loaders> {
  const oversight = oversightResolvers({ audit: options.audit, reviewOverdueHours: options.reviewOverdueHours ?? 72 });
  const change = async (context: Context, userId: string, what: string, detail: Record<string, unknown>, apply: (directory: DirectoryStore, by: string) => Promise<void>) => {
    if (!options.audit) throw ermsError('AUDIT_UNAVAILABLE', 'directory changes are refused while they cannot be recorded');
    try {
      await apply(context.loaders.directory, context.caller.subject.id);
    } catch (error) {
      if (error instanceof UnknownUserError) throw badUserInput(error.message, { argument: 'userId' });
      throw error;
    }
    options.onDirectoryChange(userId);
    // [P18] role and assignment changes are in the trail, not only in the directory's own log.
    try {
      await options.audit.append({
        kind: 'DIRECTORY_CHANGE',
        requestId: context.caller.requestId,
        userId: context.caller.subject.id,
        event: { user: context.caller.subject.id, roles: context.caller.subject.roles, command: context.caller.subject.command, change: what, of: userId, ...detail },
      });
    } catch {
      throw ermsError('AUDIT_UNAVAILABLE', 'the change was made but its audit record could not be stored; it is in the directory\'s change log');
    }
    return context.loaders.directory.user(userId);
  };
  return {
    name: 'governance',
    dbSchema: 'governance',
    migrations: readMigrations(path.join(__dirname, 'migrations')),
    typeDefs: loadSdl('governance'),
    createLoaders: (db) => ({ directory: new DirectoryStore(db), ...oversightLoaders(db) }),
    async seed(db) {
      await new DirectoryStore(db).seedIfEmpty();
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
        users: (_parent: unknown, _args: unknown, context: Context) => context.loaders.directory.users(),
        user: (_parent: unknown, args: { id: string }, context: Context) => context.loaders.directory.user(args.id),
        ...oversight.Query,
      },
      Mutation: {
        setUserRoles: (_p: unknown, args: { userId: string; roles: Role[] }, context: Context) =>
          change(context, args.userId, 'setUserRoles', { roles: args.roles }, (directory, by) => directory.setRoles(args.userId, args.roles, by)),
        assignUser: (_p: unknown, args: { userId: string; command: string; assignment: string; effectiveFrom?: string | null }, context: Context) =>
          change(context, args.userId, 'assignUser', { command: args.command, assignment: args.assignment, effectiveFrom: args.effectiveFrom ?? null }, (directory, by) =>
            directory.assign(args.userId, args.command, args.assignment, args.effectiveFrom ?? new Date().toISOString().slice(0, 10), by),
          ),
        recordTraining: (_p: unknown, args: { userId: string; course: string; completedOn: string }, context: Context) =>
          change(context, args.userId, 'recordTraining', { course: args.course, completedOn: args.completedOn }, (directory, by) => directory.recordTraining(args.userId, args.course, args.completedOn, by)),
        setUserActive: (_p: unknown, args: { userId: string; active: boolean }, context: Context) =>
          change(context, args.userId, 'setUserActive', { active: args.active }, (directory, by) => directory.setActive(args.userId, args.active, by)),
        ...oversight.Mutation,
      },
      AuditEvent: oversight.AuditEvent,
      FocusedAudit: oversight.FocusedAudit,
    },
  };
}
