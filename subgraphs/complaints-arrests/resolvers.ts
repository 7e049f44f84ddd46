import { GraphQLError } from 'graphql';
import { chargeByCode, type Charge } from '../../synthetic/penalLaw';
import type { WindowArgs } from '../keyedLoader';
import type { Connection, PageArgs } from '../relayConnection';
import type { SubgraphContext } from '../SubgraphDefinition';
import { firstRows } from '../nestedPage';
import type { ComplaintsArrestsLoaders } from './loaders';
import type {
  ArrestRow, CollisionRow, CollisionVehicleRow, ComplaintPartyRow, ComplaintRow, InvoiceItemRow, LocationRow, PersonRow,
  PropertyInvoiceRow, PropertyItemRow, VehicleRow,
} from './records';
import { recordVisibilityOf } from './recordVisibility';
import { searchPersons, type PersonMatch, type SearchPersonsArgs } from './searchPersons';
import { searchByDescription, type PersonDescription } from './searchByDescription';
import { arrestPhoto } from './arrestPhoto';
import {
  listArrests, listCollisions, listComplaints, listPropertyInvoices, type ArrestFilter, type CollisionFilter, type ComplaintFilter,
  type PropertyInvoiceFilter,
} from './store';

type Context = SubgraphContext<ComplaintsArrestsLoaders>;
type Loaders = ComplaintsArrestsLoaders;
type Filtered<Filter> = PageArgs & { filter?: Filter | null };

/** A charge as the SDL shows it; the law codes stored come only from the penal law table. */
function charge(lawCode: string): Omit<Charge, 'weight'> {
  const found = chargeByCode(lawCode);
  if (!found) throw new GraphQLError(`unknown law code ${lawCode}`);
  return { lawCode: found.lawCode, description: found.description, category: found.category, offenseClass: found.offenseClass };
}

const location = (loaders: Loaders, id: string | null) => (id ? loaders.locationById.load(id) : null);
const person = (loaders: Loaders, id: string | null) => (id ? loaders.personById.load(id) : null);
/** What this caller may see of sealed and juvenile records, asked once a request. */
const visibility = (context: Context) => recordVisibilityOf(context.policy);
const complaint = async (context: Context, number: string | null) =>
  number ? context.loaders.complaintByNumber(await visibility(context)).load(number) : null;
const arrest = async (context: Context, number: string | null) =>
  number ? context.loaders.arrestByNumber(await visibility(context)).load(number) : null;
const propertyInvoice = async (context: Context, number: string) => context.loaders.propertyInvoiceByNumber(await visibility(context)).load(number);

/** Similarity is exact in cursors; clients see it to four places. */
const displayScore = (score: number) => Math.round(score * 10_000) / 10_000;

