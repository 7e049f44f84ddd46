/**
 * The records as the store returns them: one row type per table, and the SELECT list that
 * names its columns the way the GraphQL types do (so most fields resolve by default).
 */

/** `column AS "field", ...`, columns prefixed with `alias.` when given. */
function selectList(columns: Record<string, string>, alias?: string): string {
  return Object.entries(columns)
    .map(([field, column]) => `${alias ? `${alias}.` : ''}${column} AS "${field}"`)
    .join(', ');
}

const PERSON_COLUMNS = {
  id: 'id', firstName: 'first_name', middleName: 'middle_name', lastName: 'last_name', fullName: 'full_name',
  dateOfBirth: 'date_of_birth', sex: 'sex', race: 'race', heightInches: 'height_inches', weightPounds: 'weight_pounds',
  eyeColor: 'eye_color', hairColor: 'hair_color', identifyingMarks: 'identifying_marks', nysid: 'nysid', phone: 'phone',
  homeLocationId: 'home_location_id', placeOfBirth: 'place_of_birth', citizenshipStatus: 'citizenship_status',
  alienRegistrationNumber: 'alien_registration_number',
};
export interface PersonRow {
  id: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  fullName: string;
  dateOfBirth: string | null;
  sex: 'M' | 'F' | 'X';
  race: string | null;
  heightInches: number | null;
  weightPounds: number | null;
  eyeColor: string | null;
  hairColor: string | null;
  identifyingMarks: string[];
  nysid: string | null;
  phone: string | null;
  homeLocationId: string | null;
  placeOfBirth: string | null;
  citizenshipStatus: string | null;
  alienRegistrationNumber: string | null;
}
export const selectPerson = (alias?: string) => selectList(PERSON_COLUMNS, alias);

export type NameKind = 'PRIMARY' | 'ALIAS' | 'VARIANT';
export interface PersonNameRow {
  name: string;
  kind: NameKind;
}

const LOCATION_COLUMNS = {
  id: 'id', houseNumber: 'house_number', street: 'street', borough: 'borough', precinct: 'precinct', zipCode: 'zip_code',
  latitude: 'latitude', longitude: 'longitude', premiseType: 'premise_type',
};
export interface LocationRow {
  id: string;
  houseNumber: string | null;
  street: string;
  borough: string;
  precinct: number;
  zipCode: string | null;
  latitude: number | null;
  longitude: number | null;
  premiseType: string | null;
}
export const selectLocation = (alias?: string) => selectList(LOCATION_COLUMNS, alias);

const VEHICLE_COLUMNS = {
  vin: 'vin', plate: 'plate', plateState: 'plate_state', make: 'make', model: 'model', year: 'year', color: 'color', bodyType: 'body_type',
};
export interface VehicleRow {
  vin: string;
  plate: string | null;
  plateState: string | null;
  make: string | null;
  model: string | null;
  year: number | null;
  color: string | null;
  bodyType: string | null;
}
export const selectVehicle = (alias?: string) => selectList(VEHICLE_COLUMNS, alias);

const PROPERTY_ITEM_COLUMNS = { serialNumber: 'serial_number', category: 'category', make: 'make', model: 'model', description: 'description' };
export interface PropertyItemRow {
  serialNumber: string;
  category: string | null;
  make: string | null;
  model: string | null;
  description: string | null;
}
export const selectPropertyItem = (alias?: string) => selectList(PROPERTY_ITEM_COLUMNS, alias);

const COMPLAINT_COLUMNS = {
  number: 'number', reportedAt: 'reported_at', occurredAt: 'occurred_at', lawCode: 'law_code', status: 'status', borough: 'borough',
  precinct: 'precinct', locationId: 'location_id', premiseType: 'premise_type', juvenile: 'juvenile', sealed: 'sealed',
  sealingStatute: 'sealing_statute',
};
export interface ComplaintRow {
  number: string;
  reportedAt: string;
  occurredAt: string;
  lawCode: string;
  status: string;
  borough: string;
  precinct: number;
  locationId: string;
  premiseType: string | null;
  juvenile: boolean;
  sealed: boolean;
  sealingStatute: string | null;
}
export const selectComplaint = (alias?: string) => selectList(COMPLAINT_COLUMNS, alias);

