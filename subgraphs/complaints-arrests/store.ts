import { badUserInput } from '../../platform/errors/ErrorCode';
import { Conditions } from '../../platform/storage/Conditions';
import type { Database } from '../../platform/storage/Database';
import type { Connection, PageArgs } from '../relayConnection';
import { newestFirstPage } from '../newestFirstPage';
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
  return newestFirstPage<ComplaintRow>(db, { relation: 'complaint', select: selectComplaint(), sortColumn: 'reported_at', sortKind: 'instant', idColumn: 'number', sortKeyOf: (row) => [row.reportedAt, row.number] }, where, args);
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
  return newestFirstPage<ArrestRow>(db, { relation: 'arrest', select: selectArrest(), sortColumn: 'arrested_at', sortKind: 'instant', idColumn: 'number', sortKeyOf: (row) => [row.arrestedAt, row.number] }, where, args);
}

export function listCollisions(db: Database, filter: CollisionFilter | null | undefined, args: PageArgs): Promise<Connection<CollisionRow>> {
  const where = new Conditions();
  addDateRange(where, 'occurred_at', filter?.occurred, 'filter.occurred');
  where.add('borough = $', filter?.borough).add('precinct = $', filter?.precinct);
  if (filter?.withInjuries === true) where.add('(persons_injured > 0 OR persons_killed > 0)');
  if (filter?.withInjuries === false) where.add('persons_injured = 0 AND persons_killed = 0');
  return newestFirstPage<CollisionRow>(db, { relation: 'collision', select: selectCollision(), sortColumn: 'occurred_at', sortKind: 'instant', idColumn: 'number', sortKeyOf: (row) => [row.occurredAt, row.number] }, where, args);
}

export function listPropertyInvoices(
  db: Database,
  visibility: RecordVisibility,
  filter: PropertyInvoiceFilter | null | undefined,
  args: PageArgs,
): Promise<Connection<PropertyInvoiceRow>> {
  const where = visibleOnly(visibility);
  addDateRange(where, 'invoiced_at', filter?.invoiced, 'filter.invoiced');
  where.add('borough = $', filter?.borough).add('category = $', filter?.category);
  return newestFirstPage<PropertyInvoiceRow>(db, { relation: 'property_invoice', select: selectPropertyInvoice(), sortColumn: 'invoiced_at', sortKind: 'instant', idColumn: 'number', sortKeyOf: (row) => [row.invoicedAt, row.number] }, where, args);
}
