import type { Borough } from '../../synthetic/nyc';
import type { CallPersonRole } from '../../synthetic/calls911';
import type { ServiceRequestChannel, ServiceRequestStatus } from '../../synthetic/serviceRequests311';

/**
 * The rows resolvers receive, and the SELECT lists that produce them: columns are aliased to the
 * GraphQL field names, so most fields need no resolver. Timestamps arrive as ISO-8601 strings.
 */
export interface Call911Row {
  id: string;
  receivedAt: string;
  dispatchedAt: string | null;
  arrivedAt: string | null;
  closedAt: string | null;
  incidentCode: string;
  incidentType: string;
  priority: number;
  borough: Borough;
  precinct: number;
  locationId: string;
  callerPersonId: string | null;
  callerNameAsRecorded: string | null;
  callerPhone: string | null;
  dispositionCode: string;
  disposition: string;
  narrative: string;
  respondingUnit: string | null;
}

export interface InvolvedPersonRow {
  callId: string;
  personId: string | null;
  nameAsRecorded: string;
  role: CallPersonRole;
}

export interface ServiceRequest311Row {
  id: string;
  createdAt: string;
  closedAt: string | null;
  agency: string;
  complaintType: string;
  descriptor: string | null;
  locationType: string | null;
  status: ServiceRequestStatus;
  resolutionDescription: string | null;
  channel: ServiceRequestChannel;
  borough: Borough;
  precinct: number;
  locationId: string;
  requesterPersonId: string | null;
  requesterNameAsRecorded: string | null;
}

/** A row fetched for a parent key (person or location id). */
export type Keyed<Row> = Row & { key: string };

const selectList = (columns: Record<string, string>) => (table: string) =>
  Object.entries(columns).map(([field, column]) => `${table}.${column} AS "${field}"`).join(', ');

export const call911Columns = selectList({
  id: 'id', receivedAt: 'received_at', dispatchedAt: 'dispatched_at', arrivedAt: 'arrived_at', closedAt: 'closed_at',
  incidentCode: 'incident_code', incidentType: 'incident_type', priority: 'priority', borough: 'borough', precinct: 'precinct',
  locationId: 'location_id', callerPersonId: 'caller_person_id', callerNameAsRecorded: 'caller_name_as_recorded',
  callerPhone: 'caller_phone', dispositionCode: 'disposition_code', disposition: 'disposition', narrative: 'narrative',
  respondingUnit: 'responding_unit',
} satisfies Record<keyof Call911Row, string>);

export const involvedPersonColumns = selectList({
  callId: 'call_id', personId: 'person_id', nameAsRecorded: 'name_as_recorded', role: 'role',
} satisfies Record<keyof InvolvedPersonRow, string>);

export const serviceRequest311Columns = selectList({
  id: 'id', createdAt: 'created_at', closedAt: 'closed_at', agency: 'agency', complaintType: 'complaint_type',
  descriptor: 'descriptor', locationType: 'location_type', status: 'status', resolutionDescription: 'resolution_description',
  channel: 'channel', borough: 'borough', precinct: 'precinct', locationId: 'location_id',
  requesterPersonId: 'requester_person_id', requesterNameAsRecorded: 'requester_name_as_recorded',
} satisfies Record<keyof ServiceRequest311Row, string>);
