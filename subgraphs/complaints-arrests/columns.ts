import type { Column } from '../../platform/storage/insertRows';
import { arresteeNysid, type SyntheticArrest } from '../../synthetic/arrests';
import type { SyntheticCollision } from '../../synthetic/collisions';
import type { SyntheticComplaint } from '../../synthetic/complaints';
import type { SyntheticPropertyInvoice } from '../../synthetic/propertyInvoices';
import {
  fullName, locationId, vehicleAt, type SyntheticLocation, type SyntheticPerson, type SyntheticPropertyItem,
  type SyntheticVehicle, type World,
} from '../../synthetic/world';
import { normalizeName } from './normalizeName';

/** The columns of each table and how a generated record becomes its rows. */

type Row = unknown[];
export interface TableRows {
  table: string;
  columns: readonly Column[];
}

const text = (name: string): Column => ({ name, type: 'text' });
const int = (name: string): Column => ({ name, type: 'int' });
const bool = (name: string): Column => ({ name, type: 'bool' });
const instant = (name: string): Column => ({ name, type: 'timestamptz' });
const float = (name: string): Column => ({ name, type: 'float8' });

export const TABLES = {
  person: {
    table: 'person',
    columns: [
      text('id'), text('first_name'), text('middle_name'), text('last_name'), text('full_name'), { name: 'date_of_birth', type: 'date' },
      text('sex'), text('race'), int('height_inches'), int('weight_pounds'), text('eye_color'), text('hair_color'),
      { name: 'identifying_marks', type: 'text[]' }, text('nysid'), text('phone'), text('home_location_id'), text('place_of_birth'),
      text('citizenship_status'), text('alien_registration_number'),
    ],
  },
  personName: {
    table: 'person_name',
    columns: [text('person_id'), text('normalized'), text('name'), text('kind'), { name: 'date_of_birth', type: 'date' }],
  },
  location: {
    table: 'location',
    columns: [text('id'), text('house_number'), text('street'), text('borough'), int('precinct'), text('zip_code'), float('latitude'), float('longitude'), text('premise_type')],
  },
  vehicle: {
    table: 'vehicle',
    columns: [text('vin'), text('plate'), text('plate_state'), text('make'), text('model'), int('year'), text('color'), text('body_type')],
  },
  propertyItem: {
    table: 'property_item',
    columns: [text('serial_number'), text('category'), text('make'), text('model'), text('description')],
  },
  complaint: {
    table: 'complaint',
    columns: [
      text('number'), instant('reported_at'), instant('occurred_at'), text('law_code'), text('law_category'), text('status'), text('borough'),
      int('precinct'), text('location_id'), text('premise_type'), bool('juvenile'), bool('sealed'), text('sealing_statute'),
    ],
  },
  complaintParty: {
    table: 'complaint_party',
    columns: [text('complaint_number'), int('position'), text('role'), text('person_id'), text('name_as_recorded')],
  },
  arrest: {
    table: 'arrest',
    columns: [
      text('number'), instant('arrested_at'), text('person_id'), text('name_as_recorded'), text('nysid'), { name: 'charges', type: 'text[]' },
      text('top_law_code'), text('top_category'), text('officer_tax_id'), text('officer_name'), text('officer_rank'), text('officer_command'),
      text('command'), text('borough'), int('precinct'), text('location_id'), text('complaint_number'), int('age_at_arrest'), text('disposition'),
      bool('juvenile'), bool('sealed'), text('sealing_statute'),
    ],
  },
  collision: {
    table: 'collision',
    columns: [
      text('number'), instant('occurred_at'), text('borough'), int('precinct'), text('location_id'), int('persons_injured'), int('persons_killed'),
      int('pedestrians_injured'), int('cyclists_injured'),
    ],
  },
  collisionVehicle: {
    table: 'collision_vehicle',
    columns: [text('collision_number'), int('position'), text('vin'), text('driver_person_id'), text('driver_name_as_recorded'), text('contributing_factor')],
  },
  propertyInvoice: {
    table: 'property_invoice',
    columns: [text('number'), instant('invoiced_at'), text('category'), text('command'), text('borough'), text('arrest_number'), text('complaint_number'), text('owner_person_id'),
      bool('sealed'), bool('juvenile'),
    ],
  },
  invoiceItem: {
    table: 'invoice_item',
    columns: [text('invoice_number'), int('position'), text('serial_number'), int('quantity'), float('value')],
  },
} as const satisfies Record<string, TableRows>;

