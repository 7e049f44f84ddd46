import type { Database } from '../../platform/storage/Database';
import { insertRows, type Column } from '../../platform/storage/insertRows';
import { orderOfProtectionAt } from '../../synthetic/ordersOfProtection';
import { stolenPropertyAt } from '../../synthetic/stolenProperty';
import { immigrationDetainerAt, warrantAt } from '../../synthetic/warrants';
import { scaleOf, type World } from '../../synthetic/world';

/** Records generated and inserted per round: bounded memory whatever the world's size. */
const CHUNK = 10_000;

const WARRANT_COLUMNS: readonly Column[] = [
  { name: 'number', type: 'text' }, { name: 'kind', type: 'text' }, { name: 'immigration', type: 'bool' },
  { name: 'form', type: 'text' }, { name: 'status', type: 'text' }, { name: 'issued_on', type: 'date' },
  { name: 'court_kind', type: 'text' }, { name: 'issuing_authority', type: 'text' }, { name: 'county', type: 'text' },
  { name: 'borough', type: 'text' }, { name: 'signed_by', type: 'text' }, { name: 'docket_number', type: 'text' },
  { name: 'charges', type: 'text[]' }, { name: 'subject_id', type: 'text' }, { name: 'subject_name_as_recorded', type: 'text' },
  { name: 'subject_dob_as_recorded', type: 'date' }, { name: 'last_known_location_id', type: 'text' },
  { name: 'extraditable', type: 'bool' }, { name: 'entered_at', type: 'timestamptz' },
];

const ORDER_COLUMNS: readonly Column[] = [
  { name: 'number', type: 'text' }, { name: 'type', type: 'text' }, { name: 'status', type: 'text' },
  { name: 'court_kind', type: 'text' }, { name: 'court_name', type: 'text' }, { name: 'county', type: 'text' },
  { name: 'borough', type: 'text' }, { name: 'judge', type: 'text' }, { name: 'docket_number', type: 'text' },
  { name: 'issued_on', type: 'date' }, { name: 'expires_on', type: 'date' }, { name: 'vacated_on', type: 'date' },
  { name: 'respondent_id', type: 'text' }, { name: 'respondent_name_as_recorded', type: 'text' },
  { name: 'protected_party_id', type: 'text' }, { name: 'protected_party_name_as_recorded', type: 'text' },
  { name: 'protected_party_location_id', type: 'text' }, { name: 'conditions', type: 'text[]' },
  { name: 'firearms_surrendered', type: 'bool' },
];

const STOLEN_COLUMNS: readonly Column[] = [
  { name: 'id', type: 'text' }, { name: 'kind', type: 'text' }, { name: 'reported_on', type: 'date' },
  { name: 'status', type: 'text' }, { name: 'reporting_agency', type: 'text' }, { name: 'reporting_ori', type: 'text' },
  { name: 'description', type: 'text' }, { name: 'serial_number', type: 'text' }, { name: 'vin', type: 'text' },
  { name: 'complaint_number', type: 'text' }, { name: 'location_id', type: 'text' },
  { name: 'complaint_sealed', type: 'bool' }, { name: 'complaint_juvenile', type: 'bool' },
];

/** Fills `table` with `count` rows, `CHUNK` generated and inserted at a time. */
async function seedInChunks(
  db: Database,
  table: string,
  columns: readonly Column[],
  count: number,
  rowAt: (k: number) => readonly unknown[],
  progress: (message: string) => void,
): Promise<void> {
  for (let start = 0; start < count; start += CHUNK) {
    const rows: (readonly unknown[])[] = [];
    for (let k = start; k < Math.min(count, start + CHUNK); k++) rows.push(rowAt(k));
    await insertRows(db, table, columns, rows);
    progress(`warrants: ${table} ${Math.min(count, start + CHUNK)}/${count}`);
  }
}

export async function seedWarrants(db: Database, world: World, progress: (message: string) => void): Promise<void> {
  const scale = scaleOf(world);
  await seedInChunks(db, 'warrant', WARRANT_COLUMNS, scale.warrants, (k) => {
    const w = warrantAt(world, k);
    return [
      w.number, w.kind, false, null, w.status, w.issuedOn, w.court.kind, w.court.name, w.court.county, w.court.borough,
      w.judge, w.docketNumber, w.charges.map((charge) => charge.lawCode), w.subjectId, w.subjectNameAsRecorded,
      w.subjectDateOfBirthAsRecorded, w.lastKnownLocationId, w.extraditable, w.enteredAt,
    ];
  }, progress);
  // The source holds immigration records next to the warrants; the view hides them [P15].
  await seedInChunks(db, 'warrant', WARRANT_COLUMNS, scale.immigrationDetainers, (k) => {
    const d = immigrationDetainerAt(world, k);
    return [
      d.number, d.kind, true, d.form, d.status, d.issuedOn, null, d.issuingAuthority, null, null,
      d.signedBy, null, [], d.subjectId, d.subjectNameAsRecorded, d.subjectDateOfBirthAsRecorded, null, false, d.enteredAt,
    ];
  }, progress);
  await seedInChunks(db, 'order_of_protection', ORDER_COLUMNS, scale.ordersOfProtection, (k) => {
    const o = orderOfProtectionAt(world, k);
    return [
      o.number, o.type, o.status, o.court.kind, o.court.name, o.court.county, o.court.borough, o.judge, o.docketNumber,
      o.issuedOn, o.expiresOn, o.vacatedOn, o.respondentId, o.respondentNameAsRecorded, o.protectedPartyId,
      o.protectedPartyNameAsRecorded, o.protectedPartyLocationId, o.conditions, o.firearmsSurrendered,
    ];
  }, progress);
  await seedInChunks(db, 'stolen_property', STOLEN_COLUMNS, scale.stolenProperty, (k) => {
    const s = stolenPropertyAt(world, k);
    return [
      s.id, s.kind, s.reportedOn, s.status, s.agency.name, s.agency.ori, s.description, s.serialNumber, s.vin,
      s.complaintNumber, s.locationId, s.complaintSealed, s.complaintJuvenile,
    ];
  }, progress);
}
