import type { Database } from '../../platform/storage/Database';
import { insertRows } from '../../platform/storage/insertRows';
import { arrestAt, complaintIndexOfArrest } from '../../synthetic/arrests';
import { collisionAt } from '../../synthetic/collisions';
import { complaintWithArrestsAt } from '../../synthetic/complaintAt';
import { propertyInvoiceAt } from '../../synthetic/propertyInvoices';
import { locationAt, personAt, propertyItemAt, scaleOf, vehicleAt, type World } from '../../synthetic/world';
import {
  TABLES, arrestRow, collisionRow, collisionVehicleRows, complaintPartyRows, complaintRow, invoiceItemRows, locationRow,
  personNameRows, personRow, propertyInvoiceRow, propertyItemRow, vehicleRow,
} from './columns';

type Table = keyof typeof TABLES;
type Connection = Pick<Database, 'query' | 'exec'>;
type Rows = Partial<Record<Table, unknown[][]>>;

/** Records generated, then inserted, per round: memory stays bounded whatever the world's size. */
const CHUNK = 10_000;

/**
 * Loads `count` records: generates a chunk, inserts it while the next chunk is generated (a
 * PostgreSQL server works in parallel with this process), and reports progress.
 */
async function loadInChunks(
  db: Connection,
  label: string,
  count: number,
  progress: (message: string) => void,
  produce: (index: number, rows: Rows) => void,
): Promise<void> {
  const started = Date.now();
  let pending: Promise<void> = Promise.resolve();
  for (let start = 0; start < count; start += CHUNK) {
    const rows: Rows = {};
    for (let index = start; index < Math.min(count, start + CHUNK); index++) produce(index, rows);
    await pending;
    pending = (async () => {
      for (const [table, tableRows] of Object.entries(rows) as [Table, unknown[][]][]) {
        await insertRows(db, TABLES[table].table, TABLES[table].columns, tableRows);
      }
    })();
    const done = Math.min(count, start + CHUNK);
    if (done % 100_000 === 0 && done < count) progress(`complaints-arrests: ${label} ${done}/${count}`);
  }
  await pending;
  progress(`complaints-arrests: ${count} ${label} in ${Date.now() - started} ms`);
}

function push(rows: Rows, table: Table, ...values: unknown[][]): void {
  (rows[table] ??= []).push(...values);
}

interface SecondaryIndex {
  name: string;
  definition: string;
}

/**
 * Building an index once over loaded rows is many times faster than maintaining it row by row
 * (the trigram index most of all). Primary keys stay: they guard the generators' uniqueness.
 */
async function dropSecondaryIndexes(db: Connection, schema: string): Promise<SecondaryIndex[]> {
  const indexes = await db.query<SecondaryIndex>(
    `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS definition
     FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND NOT x.indisprimary AND NOT x.indisunique ORDER BY c.relname`,
    [schema],
  );
  for (const index of indexes) await db.exec(`DROP INDEX "${schema}"."${index.name}"`);
  return indexes;
}

/**
 * Fills every table from the synthetic world: the whole person index and every record of this
 * source. One transaction: the indexes dropped for the load come back even if the load fails
 * or the process dies half-way.
 */
export async function seedComplaintsArrests(db: Database, world: World, progress: (message: string) => void): Promise<void> {
  await db.transaction(async (tx) => {
    const indexes = await dropSecondaryIndexes(tx, db.schema);
    await loadRecords(tx, world, progress);
    const started = Date.now();
    if (db.engine === 'postgres') {
      await tx.query(`SELECT set_config('maintenance_work_mem', '512MB', true)
        WHERE pg_size_bytes(current_setting('maintenance_work_mem')) < pg_size_bytes('512MB')`);
    }
    for (const index of indexes) await tx.exec(index.definition);
    progress(`complaints-arrests: ${indexes.length} indexes built in ${Date.now() - started} ms`);
  });
  // Marks the name pages all-visible, so counting a search's matches reads only the index from the first search on.
  await db.exec('VACUUM person_name, name_form');
}

async function loadRecords(db: Connection, world: World, progress: (message: string) => void): Promise<void> {
  const scale = scaleOf(world);
  await loadInChunks(db, 'locations', scale.locations, progress, (i, rows) => push(rows, 'location', locationRow(locationAt(world, i))));
  await loadInChunks(db, 'vehicles', scale.vehicles, progress, (i, rows) => push(rows, 'vehicle', vehicleRow(vehicleAt(world, i))));
  // The world's serial numbers are random, so a large world repeats a few: the first item keeps the number.
  const serials = new Set<string>();
  await loadInChunks(db, 'property items', scale.propertyItems, progress, (i, rows) => {
    const item = propertyItemAt(world, i);
    if (serials.has(item.serialNumber)) return;
    serials.add(item.serialNumber);
    push(rows, 'propertyItem', propertyItemRow(item));
  });
  serials.clear();
  // A complaint's status depends on its arrests: they are generated and stored with it.
  const everArrested = new Uint8Array(world.persons);
  await loadInChunks(db, 'complaints and their arrests', scale.complaints, progress, (k, rows) => {
    const { complaint, arrests } = complaintWithArrestsAt(world, k);
    push(rows, 'complaint', complaintRow(complaint));
    push(rows, 'complaintParty', ...complaintPartyRows(complaint));
    for (const arrest of arrests) {
      everArrested[arrest.personIndex] = 1;
      push(rows, 'arrest', arrestRow(arrest));
    }
  });
  await loadInChunks(db, 'arrests on no complaint', scale.arrests, progress, (k, rows) => {
    if (complaintIndexOfArrest(world, k) !== null) return;
    const arrest = arrestAt(world, k);
    everArrested[arrest.personIndex] = 1;
    push(rows, 'arrest', arrestRow(arrest));
  });
  await loadInChunks(db, 'persons', world.persons, progress, (i, rows) => {
    const person = personAt(world, i);
    push(rows, 'person', personRow(world, person, everArrested[i] === 1));
    push(rows, 'personName', ...personNameRows(person));
  });
  await db.query('INSERT INTO name_form (normalized, persons) SELECT normalized, count(*) FROM person_name GROUP BY normalized');
  await loadInChunks(db, 'collisions', scale.collisions, progress, (k, rows) => {
    const collision = collisionAt(world, k);
    push(rows, 'collision', collisionRow(collision));
    push(rows, 'collisionVehicle', ...collisionVehicleRows(world, collision));
  });
  await loadInChunks(db, 'property invoices', scale.propertyInvoices, progress, (k, rows) => {
    const invoice = propertyInvoiceAt(world, k);
    push(rows, 'propertyInvoice', propertyInvoiceRow(invoice));
    push(rows, 'invoiceItem', ...invoiceItemRows(invoice));
  });
}
