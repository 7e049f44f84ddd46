import type { Database } from '../../platform/storage/Database';
import { manyByKey, newestByKey, oneByKey } from '../keyedLoader';
import {
  selectArrest, selectCollision, selectCollisionVehicle, selectComplaint, selectComplaintParty, selectInvoiceItem, selectLocation,
  selectPerson, selectPropertyInvoice, selectPropertyItem, selectVehicle, type ArrestRow, type CollisionRow, type CollisionVehicleRow,
  type ComplaintPartyRow, type ComplaintRow, type InvoiceItemRow, type LocationRow, type PersonNameRow, type PersonRow,
  type PropertyInvoiceRow, type PropertyItemRow, type VehicleRow,
} from './records';
import { visibilityKey, visibleSql, type RecordVisibility } from './recordVisibility';

type Keyed<Row> = Row & { key: string };
type Visible = (alias?: string) => string;

/**
 * Loaders of complaints and arrests, one set per record visibility a request uses (one, in
 * practice), each leaving out in SQL what the caller may not see.
 */
function perVisibility<Loader>(make: (visible: Visible) => Loader): (visibility: RecordVisibility) => Loader {
  const made = new Map<string, Loader>();
  return (visibility) => {
    const key = visibilityKey(visibility);
    let loader = made.get(key);
    if (!loader) {
      loader = make((alias) => visibleSql(visibility, alias));
      made.set(key, loader);
    }
    return loader;
  };
}

/** Premise history windows: `$2` is a New York day, whatever the session's time zone. */
const SINCE = `($2::date IS NULL OR %COLUMN% >= ($2::date)::timestamp AT TIME ZONE 'America/New_York')`;
const since = (column: string) => SINCE.replace('%COLUMN%', column);

/**
 * Every fetch by key or by parent, batched per request: one statement per loader per tick,
 * whatever the number of parents. Complaints, arrests, complaint parties and property invoices are fetched through
 * `loader(visibility)`: sealed and juvenile records the caller may not see are left out [P12].
 */
