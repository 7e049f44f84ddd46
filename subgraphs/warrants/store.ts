import { Conditions } from '../../platform/storage/Conditions';
import type { Database } from '../../platform/storage/Database';
import type { Connection, PageArgs } from '../relayConnection';
import { newestFirstPage } from '../newestFirstPage';
import {
  ORDER_SELECT, STOLEN_SELECT, WARRANT_SELECT, toOrder, toStolenProperty, toWarrant,
  type OrderNode, type OrderRow, type StolenPropertyNode, type StolenPropertyRow, type WarrantNode, type WarrantRow,
} from './records';

/**
 * The root list queries: filters as parameterised conditions, newest first, keyset pages.
 * Warrants are read from the view `criminal_warrant` only, never from the table that also
 * holds immigration detainers: lists, counts and filters alike [P15, SPEC §4].
 */

export interface DateRange {
  from?: string | null;
  to?: string | null;
}

export interface WarrantFilter {
  type?: string | null;
  status?: string | null;
  borough?: string | null;
  court?: string | null;
  issued?: DateRange | null;
}

export interface OrderOfProtectionFilter {
  type?: string | null;
  status?: string | null;
  activeOn?: string | null;
  borough?: string | null;
}

export interface StolenPropertyFilter {
  kind?: string | null;
  status?: string | null;
  reported?: DateRange | null;
  serialNumber?: string | null;
  vin?: string | null;
  reportingAgencyOri?: string | null;
}

function withinRange(conditions: Conditions, column: string, range: DateRange | null | undefined): Conditions {
  return conditions.add(`${column} >= $::date`, range?.from).add(`${column} <= $::date`, range?.to);
}

export function listWarrants(db: Database, filter: WarrantFilter | null | undefined, args: PageArgs): Promise<Connection<WarrantNode>> {
  const conditions = new Conditions()
    .add('kind = $', filter?.type)
    .add('status = $', filter?.status)
    .add('borough = $', filter?.borough)
    .add('court_kind = $', filter?.court);
  withinRange(conditions, 'issued_on', filter?.issued);
  return newestFirstPage<WarrantRow, WarrantNode>(db, { relation: 'criminal_warrant', select: WARRANT_SELECT, ...byDay('issued_on', 'number') }, conditions, args, toWarrant);
}

export function listOrdersOfProtection(
  db: Database,
  filter: OrderOfProtectionFilter | null | undefined,
  args: PageArgs,
): Promise<Connection<OrderNode>> {
  const day = filter?.activeOn;
  const conditions = new Conditions()
    .add('type = $', filter?.type)
    .add('status = $', filter?.status)
    .add('borough = $', filter?.borough)
    .add('issued_on <= $::date AND expires_on >= $::date AND (vacated_on IS NULL OR vacated_on > $::date)', day, day, day);
  return newestFirstPage<OrderRow, OrderNode>(db, { relation: 'order_of_protection', select: ORDER_SELECT, ...byDay('issued_on', 'number') }, conditions, args, toOrder);
}

export function listStolenProperty(
  db: Database,
  filter: StolenPropertyFilter | null | undefined,
  args: PageArgs,
): Promise<Connection<StolenPropertyNode>> {
  const conditions = new Conditions()
    .add('kind = $', filter?.kind)
    .add('status = $', filter?.status)
    .add('serial_number = $', normalized(filter?.serialNumber))
    .add('vin = $', normalized(filter?.vin))
    .add('reporting_ori = $', normalized(filter?.reportingAgencyOri));
  withinRange(conditions, 'reported_on', filter?.reported);
  return newestFirstPage<StolenPropertyRow, StolenPropertyNode>(
    db, { relation: 'stolen_property', select: STOLEN_SELECT, ...byDay('reported_on', 'id') }, conditions, args, toStolenProperty,
  );
}

/** Serial numbers, VINs and ORIs are stored upper case without spaces, as the files hold them. */
function normalized(value: string | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : value.replace(/\s+/g, '').toUpperCase();
}

/** These lists are dated by calendar day, newest first, then by number. */
function byDay<Row>(sortColumn: keyof Row & string, idColumn: keyof Row & string) {
  return { sortColumn, idColumn, sortKind: 'date' as const, sortKeyOf: (row: Row) => [String(row[sortColumn]), String(row[idColumn])] as const };
}