/** `nysid` is the one the person was fingerprinted under; persons arrested in these records always have one. */
export function personRow(world: World, person: SyntheticPerson, everArrested: boolean): Row {
  return [
    person.id, person.firstName, person.middleName, person.lastName, fullName(person), person.dateOfBirth, person.sex, person.race,
    person.heightInches, person.weightPounds, person.eyeColor, person.hairColor, person.identifyingMarks,
    everArrested ? arresteeNysid(world, person) : person.nysid, person.phone, locationId(person.homeLocationIndex), person.placeOfBirth,
    person.citizenshipStatus, person.alienRegistrationNumber,
  ];
}

/** The primary name, aliases, then spelling variants; one row per distinct normalized form, the first kind winning. */
export function personNameRows(person: SyntheticPerson): Row[] {
  const rows = new Map<string, Row>();
  const add = (name: string, kind: 'PRIMARY' | 'ALIAS' | 'VARIANT') => {
    const normalized = normalizeName(name);
    if (normalized && !rows.has(normalized)) rows.set(normalized, [person.id, normalized, name, kind, person.dateOfBirth]);
  };
  add(fullName(person), 'PRIMARY');
  for (const alias of person.aliases) add(alias, 'ALIAS');
  for (const variant of person.spellingVariants) add(variant, 'VARIANT');
  return [...rows.values()];
}

export const locationRow = (l: SyntheticLocation): Row =>
  [l.id, l.houseNumber, l.street, l.borough, l.precinct, l.zipCode, l.latitude, l.longitude, l.premiseType];

export const vehicleRow = (v: SyntheticVehicle): Row => [v.vin, v.plate, v.plateState, v.make, v.model, v.year, v.color, v.bodyType];

export const propertyItemRow = (p: SyntheticPropertyItem): Row => [p.serialNumber, p.category, p.make, p.model, p.description];

export const complaintRow = (c: SyntheticComplaint): Row => [
  c.number, c.reportedAt, c.occurredAt, c.offense.lawCode, c.offense.category, c.status, c.borough, c.precinct, c.locationId,
  c.premiseType, c.juvenile, c.sealed, c.sealingStatute,
];

export const complaintPartyRows = (c: SyntheticComplaint): Row[] =>
  c.parties.map((party, position) => [c.number, position, party.role, party.personId, party.nameAsRecorded]);

export const arrestRow = (a: SyntheticArrest): Row => [
  a.number, a.arrestedAt, a.personId, a.nameAsRecorded, a.nysid, a.charges.map((charge) => charge.lawCode), a.charges[0]!.lawCode,
  a.charges[0]!.category, a.officer.taxId, a.officer.name, a.officer.rank, a.officer.command, a.command, a.borough, a.precinct,
  a.locationId, a.complaintNumber, a.ageAtArrest, a.disposition, a.juvenile, a.sealed, a.sealingStatute,
];

export const collisionRow = (c: SyntheticCollision): Row => [
  c.number, c.occurredAt, c.borough, c.precinct, c.locationId, c.personsInjured, c.personsKilled, c.pedestriansInjured, c.cyclistsInjured,
];

export const collisionVehicleRows = (world: World, c: SyntheticCollision): Row[] =>
  c.vehicles.map((v, position) => [
    c.number, position, vehicleAt(world, v.vehicleIndex).vin, v.driverId, v.driverNameAsRecorded, v.contributingFactor,
  ]);

export const propertyInvoiceRow = (i: SyntheticPropertyInvoice): Row => [
  i.number, i.invoicedAt, i.category, i.command, i.borough, i.arrestNumber, i.complaintNumber, i.ownerId, i.sealed, i.juvenile,
];

export const invoiceItemRows = (i: SyntheticPropertyInvoice): Row[] =>
  i.items.map((item, position) => [i.number, position, item.serialNumber, item.quantity, item.value]);
