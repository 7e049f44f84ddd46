import { chargeByCode, type Charge } from '../../synthetic/penalLaw';

/**
 * The rows the store reads and the GraphQL objects they become. Warrant rows come only from the
 * view `criminal_warrant`: the columns and kinds of immigration records do not exist here [P15].
 */

export const WARRANT_SELECT = `number, kind, status, issued_on, court_kind, court_name, county, borough, judge,
  docket_number, charges, subject_id, subject_name_as_recorded, subject_dob_as_recorded, last_known_location_id,
  extraditable, entered_at`;

export interface WarrantRow {
  number: string;
  kind: 'ARREST' | 'BENCH';
  status: string;
  issued_on: string;
  court_kind: string;
  court_name: string;
  county: string;
  borough: string;
  judge: string;
  docket_number: string;
  charges: string[];
  subject_id: string;
  subject_name_as_recorded: string;
  subject_dob_as_recorded: string | null;
  last_known_location_id: string | null;
  extraditable: boolean;
  entered_at: string;
}

export const ORDER_SELECT = `number, type, status, court_kind, court_name, county, borough, judge, docket_number,
  issued_on, expires_on, vacated_on, respondent_id, respondent_name_as_recorded, protected_party_id,
  protected_party_name_as_recorded, protected_party_location_id, conditions, firearms_surrendered`;

export interface OrderRow {
  number: string;
  type: string;
  status: string;
  court_kind: string;
  court_name: string;
  county: string;
  borough: string;
  judge: string;
  docket_number: string;
  issued_on: string;
  expires_on: string;
  vacated_on: string | null;
  respondent_id: string;
  respondent_name_as_recorded: string;
  protected_party_id: string;
  protected_party_name_as_recorded: string;
  protected_party_location_id: string | null;
  conditions: string[];
  firearms_surrendered: boolean;
}

export const STOLEN_SELECT = `id, kind, reported_on, status, reporting_agency, reporting_ori, description,
  serial_number, vin, complaint_number, complaint_sealed, complaint_juvenile, location_id`;

export interface StolenPropertyRow {
  id: string;
  kind: string;
  reported_on: string;
  status: string;
  reporting_agency: string;
  reporting_ori: string;
  description: string;
  serial_number: string | null;
  vin: string | null;
  complaint_number: string | null;
  complaint_sealed: boolean;
  complaint_juvenile: boolean;
  location_id: string | null;
}

export interface CourtNode {
  name: string;
  kind: string;
  county: string;
  borough: string;
}

export interface WarrantNode {
  number: string;
  type: 'ARREST' | 'BENCH';
  status: string;
  issuedOn: string;
  issuingCourt: CourtNode;
  judge: string;
  docketNumber: string;
  charges: Charge[];
  subject: { id: string };
  subjectNameAsRecorded: string;
  subjectDateOfBirthAsRecorded: string | null;
  lastKnownAddress: { id: string } | null;
  extraditable: boolean;
  enteredAt: string;
}

export interface OrderNode {
  number: string;
  type: string;
  status: string;
  issuingCourt: CourtNode;
  judge: string;
  docketNumber: string;
  issuedOn: string;
  expiresOn: string;
  vacatedOn: string | null;
  respondent: { id: string };
  respondentNameAsRecorded: string;
  protectedParty: { id: string };
  protectedPartyNameAsRecorded: string;
  protectedPartyAddress: { id: string } | null;
  conditions: string[];
  firearmsSurrendered: boolean;
}

export interface StolenPropertyNode {
  id: string;
  kind: string;
  reportedOn: string;
  status: string;
  reportingAgency: { name: string; ori: string };
  description: string;
  item: { serialNumber: string } | null;
  vehicle: { vin: string } | null;
  /** With its owner's sealing flags, for the owner's record rules [P12]. */
  complaint: { number: string; sealed: boolean; juvenile: boolean } | null;
  location: { id: string } | null;
}

const reference = (id: string | null) => (id === null ? null : { id });

function chargesOf(codes: readonly string[]): Charge[] {
  return codes.map(chargeByCode).filter((charge): charge is Charge => charge !== undefined);
}

export function toWarrant(row: WarrantRow): WarrantNode {
  return {
    number: row.number,
    type: row.kind,
    status: row.status,
    issuedOn: row.issued_on,
    issuingCourt: { name: row.court_name, kind: row.court_kind, county: row.county, borough: row.borough },
    judge: row.judge,
    docketNumber: row.docket_number,
    charges: chargesOf(row.charges),
    subject: { id: row.subject_id },
    subjectNameAsRecorded: row.subject_name_as_recorded,
    subjectDateOfBirthAsRecorded: row.subject_dob_as_recorded,
    lastKnownAddress: reference(row.last_known_location_id),
    extraditable: row.extraditable,
    enteredAt: row.entered_at,
  };
}

export function toOrder(row: OrderRow): OrderNode {
  return {
    number: row.number,
    type: row.type,
    status: row.status,
    issuingCourt: { name: row.court_name, kind: row.court_kind, county: row.county, borough: row.borough },
    judge: row.judge,
    docketNumber: row.docket_number,
    issuedOn: row.issued_on,
    expiresOn: row.expires_on,
    vacatedOn: row.vacated_on,
    respondent: { id: row.respondent_id },
    respondentNameAsRecorded: row.respondent_name_as_recorded,
    protectedParty: { id: row.protected_party_id },
    protectedPartyNameAsRecorded: row.protected_party_name_as_recorded,
    protectedPartyAddress: reference(row.protected_party_location_id),
    conditions: row.conditions,
    firearmsSurrendered: row.firearms_surrendered,
  };
}

export function toStolenProperty(row: StolenPropertyRow): StolenPropertyNode {
  return {
    id: row.id,
    kind: row.kind,
    reportedOn: row.reported_on,
    status: row.status,
    reportingAgency: { name: row.reporting_agency, ori: row.reporting_ori },
    description: row.description,
    item: row.serial_number === null ? null : { serialNumber: row.serial_number },
    vehicle: row.vin === null ? null : { vin: row.vin },
    complaint: row.complaint_number === null ? null : { number: row.complaint_number, sealed: row.complaint_sealed, juvenile: row.complaint_juvenile },
    location: reference(row.location_id),
  };
}
