import type DataLoader from 'dataloader';
import type { Database } from '../../platform/storage/Database';
import { manyByKey, newestByKey, oneByKey, type WindowArgs } from '../keyedLoader';
import {
  call911Columns, involvedPersonColumns, serviceRequest311Columns,
  type Call911Row, type InvolvedPersonRow, type Keyed, type ServiceRequest311Row,
} from './records';

/** This request's loaders: every fetch by key or by parent costs one statement per batch. */
export interface CallsLoaders {
  call911: DataLoader<string, Keyed<Call911Row> | null>;
  serviceRequest311: DataLoader<string, Keyed<ServiceRequest311Row> | null>;
  /** Persons named in a call, by call id. */
  involvedPersons: DataLoader<string, Keyed<InvolvedPersonRow>[]>;
  /** Calls a person made or was named in, by person id, newest first. */
  calls911OfPerson: DataLoader<string, Keyed<Call911Row>[]>;
  /** Requests a person made, by person id, newest first. */
  serviceRequests311OfPerson: DataLoader<string, Keyed<ServiceRequest311Row>[]>;
  /** Premise history, by location id. */
  calls911AtLocation: (locationId: string, args: WindowArgs) => Promise<Keyed<Call911Row>[]>;
  serviceRequests311AtLocation: (locationId: string, args: WindowArgs) => Promise<Keyed<ServiceRequest311Row>[]>;
}

// `since` is a New York day, like every date argument of this subgraph.
const SINCE = (column: string) =>
  `($2::date IS NULL OR ${column} >= ($2::date::timestamp AT TIME ZONE 'America/New_York'))`;

export function createLoaders(db: Database): CallsLoaders {
  return {
    call911: oneByKey(db, `SELECT c.id AS key, ${call911Columns('c')} FROM call911 c WHERE c.id = ANY($1::text[])`),
    serviceRequest311: oneByKey(
      db,
      `SELECT r.id AS key, ${serviceRequest311Columns('r')} FROM service_request_311 r WHERE r.id = ANY($1::text[])`,
    ),
    involvedPersons: manyByKey(
      db,
      `SELECT i.call_id AS key, ${involvedPersonColumns('i')} FROM call911_involved i
       WHERE i.call_id = ANY($1::text[]) ORDER BY i.call_id, i.position`,
    ),
    calls911OfPerson: manyByKey(
      db,
      `SELECT linked.key, ${call911Columns('c')} FROM (
         SELECT caller_person_id AS key, id AS call_id FROM call911 WHERE caller_person_id = ANY($1::text[])
         UNION
         SELECT person_id, call_id FROM call911_involved WHERE person_id = ANY($1::text[])
       ) linked JOIN call911 c ON c.id = linked.call_id
       ORDER BY c.received_at DESC, c.id DESC`,
    ),
    serviceRequests311OfPerson: manyByKey(
      db,
      `SELECT r.requester_person_id AS key, ${serviceRequest311Columns('r')} FROM service_request_311 r
       WHERE r.requester_person_id = ANY($1::text[]) ORDER BY r.created_at DESC, r.id DESC`,
    ),
    calls911AtLocation: newestByKey(
      db,
      `SELECT * FROM (
         SELECT c.location_id AS key, ${call911Columns('c')},
                row_number() OVER (PARTITION BY c.location_id ORDER BY c.received_at DESC, c.id DESC) AS rank
         FROM call911 c WHERE c.location_id = ANY($1::text[]) AND ${SINCE('c.received_at')}
       ) ranked WHERE rank <= $3 ORDER BY key, rank`,
    ),
    serviceRequests311AtLocation: newestByKey(
      db,
      `SELECT * FROM (
         SELECT r.location_id AS key, ${serviceRequest311Columns('r')},
                row_number() OVER (PARTITION BY r.location_id ORDER BY r.created_at DESC, r.id DESC) AS rank
         FROM service_request_311 r WHERE r.location_id = ANY($1::text[]) AND ${SINCE('r.created_at')}
       ) ranked WHERE rank <= $3 ORDER BY key, rank`,
    ),
  };
}
