import path from 'node:path';
import { loadSdl } from '../schema/loadSdl';
import { readMigrations } from '../storage/migrate';
import { badUserInput, ermsError } from '../errors/ErrorCode';
import type { SubgraphContext, SubgraphDefinition } from '../subgraphs/SubgraphDefinition';
import DataLoader from 'dataloader';
import { DirectoryStore } from './directory/DirectoryStore';
import { DirectoryInputError, DirectoryRuleError, UnknownUserError } from './directory/directoryErrors';
import { RoleGrants, type RoleGrant, type RoleGrantStatus } from './directory/RoleGrants';
import { grantScope, ROLE_GRANT_READERS } from '../policy/separationOfDuties';
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

type Loaders = { directory: DirectoryStore; roleGrants: RoleGrants; pendingGrants: DataLoader<string, RoleGrant[]> } & OversightLoaders;
type Context = SubgraphContext<Loaders>;

/** The directory's refusals as the contract's errors: one place [P8, P16]. */
function directoryError(error: unknown): unknown {
  if (error instanceof UnknownUserError) return badUserInput(error.message, { argument: 'userId' });
  if (error instanceof DirectoryInputError) return badUserInput(error.message, { argument: error.argument });
  if (error instanceof DirectoryRuleError) return ermsError('FORBIDDEN', error.message, { reason: error.reason });
  return error;
}

/** The governance subgraph: the directory and the administrator's changes to it, and oversight of the audit trail. */
export function createGovernanceSubgraph(options: GovernanceOptions): SubgraphDefinition<Loaders> {
  const oversight = oversightResolvers({ audit: options.audit, reviewOverdueHours: options.reviewOverdueHours ?? 72 });
  /**
   * One change to the directory: applied (the store refuses a change to oneself), this
   * process's cache of the user forgotten, and the change recorded in the audit trail.
   */
  const change = async <T>(context: Context, what: string, apply: (by: string) => Promise<{ userId: string; result: T; detail: Record<string, unknown> }>): Promise<T> => {
    if (!options.audit) throw ermsError('AUDIT_UNAVAILABLE', 'directory changes are refused while they cannot be recorded');
    let applied: Awaited<ReturnType<typeof apply>>;
    try {
      applied = await apply(context.caller.subject.id);
    } catch (error) {
      throw directoryError(error);
    }
    options.onDirectoryChange(applied.userId);
    // [P18] role and assignment changes are in the trail, not only in the directory's own log.
    try {
      await options.audit.append({
        kind: 'DIRECTORY_CHANGE',
        requestId: context.caller.requestId,
        userId: context.caller.subject.id,
        event: { user: context.caller.subject.id, roles: context.caller.subject.roles, command: context.caller.subject.command, change: what, of: applied.userId, ...applied.detail },
      });
    } catch {
      throw ermsError('AUDIT_UNAVAILABLE', 'the change was made but its audit record could not be stored; it is in the directory\'s change log');
    }
    return applied.result;
  };
  const userChange = (context: Context, userId: string, what: string, detail: Record<string, unknown>, apply: (by: string) => Promise<void>) =>
    change(context, what, async (by) => {
      await apply(by);
      return { userId, result: await context.loaders.directory.user(userId), detail };
    });
  const decide = (context: Context, id: string, approve: boolean, comment: string | null) =>
    change(context, approve ? 'approveRoleGrant' : 'rejectRoleGrant', async () => {
      const { subject } = context.caller;
      const grant = await context.loaders.roleGrants.decide(id, { id: subject.id, roles: subject.roles, command: subject.command }, approve, comment);
      return { userId: grant.userId, result: grant, detail: { grant: grant.id, role: grant.role, requestedBy: grant.requestedBy, comment } };
    });
  return {
    name: 'governance',
    dbSchema: 'governance',
    migrations: readMigrations(path.join(__dirname, 'migrations')),
    typeDefs: loadSdl('governance'),
    createLoaders: (db) => {
      const roleGrants = new RoleGrants(db);
      return { directory: new DirectoryStore(db), roleGrants, pendingGrants: new DataLoader((ids: readonly string[]) => roleGrants.pendingFor(ids)), ...oversightLoaders(db) };
    },
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
        roleGrants: (_parent: unknown, args: { status?: RoleGrantStatus | null; userId?: string | null; first?: number | null }, context: Context) => {
          const first = args.first ?? 50;
          if (!Number.isInteger(first) || first < 0 || first > 500) throw badUserInput('first must be between 0 and 500', { argument: 'first' });
          // [P8] oversight and the Privacy Officer see every grant; a commanding officer those of their command.
          const scope = grantScope(ROLE_GRANT_READERS, context.caller.subject.roles);
          if (!scope) return [];
          return context.loaders.roleGrants.list({ status: args.status, userId: args.userId, command: scope === 'COMMAND' ? context.caller.subject.command : null }, first);
        },
        ...oversight.Query,
      },
      Mutation: {
        // [P8] removals now; a role reaching record data waits for a second person's approval.
        setUserRoles: (_p: unknown, args: { userId: string; roles: Role[] }, context: Context) =>
          change(context, 'setUserRoles', async (by) => {
            const done = await context.loaders.roleGrants.setRoles(args.userId, args.roles, by);
            const detail = { roles: args.roles, removed: done.removed, added: done.added, requested: done.requested.map((g) => ({ id: g.id, role: g.role })), cancelled: done.cancelled.map((g) => g.id) };
            return { userId: args.userId, result: await context.loaders.directory.user(args.userId), detail };
          }),
        assignUser: (_p: unknown, args: { userId: string; command: string; assignment: string; effectiveFrom?: string | null }, context: Context) =>
          userChange(context, args.userId, 'assignUser', { command: args.command, assignment: args.assignment, effectiveFrom: args.effectiveFrom ?? null }, (by) =>
            context.loaders.directory.assign(args.userId, args.command, args.assignment, args.effectiveFrom ?? new Date().toISOString().slice(0, 10), by),
          ),
        recordTraining: (_p: unknown, args: { userId: string; course: string; completedOn: string }, context: Context) =>
          userChange(context, args.userId, 'recordTraining', { course: args.course, completedOn: args.completedOn }, (by) => context.loaders.directory.recordTraining(args.userId, args.course, args.completedOn, by)),
        setUserActive: (_p: unknown, args: { userId: string; active: boolean }, context: Context) =>
          userChange(context, args.userId, 'setUserActive', { active: args.active }, (by) => context.loaders.directory.setActive(args.userId, args.active, by)),
        approveRoleGrant: (_p: unknown, args: { id: string; comment?: string | null }, context: Context) => decide(context, args.id, true, args.comment ?? null),
        rejectRoleGrant: (_p: unknown, args: { id: string; comment: string }, context: Context) => decide(context, args.id, false, args.comment),
        ...oversight.Mutation,
      },
      DirectoryUser: {
        pendingGrants: (user: { id: string }, _args: unknown, context: Context) => context.loaders.pendingGrants.load(user.id),
      },
      AuditEvent: oversight.AuditEvent,
      FocusedAudit: oversight.FocusedAudit,
    },
  };
}
