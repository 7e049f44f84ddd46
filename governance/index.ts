import path from 'node:path';
import { loadSdl } from '../schema/loadSdl';
import { readMigrations } from '../storage/migrate';
import { badUserInput } from '../errors/ErrorCode';
import type { SubgraphContext, SubgraphDefinition } from '../subgraphs/SubgraphDefinition';
import { DirectoryStore, UnknownUserError } from './directory/DirectoryStore';
import type { Role } from '../policy/vocabulary';

export interface GovernanceOptions {
  /** Called after every directory change, so this process forgets the user at once. */
  onDirectoryChange: (userId: string) => void;
}

type Context = SubgraphContext<{ directory: DirectoryStore }>;

/** The governance subgraph: directory queries and the administrator's changes to it. */
export function createGovernanceSubgraph(options: GovernanceOptions): SubgraphDefinition<{ directory: DirectoryStore }> {
  const change = async (context: Context, userId: string, apply: (directory: DirectoryStore, by: string) => Promise<void>) => {
    try {
      await apply(context.loaders.directory, context.caller.subject.id);
    } catch (error) {
      if (error instanceof UnknownUserError) throw badUserInput(error.message, { argument: 'userId' });
      throw error;
    }
    options.onDirectoryChange(userId);
    return context.loaders.directory.user(userId);
  };
  return {
    name: 'governance',
    dbSchema: 'governance',
    migrations: readMigrations(path.join(__dirname, 'migrations')),
    typeDefs: loadSdl('governance'),
    createLoaders: (db) => ({ directory: new DirectoryStore(db) }),
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
      },
      Mutation: {
        setUserRoles: (_p: unknown, args: { userId: string; roles: Role[] }, context: Context) =>
          change(context, args.userId, (directory, by) => directory.setRoles(args.userId, args.roles, by)),
        assignUser: (_p: unknown, args: { userId: string; command: string; assignment: string; effectiveFrom?: string | null }, context: Context) =>
          change(context, args.userId, (directory, by) =>
            directory.assign(args.userId, args.command, args.assignment, args.effectiveFrom ?? new Date().toISOString().slice(0, 10), by),
          ),
        recordTraining: (_p: unknown, args: { userId: string; course: string; completedOn: string }, context: Context) =>
          change(context, args.userId, (directory, by) => directory.recordTraining(args.userId, args.course, args.completedOn, by)),
        setUserActive: (_p: unknown, args: { userId: string; active: boolean }, context: Context) =>
          change(context, args.userId, (directory, by) => directory.setActive(args.userId, args.active, by)),
      },
    },
  };
}
