import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { PageArgs } from '../relayConnection';
import type { SubgraphContext } from '../SubgraphDefinition';
import { firstRows } from '../nestedPage';
import type { WarrantsLoaders } from './loaders';
import { toOrder, toStolenProperty, toWarrant } from './records';
import {
  listOrdersOfProtection, listStolenProperty, listWarrants,
  type OrderOfProtectionFilter, type StolenPropertyFilter, type WarrantFilter,
} from './store';

type Context = SubgraphContext<WarrantsLoaders>;
type ListArgs<Filter> = PageArgs & { filter?: Filter | null };

const orNull = <Row, Node>(row: Row | null, toNode: (row: Row) => Node): Node | null => (row === null ? null : toNode(row));

export const resolvers: GraphQLResolverMap<Context> = {
  Query: {
    warrant: async (_: unknown, { number }: { number: string }, { loaders }: Context) =>
      orNull(await loaders.warrantByNumber.load(number), toWarrant),
    warrants: (_: unknown, args: ListArgs<WarrantFilter>, { db }: Context) => listWarrants(db, args.filter, args),
    orderOfProtection: async (_: unknown, { number }: { number: string }, { loaders }: Context) =>
      orNull(await loaders.orderByNumber.load(number), toOrder),
    ordersOfProtection: (_: unknown, args: ListArgs<OrderOfProtectionFilter>, { db }: Context) =>
      listOrdersOfProtection(db, args.filter, args),
    stolenProperty: (_: unknown, args: ListArgs<StolenPropertyFilter>, { db }: Context) =>
      listStolenProperty(db, args.filter, args),
  },
  Warrant: {
    __resolveReference: async ({ number }: { number: string }, { loaders }: Context) =>
      orNull(await loaders.warrantByNumber.load(number), toWarrant),
  },
  OrderOfProtection: {
    __resolveReference: async ({ number }: { number: string }, { loaders }: Context) =>
      orNull(await loaders.orderByNumber.load(number), toOrder),
  },
  StolenProperty: {
    __resolveReference: async ({ id }: { id: string }, { loaders }: Context) =>
      orNull(await loaders.stolenPropertyById.load(id), toStolenProperty),
  },
  Person: {
    warrants: async ({ id }: { id: string }, args: PageArgs, { loaders }: Context) =>
      firstRows(await loaders.warrantsBySubject.load(id), args).map(toWarrant),
    ordersOfProtection: async ({ id }: { id: string }, args: PageArgs, { loaders }: Context) =>
      firstRows(await loaders.orderPartiesByPerson.load(id), args).map((row) => ({
        role: row.role,
        nameAsRecorded: row.name_as_recorded,
        order: toOrder(row),
      })),
  },
  Vehicle: {
    stolenReports: async ({ vin }: { vin: string }, args: PageArgs, { loaders }: Context) =>
      firstRows(await loaders.stolenPropertyByVin.load(vin), args).map(toStolenProperty),
  },
  PropertyItem: {
    stolenReports: async ({ serialNumber }: { serialNumber: string }, args: PageArgs, { loaders }: Context) =>
      firstRows(await loaders.stolenPropertyBySerial.load(serialNumber), args).map(toStolenProperty),
  },
};