const COMPLAINT_PARTY_COLUMNS = { complaintNumber: 'complaint_number', role: 'role', personId: 'person_id', nameAsRecorded: 'name_as_recorded' };
export interface ComplaintPartyRow {
  complaintNumber: string;
  role: 'SUSPECT' | 'VICTIM';
  personId: string | null;
  nameAsRecorded: string;
  /** The complaint's, so record rules hide a party wherever its complaint is hidden. */
  sealed: boolean;
  juvenile: boolean;
}
/** A party with its complaint's `sealed` and `juvenile` (the complaint joined as `c`). */
export const selectComplaintParty = (alias: string) =>
  `${selectList(COMPLAINT_PARTY_COLUMNS, alias)}, c.sealed AS "sealed", c.juvenile AS "juvenile"`;

const ARREST_COLUMNS = {
  number: 'number', arrestedAt: 'arrested_at', personId: 'person_id', nameAsRecorded: 'name_as_recorded', nysid: 'nysid',
  chargeCodes: 'charges', officerTaxId: 'officer_tax_id', officerName: 'officer_name', officerRank: 'officer_rank',
  officerCommand: 'officer_command', command: 'command', borough: 'borough', precinct: 'precinct', locationId: 'location_id',
  complaintNumber: 'complaint_number', ageAtArrest: 'age_at_arrest', disposition: 'disposition', juvenile: 'juvenile',
  sealed: 'sealed', sealingStatute: 'sealing_statute',
};
export interface ArrestRow {
  number: string;
  arrestedAt: string;
  personId: string;
  nameAsRecorded: string;
  nysid: string | null;
  /** Law codes, top charge first. */
  chargeCodes: string[];
  officerTaxId: string;
  officerName: string;
  officerRank: string;
  officerCommand: string;
  command: string;
  borough: string;
  precinct: number;
  locationId: string;
  complaintNumber: string | null;
  ageAtArrest: number | null;
  disposition: string;
  juvenile: boolean;
  sealed: boolean;
  sealingStatute: string | null;
}
export const selectArrest = (alias?: string) => selectList(ARREST_COLUMNS, alias);

const COLLISION_COLUMNS = {
  number: 'number', occurredAt: 'occurred_at', borough: 'borough', precinct: 'precinct', locationId: 'location_id',
  personsInjured: 'persons_injured', personsKilled: 'persons_killed', pedestriansInjured: 'pedestrians_injured',
  cyclistsInjured: 'cyclists_injured',
};
export interface CollisionRow {
  number: string;
  occurredAt: string;
  borough: string;
  precinct: number;
  locationId: string;
  personsInjured: number;
  personsKilled: number;
  pedestriansInjured: number;
  cyclistsInjured: number;
}
export const selectCollision = (alias?: string) => selectList(COLLISION_COLUMNS, alias);

const COLLISION_VEHICLE_COLUMNS = {
  vin: 'vin', driverPersonId: 'driver_person_id', driverNameAsRecorded: 'driver_name_as_recorded', contributingFactor: 'contributing_factor',
};
export interface CollisionVehicleRow {
  vin: string;
  driverPersonId: string | null;
  driverNameAsRecorded: string | null;
  contributingFactor: string | null;
}
export const selectCollisionVehicle = (alias?: string) => selectList(COLLISION_VEHICLE_COLUMNS, alias);

const PROPERTY_INVOICE_COLUMNS = {
  number: 'number', invoicedAt: 'invoiced_at', category: 'category', command: 'command', borough: 'borough',
  arrestNumber: 'arrest_number', complaintNumber: 'complaint_number', ownerPersonId: 'owner_person_id', sealed: 'sealed', juvenile: 'juvenile',
};
export interface PropertyInvoiceRow {
  number: string;
  invoicedAt: string;
  category: string;
  command: string;
  borough: string;
  arrestNumber: string | null;
  complaintNumber: string | null;
  ownerPersonId: string | null;
  /** [P12] its arrest's or complaint's: the invoice is hidden wherever they are. */
  sealed: boolean;
  juvenile: boolean;
}
export const selectPropertyInvoice = (alias?: string) => selectList(PROPERTY_INVOICE_COLUMNS, alias);

const INVOICE_ITEM_COLUMNS = { serialNumber: 'serial_number', quantity: 'quantity', value: 'value' };
export interface InvoiceItemRow {
  serialNumber: string;
  quantity: number;
  value: number | null;
}
export const selectInvoiceItem = (alias?: string) => selectList(INVOICE_ITEM_COLUMNS, alias);
