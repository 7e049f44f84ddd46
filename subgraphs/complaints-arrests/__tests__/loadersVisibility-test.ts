import type { Database } from '../../../platform/storage/Database';
import { backends, createTestStorage, type TestStorage } from '../../../test/harness/testDatabase';
import { TEST_WORLD } from '../../../test/harness/startTestSubgraph';
import { prepareDatabase } from '../../prepareDatabase';
import { complaintsArrests } from '..';
import { createComplaintsArrestsLoaders } from '../loaders';
import type { RecordVisibility } from '../recordVisibility';

/**
 * [P12] The store's own layer of the sealed and juvenile rule, tested without the record-rule
 * middleware above it: every loader that reads complaints, arrests or their parties leaves out,
 * in SQL, the records a caller may not see. (The middleware alone is proved in
 * subgraphs/__tests__/recordPolicy-test.ts; both together in recordVisibility-test.ts.)
 */
const HIDDEN: RecordVisibility = { sealed: false, juvenile: false };
const EVERYTHING: RecordVisibility = { sealed: true, juvenile: true };

describe.each(backends())('loaders leave out sealed and juvenile records in SQL (%s)', (backend) => {
  let storage: TestStorage;
  let db: Database;
  let keys: { arrests: string[]; persons: string[]; complaints: string[]; locations: string[] };
  beforeAll(async () => {
    storage = await createTestStorage(backend);
    ({ db } = await prepareDatabase(complaintsArrests, storage.target, TEST_WORLD));
    const restricted = await db.query<{ number: string; person: string; complaint: string | null; location: string }>(
      `SELECT number, person_id AS person, complaint_number AS complaint, location_id AS location FROM arrest WHERE sealed OR juvenile ORDER BY number LIMIT 20`,
    );
    const complaints = await db.query<{ number: string; location: string }>(
      `SELECT number, location_id AS location FROM complaint WHERE sealed OR juvenile ORDER BY number LIMIT 20`,
    );
    keys = {
      arrests: restricted.map((r) => r.number),
      persons: [...new Set(restricted.map((r) => r.person))],
      complaints: [...new Set([...complaints.map((c) => c.number), ...restricted.flatMap((r) => (r.complaint ? [r.complaint] : []))])],
      locations: [...new Set([...restricted.map((r) => r.location), ...complaints.map((c) => c.location)])],
    };
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await storage?.drop();
  });

  type Row = { sealed: boolean; juvenile: boolean };
  const LOADERS: [string, (visibility: RecordVisibility) => Promise<Row[]>][] = [
    ['arrests by number', (v) => load((l) => l.arrestByNumber(v).loadMany(keys.arrests))],
    ['complaints by number', (v) => load((l) => l.complaintByNumber(v).loadMany(keys.complaints))],
    ['arrests of a person', (v) => load((l) => l.arrestsByPerson(v).loadMany(keys.persons))],
    ['complaint parties of a person', (v) => load((l) => l.partiesByPerson(v).loadMany(keys.persons))],
    ['arrests of a complaint', (v) => load((l) => l.arrestsByComplaint(v).loadMany(keys.complaints))],
    ['complaints at a place', (v) => load((l) => Promise.all(keys.locations.map((k) => l.complaintsAtLocation(v)(k, { limit: 100 }))))],
    ['arrests at a place', (v) => load((l) => Promise.all(keys.locations.map((k) => l.arrestsAtLocation(v)(k, { limit: 100 }))))],
  ];
  /** Fresh loaders (no cache shared between visibilities), every row they return, flattened. */
  async function load(read: (loaders: ReturnType<typeof createComplaintsArrestsLoaders>) => Promise<unknown[]>): Promise<Row[]> {
    const results = await read(createComplaintsArrestsLoaders(db));
    return results.flat().filter((row): row is Row => !!row && !(row instanceof Error));
  }

  it.each(LOADERS)('%s: none for a caller who may not see them, found for one who may', async (_loader, rows) => {
    const hidden = await rows(HIDDEN);
    expect(hidden.filter((row) => row.sealed || row.juvenile)).toEqual([]);
    // The same keys do reach restricted records: the test above is not vacuous.
    expect((await rows(EVERYTHING)).some((row) => row.sealed || row.juvenile)).toBe(true);
  });
});
