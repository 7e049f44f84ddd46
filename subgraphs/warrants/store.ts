import { Conditions } from '../../storage/Conditions';
import type { Database } from '../../storage/Database';
import { pageOf, toConnection, type Connection, type PageArgs } from '../relayConnection';
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

/** One page of `relation` under `conditions`, newest first by (sortColumn, idColumn), with a lazy count. */
async function pageOfRows<Row, Node>(
  db: Database,
  relation: string,
  select: string,
  [sortColumn, idColumn]: readonly [keyof Row & string, keyof Row & string],
  conditions: Conditions,
  args: PageArgs,
  toNode: (row: Row) => Node,
): Promise<Connection<Node>> {
  const page = pageOf(args);
  const counting = conditions.clone();
  conditions.after(sortColumn, idColumn, page.after);
  const limit = conditions.param(page.limit);
  const rows = await db.query<Row>(
    `SELECT ${select} FROM ${relation} ${conditions.toSql()} ORDER BY ${sortColumn} DESC, ${idColumn} DESC LIMIT ${limit}`,
    conditions.params,
  );
  const totalCount = async () => {
    const [row] = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${relation} ${counting.toSql()}`, counting.params);
    return row?.count ?? 0;
  };
  return toConnection(rows, page, (row) => [String(row[sortColumn]), String(row[idColumn])], totalCount, toNode);
}

export function listWarrants(db: Database, filter: WarrantFilter | null | undefined, args: PageArgs): Promise<Connection<WarrantNode>> {
  const conditions = new Conditions()
    .add('kind = $', filter?.type)
    .add('status = $', filter?.status)
    .add('borough = $', filter?.borough)
    .add('court_kind = $', filter?.court);
  withinRange(conditions, 'issued_on', filter?.issued);
  return pageOfRows<WarrantRow, WarrantNode>(db, 'criminal_warrant', WARRANT_SELECT, ['issued_on', 'number'], conditions, args, toWarrant);
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
  return pageOfRows<OrderRow, OrderNode>(db, 'order_of_protection', ORDER_SELECT, ['issued_on', 'number'], conditions, args, toOrder);
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
  return pageOfRows<StolenPropertyRow, StolenPropertyNode>(
    db, 'stolen_property', STOLEN_SELECT, ['reported_on', 'id'], conditions, args, toStolenProperty,
  );
}

/** Serial numbers, VINs and ORIs are stored upper case without spaces, as the files hold them. */
function normalized(value: string | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : value.replace(/\s+/g, '').toUpperCase();
}
