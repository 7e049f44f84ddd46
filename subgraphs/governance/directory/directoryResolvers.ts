import DataLoader from 'dataloader';
import { badUserInput, ermsError } from '../../../platform/errors/ErrorCode';
import { grantScope, ROLE_GRANT_READERS } from '../../../policy/separationOfDuties';
import type { Role } from '../../../policy/vocabulary';
import type { Database } from '../../../platform/storage/Database';
import type { SubgraphContext } from '../../SubgraphDefinition';
import type { AuditLog } from '../audit/AuditLog';
import { DirectoryStore } from './DirectoryStore';
import { DirectoryInputError, DirectoryRuleError, UnknownUserError } from './directoryErrors';
import { RoleGrants, type RoleGrant, type RoleGrantStatus } from './RoleGrants';

export interface DirectoryOptions {
  /** Called after every directory change, so this process forgets the user at once. */
  onDirectoryChange: (userId: string) => void;
  /** [P18] directory changes are refused while they cannot be recorded here. */
  audit?: AuditLog;
}

export interface DirectoryLoaders {
  directory: DirectoryStore;
  roleGrants: RoleGrants;
  pendingGrants: DataLoader<string, RoleGrant[]>;
}

type Context = SubgraphContext<DirectoryLoaders>;

export function directoryLoaders(db: Database): DirectoryLoaders {
  const roleGrants = new RoleGrants(db);
  return { directory: new DirectoryStore(db), roleGrants, pendingGrants: new DataLoader((ids: readonly string[]) => roleGrants.pendingFor(ids)) };
}

/** The directory's refusals as the contract's errors: one place [P8, P16]. */
function directoryError(error: unknown): unknown {
  if (error instanceof UnknownUserError) return badUserInput(error.message, { argument: 'userId' });
  if (error instanceof DirectoryInputError) return badUserInput(error.message, { argument: error.argument });
  if (error instanceof DirectoryRuleError) return ermsError('FORBIDDEN', error.message, { reason: error.reason });
  return error;
}

/**
 * The directory API [P8]: an administrator's changes, each someone else's entry (the store
 * refuses one's own); record roles requested, then approved or rejected by a second person;
 * the grants listed for oversight. Every change is recorded in the audit trail.
 */
export function directoryResolvers(options: DirectoryOptions) {
  /** One change: applied, this process's cache of the user forgotten, and recorded in the trail. */
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
    Query: {
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
      rejectRoleGrant: (_p: unknown, args: { id: string; comment: string }, context: Context) => {
        // The requester and oversight need to know why.
        if (!args.comment.trim()) throw badUserInput('a rejection needs its reason in comment', { argument: 'comment' });
        return decide(context, args.id, false, args.comment.trim());
      },
    },
    DirectoryUser: {
      pendingGrants: (user: { id: string }, _args: unknown, context: Context) => context.loaders.pendingGrants.load(user.id),
    },
  };
}
