import { newestFirstPage } from '../newestFirstPage';
import { badUserInput } from '../../platform/errors/ErrorCode';
import { Conditions } from '../../platform/storage/Conditions';
import type { Database } from '../../platform/storage/Database';
import { DISPOSITIONS, INCIDENT_TYPES } from '../../synthetic/calls911';
import type { Borough } from '../../synthetic/nyc';
import { COMPLAINT_TYPES, type ServiceRequestStatus } from '../../synthetic/serviceRequests311';
import type { Connection, PageArgs } from '../relayConnection';
import { call911Columns, serviceRequest311Columns, type Call911Row, type ServiceRequest311Row } from './records';

/**
 * The list queries of the calls subgraph: filters become a parameterised WHERE, pages are keyset
 * pages on (time, id) newest first, and the total is counted only when a client asks for it.
 */

export interface DateRange {
  from?: string | null;
  to?: string | null;
}

export interface Call911Filter {
  received?: DateRange | null;
  borough?: Borough | null;
  precinct?: number | null;
  incidentCode?: string | null;
  priority?: number | null;
  priorityAtMost?: number | null;
  dispositionCode?: string | null;
}

export interface ServiceRequest311Filter {
  created?: DateRange | null;
  borough?: Borough | null;
  precinct?: number | null;
  complaintType?: string | null;
  status?: ServiceRequestStatus | null;
}

export async function listCalls911(db: Database, filter: Call911Filter, args: PageArgs): Promise<Connection<Call911Row>> {
  const where = new Conditions();
  newYorkDays(where, 'received_at', 'received', filter.received);
  where.add('borough = $', filter.borough);
  where.add('precinct = $', filter.precinct);
  where.add('incident_code = $', oneOf('incidentCode', filter.incidentCode, [...INCIDENT_TYPES.keys()]));
  where.add('priority = $', priorityArgument('priority', filter.priority));
  where.add('priority <= $', priorityArgument('priorityAtMost', filter.priorityAtMost));
  where.add('disposition_code = $', oneOf('dispositionCode', filter.dispositionCode, Object.keys(DISPOSITIONS)));
  return newestFirstPage(
    db,
    { relation: 'call911', select: call911Columns('call911'), sortColumn: 'received_at', sortKind: 'instant', idColumn: 'id', sortKeyOf: (row: Call911Row) => [row.receivedAt, row.id] },
    where,
    args,
  );
}

export async function listServiceRequests311(
  db: Database,
  filter: ServiceRequest311Filter,
  args: PageArgs,
): Promise<Connection<ServiceRequest311Row>> {
  const where = new Conditions();
  newYorkDays(where, 'created_at', 'created', filter.created);
  where.add('borough = $', filter.borough);
  where.add('precinct = $', filter.precinct);
  where.add('complaint_type = $', oneOf('complaintType', filter.complaintType, COMPLAINT_TYPES));
  where.add('status = $', filter.status);
  return newestFirstPage(
    db,
    {
      relation: 'service_request_311', select: serviceRequest311Columns('service_request_311'), sortColumn: 'created_at', sortKind: 'instant', idColumn: 'id',
      sortKeyOf: (row: ServiceRequest311Row) => [row.createdAt, row.id],
    },
    where,
    args,
  );
}


/** Days are New York days, as the department and ICAD event numbers count them. */
function newYorkDays(where: Conditions, column: string, argument: string, range: DateRange | null | undefined): void {
  if (!range) return;
  if (range.from && range.to && range.from > range.to) {
    throw badUserInput(`${argument}.from must not be after ${argument}.to`, { argument });
  }
  where.add(`${column} >= ($::date::timestamp AT TIME ZONE 'America/New_York')`, range.from);
  where.add(`${column} < (($::date + 1)::timestamp AT TIME ZONE 'America/New_York')`, range.to);
}

/** Codes come from fixed vocabularies: an unknown one is a typo the caller should hear about. */
function oneOf(argument: string, value: string | null | undefined, allowed: readonly string[]): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!allowed.includes(value)) throw badUserInput(`${argument} must be one of: ${allowed.join(', ')}`, { argument });
  return value;
}

function priorityArgument(argument: string, value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > 9) throw badUserInput(`${argument} must be between 1 and 9`, { argument });
  return value;
}

