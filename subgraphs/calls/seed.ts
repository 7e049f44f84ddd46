import type { Database } from '../../platform/storage/Database';
import { insertRows, type Column } from '../../platform/storage/insertRows';
import { call911At } from '../../synthetic/calls911';
import { serviceRequest311At } from '../../synthetic/serviceRequests311';
import { scaleOf, type World } from '../../synthetic/world';

/**
 * Fills the tables from the synthetic world in chunks (generate, insert, repeat), so memory stays
 * bounded whatever the world's size.
 */
const CHUNK = 10_000;

const CALL911: readonly Column[] = [
  { name: 'id', type: 'text' }, { name: 'received_at', type: 'timestamptz' }, { name: 'dispatched_at', type: 'timestamptz' },
  { name: 'arrived_at', type: 'timestamptz' }, { name: 'closed_at', type: 'timestamptz' }, { name: 'incident_code', type: 'text' },
  { name: 'incident_type', type: 'text' }, { name: 'priority', type: 'int' }, { name: 'borough', type: 'text' },
  { name: 'precinct', type: 'int' }, { name: 'location_id', type: 'text' }, { name: 'caller_person_id', type: 'text' },
  { name: 'caller_name_as_recorded', type: 'text' }, { name: 'caller_phone', type: 'text' }, { name: 'disposition_code', type: 'text' },
  { name: 'disposition', type: 'text' }, { name: 'narrative', type: 'text' }, { name: 'responding_unit', type: 'text' },
];
const CALL911_INVOLVED: readonly Column[] = [
  { name: 'call_id', type: 'text' }, { name: 'position', type: 'int' }, { name: 'person_id', type: 'text' },
  { name: 'name_as_recorded', type: 'text' }, { name: 'role', type: 'text' },
];
const SERVICE_REQUEST_311: readonly Column[] = [
  { name: 'id', type: 'text' }, { name: 'created_at', type: 'timestamptz' }, { name: 'closed_at', type: 'timestamptz' },
  { name: 'agency', type: 'text' }, { name: 'complaint_type', type: 'text' }, { name: 'descriptor', type: 'text' },
  { name: 'location_type', type: 'text' }, { name: 'status', type: 'text' }, { name: 'resolution_description', type: 'text' },
  { name: 'channel', type: 'text' }, { name: 'borough', type: 'text' }, { name: 'precinct', type: 'int' },
  { name: 'location_id', type: 'text' }, { name: 'requester_person_id', type: 'text' }, { name: 'requester_name_as_recorded', type: 'text' },
];

export async function seedCalls(db: Database, world: World, progress: (message: string) => void): Promise<void> {
  const scale = scaleOf(world);
  await inChunks(scale.calls911, (start, end) => {
    const calls: unknown[][] = [];
    const involved: unknown[][] = [];
    for (let k = start; k < end; k++) {
      const c = call911At(world, k);
      calls.push([
        c.id, c.receivedAt, c.dispatchedAt, c.arrivedAt, c.closedAt, c.incidentCode, c.incidentType, c.priority, c.borough,
        c.precinct, c.locationId, c.callerPersonId, c.callerNameAsRecorded, c.callerPhone, c.dispositionCode, c.disposition,
        c.narrative, c.respondingUnit,
      ]);
      c.involvedPersons.forEach((p, position) => involved.push([c.id, position, p.personId, p.nameAsRecorded, p.role]));
    }
    return async () => {
      await insertRows(db, 'call911', CALL911, calls);
      await insertRows(db, 'call911_involved', CALL911_INVOLVED, involved);
      progress(`calls: 911 calls ${end}/${scale.calls911}`);
    };
  });
  await inChunks(scale.serviceRequests311, (start, end) => {
    const requests: unknown[][] = [];
    for (let k = start; k < end; k++) {
      const r = serviceRequest311At(world, k);
      requests.push([
        r.id, r.createdAt, r.closedAt, r.agency, r.complaintType, r.descriptor, r.locationType, r.status, r.resolutionDescription,
        r.channel, r.borough, r.precinct, r.locationId, r.requesterPersonId, r.requesterNameAsRecorded,
      ]);
    }
    return async () => {
      await insertRows(db, 'service_request_311', SERVICE_REQUEST_311, requests);
      progress(`calls: 311 service requests ${end}/${scale.serviceRequests311}`);
    };
  });
}

/**
 * Generates each chunk while the previous one is being inserted: on a PostgreSQL server the
 * insert runs in another process, so generation and insertion overlap. At most two chunks in memory.
 */
async function inChunks(total: number, generate: (start: number, end: number) => () => Promise<void>): Promise<void> {
  let inserting: Promise<void> = Promise.resolve();
  for (let start = 0; start < total; start += CHUNK) {
    const insert = generate(start, Math.min(total, start + CHUNK));
    await inserting;
    inserting = insert();
  }
  await inserting;
}
