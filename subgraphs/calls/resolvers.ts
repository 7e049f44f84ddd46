import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { badUserInput } from '../../platform/errors/ErrorCode';
import type { WindowArgs } from '../keyedLoader';
import { MAX_PAGE_SIZE, type PageArgs } from '../relayConnection';
import type { SubgraphContext } from '../SubgraphDefinition';
import { firstRows, nestedConnection } from '../nestedPage';
import type { CallsLoaders } from './loaders';
import type { Call911Row, InvolvedPersonRow, ServiceRequest311Row } from './records';
import { listCalls911, listServiceRequests311, type Call911Filter, type ServiceRequest311Filter } from './store';

type Context = SubgraphContext<CallsLoaders>;
interface Ref {
  id: string;
}

/** Persons and locations belong to complaints-arrests: this subgraph only hands out references. */
const reference = (id: string | null): Ref | null => (id ? { id } : null);

function premiseWindow(args: WindowArgs): WindowArgs {
  const limit = args.limit ?? 25;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(`limit must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'limit' });
  }
  return { since: args.since ?? null, limit };
}

export const resolvers: GraphQLResolverMap<Context> = {
  Query: {
    call911: (_: unknown, args: { id: string }, { loaders }: Context) => loaders.call911.load(args.id),
    calls911: (_: unknown, args: PageArgs & { filter?: Call911Filter | null }, { db }: Context) =>
      listCalls911(db, args.filter ?? {}, args),
    call311: (_: unknown, args: { id: string }, { loaders }: Context) => loaders.serviceRequest311.load(args.id),
    serviceRequests311: (_: unknown, args: PageArgs & { filter?: ServiceRequest311Filter | null }, { db }: Context) =>
      listServiceRequests311(db, args.filter ?? {}, args),
  },
  Call911: {
    __resolveReference: (ref: Ref, { loaders }: Context) => loaders.call911.load(ref.id),
    location: (call: Call911Row) => reference(call.locationId),
    caller: (call: Call911Row) => reference(call.callerPersonId),
    involvedPersons: (call: Call911Row, _: unknown, { loaders }: Context) => loaders.involvedPersons.load(call.id),
  },
  CallInvolvedPerson: {
    person: (involved: InvolvedPersonRow) => reference(involved.personId),
  },
  ServiceRequest311: {
    __resolveReference: (ref: Ref, { loaders }: Context) => loaders.serviceRequest311.load(ref.id),
    location: (request: ServiceRequest311Row) => reference(request.locationId),
    requester: (request: ServiceRequest311Row) => reference(request.requesterPersonId),
  },
  Person: {
    calls911: async (person: Ref, args: PageArgs, { loaders }: Context) => firstRows(await loaders.calls911OfPerson.load(person.id), args),
    calls911Connection: async (person: Ref, args: PageArgs, { loaders }: Context) =>
      nestedConnection(await loaders.calls911OfPerson.load(person.id), args, (call) => [call.receivedAt, call.id]),
    serviceRequests311: async (person: Ref, args: PageArgs, { loaders }: Context) =>
      firstRows(await loaders.serviceRequests311OfPerson.load(person.id), args),
  },
  Location: {
    calls911: (location: Ref, args: WindowArgs, { loaders }: Context) => loaders.calls911AtLocation(location.id, premiseWindow(args)),
    serviceRequests311: (location: Ref, args: WindowArgs, { loaders }: Context) =>
      loaders.serviceRequests311AtLocation(location.id, premiseWindow(args)),
  },
};
