import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { CommercialProvider } from './providers/providerNames';
import { fieldError } from '../../platform/errors/ErrorCode';
import type { SubgraphContext } from '../SubgraphDefinition';
import { costReport, monthOf } from './chargeLedger';
import { personQueryOf, phoneOf, serialNumberOf, vinOf, type SubjectInput } from './commercialSubject';
import type { CommercialLoaders } from './loaders';
import type { PawnTransaction, ReportedVehicle } from './ProviderReport';
import { priceList } from './priceList';
import { runSearch, type CommercialServices } from './runSearch';

type Context = SubgraphContext<CommercialLoaders>;
type ReportProvider = Extract<CommercialProvider, 'TLO' | 'ACCURINT'>;

/** A person as the gateway hands them over: the key and the fields `@requires` fetched from the master index. */
interface PersonReference {
  id: string;
  firstName?: string | null;
  lastName?: string | null;
  dateOfBirth?: string | null;
  phone?: string | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Every search field resolves on its own (one provider each), so GraphQL runs them side by side
 * and one slow or failing provider costs only its own field. No policy decision is made here:
 * the gateway and this subgraph's shield decide who may see COMMERCIAL fields; `runSearch`
 * applies the permissible purpose, seat and budget from data.
 */
export function createResolvers(services: CommercialServices): GraphQLResolverMap<Context> {
  return {
    Query: {
      commercialSearch: (_: unknown, { subject }: { subject: SubjectInput }) => subject,
      async commercialCosts(_: unknown, args: { month?: string | null; command?: string | null }, { db }: Context) {
        if (args.month && !MONTH.test(args.month)) throw fieldError('BAD_USER_INPUT', 'month must be YYYY-MM', { argument: 'month' });
        const month = args.month ?? monthOf(services.now()).slice(0, 7);
        return { month, ...(await costReport(db, `${month}-01`, args.command ?? null)) };
      },
      commercialPrices: (_: unknown, _args: unknown, context: Context) => priceList(context, services),
    },
    CommercialSearch: {
      personReport: (subject: SubjectInput, { provider }: { provider: ReportProvider }, context: Context) =>
        runSearch(context, services, provider, { kind: 'PERSON', person: personQueryOf(subject) }),
      phoneReport: (subject: SubjectInput, _: unknown, context: Context) =>
        runSearch(context, services, 'WHOOSTER', { kind: 'PHONE', phone: phoneOf(subject) }),
      socialProfiles: (subject: SubjectInput, _: unknown, context: Context) =>
        runSearch(context, services, 'SKOPENOW', { kind: 'SOCIAL', person: personQueryOf(subject) }),
      pawnTransactions: (subject: SubjectInput, _: unknown, context: Context) =>
        runSearch(context, services, 'LEADS_ONLINE', subject.serialNumber
          ? { kind: 'PAWN_BY_SERIAL', serialNumber: serialNumberOf(subject) }
          : { kind: 'PAWN_BY_SELLER', person: personQueryOf(subject) }),
      vehicleRegistrations: (subject: SubjectInput, { provider }: { provider: ReportProvider }, context: Context) =>
        runSearch(context, services, provider, { kind: 'VEHICLE', vin: vinOf(subject) }),
    },
    Person: {
      personReport: (person: PersonReference, { provider }: { provider: ReportProvider }, context: Context) =>
        runSearch(context, services, provider, { kind: 'PERSON', person: personQueryOf(person) }),
      // No phone on file: nothing to search, nothing charged.
      phoneReport: (person: PersonReference, _: unknown, context: Context) =>
        person.phone ? runSearch(context, services, 'WHOOSTER', { kind: 'PHONE', phone: phoneOf(person) }) : null,
      socialProfiles: (person: PersonReference, _: unknown, context: Context) =>
        runSearch(context, services, 'SKOPENOW', { kind: 'SOCIAL', person: personQueryOf(person) }),
      pawnTransactions: (person: PersonReference, _: unknown, context: Context) =>
        runSearch(context, services, 'LEADS_ONLINE', { kind: 'PAWN_BY_SELLER', person: personQueryOf(person) }),
    },
    Vehicle: {
      registrations: ({ vin }: { vin: string }, { provider }: { provider: ReportProvider }, context: Context) =>
        runSearch(context, services, provider, { kind: 'VEHICLE', vin: vinOf({ vin }) }),
    },
    PropertyItem: {
      pawnTransactions: ({ serialNumber }: { serialNumber: string }, _: unknown, context: Context) =>
        runSearch(context, services, 'LEADS_ONLINE', { kind: 'PAWN_BY_SERIAL', serialNumber: serialNumberOf({ serialNumber }) }),
    },
    ReportedVehicle: {
      vehicle: (vehicle: ReportedVehicle) => ({ vin: vehicle.vin }),
    },
    VehicleRegistration: {
      vehicle: (vehicle: ReportedVehicle) => ({ vin: vehicle.vin }),
    },
    PawnTransaction: {
      item: (transaction: PawnTransaction) => (transaction.serialNumber ? { serialNumber: transaction.serialNumber } : null),
    },
  };
}