export function createComplaintsArrestsLoaders(db: Database) {
  return {
    personById: oneByKey<Keyed<PersonRow>>(db, `SELECT id AS key, ${selectPerson()} FROM person WHERE id = ANY($1::text[])`),
    namesByPerson: manyByKey<Keyed<PersonNameRow>>(
      db,
      `SELECT person_id AS key, name, kind FROM person_name WHERE person_id = ANY($1::text[])
       ORDER BY person_id, CASE kind WHEN 'PRIMARY' THEN 0 WHEN 'ALIAS' THEN 1 ELSE 2 END, name`,
    ),
    locationById: oneByKey<Keyed<LocationRow>>(db, `SELECT id AS key, ${selectLocation()} FROM location WHERE id = ANY($1::text[])`),
    vehicleByVin: oneByKey<Keyed<VehicleRow>>(db, `SELECT vin AS key, ${selectVehicle()} FROM vehicle WHERE vin = ANY($1::text[])`),
    propertyItemBySerial: oneByKey<Keyed<PropertyItemRow>>(
      db,
      `SELECT serial_number AS key, ${selectPropertyItem()} FROM property_item WHERE serial_number = ANY($1::text[])`,
    ),
    complaintByNumber: perVisibility((visible) =>
      oneByKey<Keyed<ComplaintRow>>(db, `SELECT number AS key, ${selectComplaint()} FROM complaint WHERE number = ANY($1::text[]) AND ${visible()}`),
    ),
    arrestByNumber: perVisibility((visible) =>
      oneByKey<Keyed<ArrestRow>>(db, `SELECT number AS key, ${selectArrest()} FROM arrest WHERE number = ANY($1::text[]) AND ${visible()}`),
    ),
    collisionByNumber: oneByKey<Keyed<CollisionRow>>(
      db,
      `SELECT number AS key, ${selectCollision()} FROM collision WHERE number = ANY($1::text[])`,
    ),
    propertyInvoiceByNumber: perVisibility((visible) =>
      oneByKey<Keyed<PropertyInvoiceRow>>(
        db,
        `SELECT number AS key, ${selectPropertyInvoice()} FROM property_invoice WHERE number = ANY($1::text[]) AND ${visible()}`,
      ),
    ),
    partiesByComplaint: manyByKey<Keyed<ComplaintPartyRow>>(
      db,
      `SELECT p.complaint_number AS key, ${selectComplaintParty('p')} FROM complaint_party p JOIN complaint c ON c.number = p.complaint_number
       WHERE p.complaint_number = ANY($1::text[]) ORDER BY p.complaint_number, p.position`,
    ),
    /** A party shows only where its complaint may be seen: a sealed complaint must not surface through its people. */
    partiesByPerson: perVisibility((visible) =>
      manyByKey<Keyed<ComplaintPartyRow>>(
        db,
        `SELECT p.person_id AS key, ${selectComplaintParty('p')} FROM complaint_party p JOIN complaint c ON c.number = p.complaint_number
         WHERE p.person_id = ANY($1::text[]) AND ${visible('c')} ORDER BY p.person_id, c.reported_at DESC, c.number DESC, p.position`,
      ),
    ),
    arrestsByPerson: perVisibility((visible) =>
      manyByKey<Keyed<ArrestRow>>(
        db,
        `SELECT person_id AS key, ${selectArrest()} FROM arrest WHERE person_id = ANY($1::text[]) AND ${visible()}
         ORDER BY person_id, arrested_at DESC, number DESC`,
      ),
    ),
    arrestsByComplaint: perVisibility((visible) =>
      manyByKey<Keyed<ArrestRow>>(
        db,
        `SELECT complaint_number AS key, ${selectArrest()} FROM arrest WHERE complaint_number = ANY($1::text[]) AND ${visible()}
         ORDER BY complaint_number, arrested_at, number`,
      ),
    ),
    collisionsByDriver: manyByKey<Keyed<CollisionRow>>(
      db,
      `SELECT DISTINCT v.driver_person_id AS key, ${selectCollision('c')} FROM collision_vehicle v
       JOIN collision c ON c.number = v.collision_number
       WHERE v.driver_person_id = ANY($1::text[]) ORDER BY key, "occurredAt" DESC, "number" DESC`,
    ),
    collisionsByVin: manyByKey<Keyed<CollisionRow>>(
      db,
      `SELECT DISTINCT v.vin AS key, ${selectCollision('c')} FROM collision_vehicle v JOIN collision c ON c.number = v.collision_number
       WHERE v.vin = ANY($1::text[]) ORDER BY key, "occurredAt" DESC, "number" DESC`,
    ),
    vehiclesOfCollision: manyByKey<Keyed<CollisionVehicleRow>>(
      db,
      `SELECT collision_number AS key, ${selectCollisionVehicle()} FROM collision_vehicle
       WHERE collision_number = ANY($1::text[]) ORDER BY collision_number, position`,
    ),
    itemsOfInvoice: manyByKey<Keyed<InvoiceItemRow>>(
      db,
      `SELECT invoice_number AS key, ${selectInvoiceItem()} FROM invoice_item
       WHERE invoice_number = ANY($1::text[]) ORDER BY invoice_number, position`,
    ),
    invoicesBySerial: perVisibility((visible) =>
      manyByKey<Keyed<PropertyInvoiceRow>>(
        db,
        `SELECT DISTINCT i.serial_number AS key, ${selectPropertyInvoice('p')} FROM invoice_item i
         JOIN property_invoice p ON p.number = i.invoice_number
         WHERE i.serial_number = ANY($1::text[]) AND ${visible('p')} ORDER BY key, "invoicedAt" DESC, "number" DESC`,
      ),
    ),
    complaintsAtLocation: perVisibility((visible) =>
      newestByKey<Keyed<ComplaintRow>>(
        db,
        `SELECT * FROM (SELECT location_id AS key, ${selectComplaint()},
           row_number() OVER (PARTITION BY location_id ORDER BY reported_at DESC, number DESC) AS rank
         FROM complaint WHERE location_id = ANY($1::text[]) AND ${since('reported_at')} AND ${visible()}) ranked
         WHERE rank <= $3 ORDER BY key, rank`,
      ),
    ),
    arrestsAtLocation: perVisibility((visible) =>
      newestByKey<Keyed<ArrestRow>>(
        db,
        `SELECT * FROM (SELECT location_id AS key, ${selectArrest()},
           row_number() OVER (PARTITION BY location_id ORDER BY arrested_at DESC, number DESC) AS rank
         FROM arrest WHERE location_id = ANY($1::text[]) AND ${since('arrested_at')} AND ${visible()}) ranked
         WHERE rank <= $3 ORDER BY key, rank`,
      ),
    ),
    collisionsAtLocation: newestByKey<Keyed<CollisionRow>>(
      db,
      `SELECT * FROM (SELECT location_id AS key, ${selectCollision()},
         row_number() OVER (PARTITION BY location_id ORDER BY occurred_at DESC, number DESC) AS rank
       FROM collision WHERE location_id = ANY($1::text[]) AND ${since('occurred_at')}) ranked
       WHERE rank <= $3 ORDER BY key, rank`,
    ),
  };
}

export type ComplaintsArrestsLoaders = ReturnType<typeof createComplaintsArrestsLoaders>;