export const complaintsArrestsResolvers = {
  // Searches and filtered lists scan and count: they read the search replica (db.forSearch()),
  // so a heavy one never holds up the key lookups of another caller [issue 20].
  Query: {
    person: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.personById.load(id),
    searchPersons: (_: unknown, args: SearchPersonsArgs, { db }: Context) => searchPersons(db.forSearch(), args),
    searchByDescription: (_: unknown, { description, ...page }: { description: PersonDescription } & PageArgs, { db }: Context) =>
      searchByDescription(db.forSearch(), description, page),
    complaint: (_: unknown, { number }: { number: string }, context: Context) => complaint(context, number),
    complaints: async (_: unknown, args: Filtered<ComplaintFilter>, context: Context) =>
      listComplaints(context.db.forSearch(), await visibility(context), args.filter, args),
    arrest: (_: unknown, { number }: { number: string }, context: Context) => arrest(context, number),
    arrests: async (_: unknown, args: Filtered<ArrestFilter>, context: Context) =>
      listArrests(context.db.forSearch(), await visibility(context), args.filter, args),
    collision: (_: unknown, { number }: { number: string }, { loaders }: Context) => loaders.collisionByNumber.load(number),
    collisions: (_: unknown, args: Filtered<CollisionFilter>, { db }: Context) => listCollisions(db.forSearch(), args.filter, args),
    propertyInvoice: (_: unknown, { number }: { number: string }, context: Context) => propertyInvoice(context, number),
    propertyInvoices: async (_: unknown, args: Filtered<PropertyInvoiceFilter>, context: Context) =>
      listPropertyInvoices(context.db.forSearch(), await visibility(context), args.filter, args),
    location: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.locationById.load(id),
  },

  Person: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.personById.load(ref.id),
    names: (p: PersonRow, _: unknown, { loaders }: Context) => loaders.namesByPerson.load(p.id),
    homeAddress: (p: PersonRow, _: unknown, { loaders }: Context) => location(loaders, p.homeLocationId),
    complaints: async (p: PersonRow, args: PageArgs, context: Context) =>
      firstRows(await context.loaders.partiesByPerson(await visibility(context)).load(p.id), args),
    arrests: async (p: PersonRow, args: PageArgs, context: Context) =>
      firstRows(await context.loaders.arrestsByPerson(await visibility(context)).load(p.id), args),
    collisions: async (p: PersonRow, args: PageArgs, { loaders }: Context) => firstRows(await loaders.collisionsByDriver.load(p.id), args),
  },

  PersonSearchEdge: {
    score: (edge: Connection<PersonMatch>['edges'][number]) => displayScore(edge.node.score),
    matchedName: (edge: Connection<PersonMatch>['edges'][number]) => edge.node.matchedName,
    matchedKind: (edge: Connection<PersonMatch>['edges'][number]) => edge.node.matchedKind,
  },

  Location: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.locationById.load(ref.id),
    address: (l: LocationRow) => [l.houseNumber, l.street].filter(Boolean).join(' '),
    complaints: async (l: LocationRow, args: WindowArgs, context: Context) =>
      context.loaders.complaintsAtLocation(await visibility(context))(l.id, args),
    arrests: async (l: LocationRow, args: WindowArgs, context: Context) => context.loaders.arrestsAtLocation(await visibility(context))(l.id, args),
    collisions: (l: LocationRow, args: WindowArgs, { loaders }: Context) => loaders.collisionsAtLocation(l.id, args),
  },

  Vehicle: {
    __resolveReference: (ref: { vin: string }, { loaders }: Context) => loaders.vehicleByVin.load(ref.vin),
    collisions: async (v: VehicleRow, args: PageArgs, { loaders }: Context) => firstRows(await loaders.collisionsByVin.load(v.vin), args),
  },

  PropertyItem: {
    __resolveReference: (ref: { serialNumber: string }, { loaders }: Context) => loaders.propertyItemBySerial.load(ref.serialNumber),
    invoices: async (i: PropertyItemRow, args: PageArgs, context: Context) =>
      firstRows(await context.loaders.invoicesBySerial(await visibility(context)).load(i.serialNumber), args),
  },

  ComplaintParty: {
    person: (p: ComplaintPartyRow, _: unknown, { loaders }: Context) => person(loaders, p.personId),
    complaint: (p: ComplaintPartyRow, _: unknown, context: Context) => complaint(context, p.complaintNumber),
  },

  Complaint: {
    __resolveReference: (ref: { number: string }, context: Context) => complaint(context, ref.number),
    offense: (c: ComplaintRow) => charge(c.lawCode),
    location: (c: ComplaintRow, _: unknown, { loaders }: Context) => location(loaders, c.locationId),
    parties: (c: ComplaintRow, _: unknown, { loaders }: Context) => loaders.partiesByComplaint.load(c.number),
    arrests: async (c: ComplaintRow, _: unknown, context: Context) => context.loaders.arrestsByComplaint(await visibility(context)).load(c.number),
  },

  Arrest: {
    __resolveReference: (ref: { number: string }, context: Context) => arrest(context, ref.number),
    person: (a: ArrestRow, _: unknown, { loaders }: Context) => person(loaders, a.personId),
    photo: (a: ArrestRow) => arrestPhoto(a),
    charges: (a: ArrestRow) => a.chargeCodes.map(charge),
    topCharge: (a: ArrestRow) => charge(a.chargeCodes[0]!),
    arrestingOfficer: (a: ArrestRow) => ({ taxId: a.officerTaxId, name: a.officerName, rank: a.officerRank, command: a.officerCommand }),
    location: (a: ArrestRow, _: unknown, { loaders }: Context) => location(loaders, a.locationId),
    complaint: (a: ArrestRow, _: unknown, context: Context) => complaint(context, a.complaintNumber),
  },

  Collision: {
    __resolveReference: (ref: { number: string }, { loaders }: Context) => loaders.collisionByNumber.load(ref.number),
    location: (c: CollisionRow, _: unknown, { loaders }: Context) => location(loaders, c.locationId),
    vehicles: (c: CollisionRow, _: unknown, { loaders }: Context) => loaders.vehiclesOfCollision.load(c.number),
  },

  CollisionVehicle: {
    vehicle: (v: CollisionVehicleRow, _: unknown, { loaders }: Context) => loaders.vehicleByVin.load(v.vin),
    driver: (v: CollisionVehicleRow, _: unknown, { loaders }: Context) => person(loaders, v.driverPersonId),
  },

  PropertyInvoice: {
    __resolveReference: (ref: { number: string }, context: Context) => propertyInvoice(context, ref.number),
    items: (i: PropertyInvoiceRow, _: unknown, { loaders }: Context) => loaders.itemsOfInvoice.load(i.number),
    arrest: (i: PropertyInvoiceRow, _: unknown, context: Context) => arrest(context, i.arrestNumber),
    complaint: (i: PropertyInvoiceRow, _: unknown, context: Context) => complaint(context, i.complaintNumber),
    owner: (i: PropertyInvoiceRow, _: unknown, { loaders }: Context) => person(loaders, i.ownerPersonId),
  },

  InvoicedItem: {
    item: (i: InvoiceItemRow, _: unknown, { loaders }: Context) => loaders.propertyItemBySerial.load(i.serialNumber),
  },
};
