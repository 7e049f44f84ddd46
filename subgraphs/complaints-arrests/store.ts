import { badUserInput } from '../../errors/ErrorCode';
import { Conditions } from '../../storage/Conditions';
import type { Database } from '../../storage/Database';
import { pageOf, toConnection, type Connection, type PageArgs, type SortKey } from '../relayConnection';
import {
  selectArrest, selectCollision, selectComplaint, selectPropertyInvoice, type ArrestRow, type CollisionRow, type ComplaintRow,
  type PropertyInvoiceRow,
} from './records';
import { visibleSql, type RecordVisibility } from './recordVisibility';

/** The root lists: filters of the SDL, newest first, keyset pages on (instant, number). */

export interface DateRange {
  from?: string | null;
  to?: string | null;
}

export interface ComplaintFilter {
  reported?: DateRange | null;
  borough?: string | null;
  precinct?: number | null;
  status?: string | null;
  category?: string | null;
  lawCode?: string | null;
}

export interface ArrestFilter {
  arrested?: DateRange | null;
  borough?: string | null;
  precinct?: number | null;
  category?: string | null;
  lawCode?: string | null;
  disposition?: string | null;
}

export interface CollisionFilter {
  occurred?: DateRange | null;
  borough?: string | null;
  precinct?: number | null;
  withInjuries?: boolean | null;
}

export interface PropertyInvoiceFilter {
  invoiced?: DateRange | null;
  borough?: string | null;
  category?: string | null;
}

/** A range of New York days, both ends included (the department dates its records in local time). */
function addDateRange(where: Conditions, column: string, range: DateRange | null | undefined, argument: string): void {
  if (!range) return;
  if (range.from && range.to && range.from > range.to) throw badUserInput(`${argument}.from is after ${argument}.to`, { argument });
  where.add(`${column} >= ($::date::timestamp AT TIME ZONE 'America/New_York')`, range.from);
  where.add(`${column} < (($::date + 1)::timestamp AT TIME ZONE 'America/New_York')`, range.to);
}

/** Cursors of these lists carry (ISO instant, record number); anything else was not issued here. */
function instantKey(key: SortKey | null): SortKey | null {
  if (key && (typeof key[0] !== 'string' || Number.isNaN(Date.parse(key[0])))) {
    throw badUserInput('after is not a cursor this API issued', { argument: 'after' });
  }
  return key;
}

async function newestFirst<Row>(
  db: Database,
  args: PageArgs,
  table: string,
  select: string,
  instantColumn: string,
  where: Conditions,
  sortKeyOf: (row: Row) => SortKey,
): Promise<Connection<Row>> {
  const page = pageOf(args);
  const counted = where.clone();
  where.after(instantColumn, 'number', instantKey(page.after));
  const rows = await db.query<Row>(
    `SELECT ${select} FROM ${table} ${where.toSql()} ORDER BY ${instantColumn} DESC, number DESC LIMIT ${page.limit}`,
    where.params,
  );
  const totalCount = async () => {
    const [row] = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table} ${counted.toSql()}`, counted.params);
    return row?.count ?? 0;
  };
  return toConnection(rows, page, sortKeyOf, totalCount);
}

/** Records the caller may not see are neither listed nor counted [P12]. */
function visibleOnly(visibility: RecordVisibility): Conditions {
  const where = new Conditions();
  const visible = visibleSql(visibility);
  return visible === 'true' ? where : where.add(visible);
}

export function listComplaints(
  db: Database,
  visibility: RecordVisibility,
  filter: ComplaintFilter | null | undefined,
  args: PageArgs,
): Promise<Connection<ComplaintRow>> {
  const where = visibleOnly(visibility);
  addDateRange(where, 'reported_at', filter?.reported, 'filter.reported');
  where
    .add('borough = $', filter?.borough)
    .add('precinct = $', filter?.precinct)
    .add('status = $', filter?.status)
    .add('law_category = $', filter?.category)
    .add('law_code = $', filter?.lawCode);
  return newestFirst(db, args, 'complaint', selectComplaint(), 'reported_at', where, (row) => [row.reportedAt, row.number]);
}

/** `lawCode` matches any charge of the arrest; `category` is the top charge's. */
export function listArrests(
  db: Database,
  visibility: RecordVisibility,
  filter: ArrestFilter | null | undefined,
  args: PageArgs,
): Promise<Connection<ArrestRow>> {
  const where = visibleOnly(visibility);
  addDateRange(where, 'arrested_at', filter?.arrested, 'filter.arrested');
  where
    .add('borough = $', filter?.borough)
    .add('precinct = $', filter?.precinct)
    .add('top_category = $', filter?.category)
    .add('charges @> ARRAY[$::text]', filter?.lawCode)
    .add('disposition = $', filter?.disposition);
  return newestFirst(db, args, 'arrest', selectArrest(), 'arrested_at', where, (row) => [row.arrestedAt, row.number]);
}

export function listCollisions(db: Database, filter: CollisionFilter | null | undefined, args: PageArgs): Promise<Connection<CollisionRow>> {
  const where = new Conditions();
  addDateRange(where, 'occurred_at', filter?.occurred, 'filter.occurred');
  where.add('borough = $', filter?.borough).add('precinct = $', filter?.precinct);
  if (filter?.withInjuries === true) where.add('(persons_injured > 0 OR persons_killed > 0)');
  if (filter?.withInjuries === false) where.add('persons_injured = 0 AND persons_killed = 0');
  return newestFirst(db, args, 'collision', selectCollision(), 'occurred_at', where, (row) => [row.occurredAt, row.number]);
}

export function listPropertyInvoices(
  db: Database,
  filter: PropertyInvoiceFilter | null | undefined,
  args: PageArgs,
): Promise<Connection<PropertyInvoiceRow>> {
  const where = new Conditions();
  addDateRange(where, 'invoiced_at', filter?.invoiced, 'filter.invoiced');
  where.add('borough = $', filter?.borough).add('category = $', filter?.category);
  return newestFirst(db, args, 'property_invoice', selectPropertyInvoice(), 'invoiced_at', where, (row) => [row.invoicedAt, row.number]);
}
