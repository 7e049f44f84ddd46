/**
 * The shared shapes every adapter maps its provider's answer into: what `schema/commercial.graphql`
 * serves, whichever provider it came from. Dates are `YYYY-MM-DD`; address and phone history
 * dates `YYYY-MM` (providers know them to the month).
 */
export interface ReportedAddress {
  line1: string;
  city: string;
  state: string;
  zip: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  current: boolean;
}

export interface ReportedPhone {
  number: string;
  lineType: LineType;
  carrier: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
}

export type LineType = 'MOBILE' | 'LANDLINE' | 'VOIP';

export interface ReportedRelation {
  name: string;
  dateOfBirth: string | null;
}

export interface ReportedVehicle {
  vin: string;
  plate: string | null;
  plateState: string | null;
  year: number | null;
  make: string | null;
  model: string | null;
  color: string | null;
  registeredOn: string | null;
}

export interface PersonRecord {
  providerRecordId: string;
  /** 0..1: how well the record matches the subject searched. */
  matchScore: number;
  names: string[];
  dateOfBirth: string | null;
  addresses: ReportedAddress[];
  phones: ReportedPhone[];
  relatives: ReportedRelation[];
  associates: ReportedRelation[];
  vehicles: ReportedVehicle[];
}

export interface VehicleRegistration extends ReportedVehicle {
  registrantName: string;
  registrantDateOfBirth: string | null;
  registrantAddress: string | null;
}

export interface PhoneLine {
  /** E.164, e.g. `+17185551234`. */
  number: string;
  carrier: string | null;
  lineType: LineType | null;
  active: boolean | null;
  ported: boolean;
  portedOn: string | null;
  subscriberName: string | null;
  subscriberAddress: string | null;
}

export type SocialPlatform = 'FACEBOOK' | 'INSTAGRAM' | 'X' | 'TIKTOK' | 'LINKEDIN' | 'REDDIT' | 'OTHER';

export interface SocialProfile {
  platform: SocialPlatform;
  username: string;
  url: string;
  displayName: string | null;
  lastActivity: string | null;
  confidence: number;
}

export type PawnTransactionType = 'PAWN' | 'PURCHASE' | 'SCRAP';

export interface PawnTransaction {
  transactionId: string;
  date: string;
  type: PawnTransactionType;
  store: { name: string; address: string; city: string; state: string; licenseNumber: string | null };
  serialNumber: string | null;
  make: string | null;
  model: string | null;
  description: string;
  seller: { name: string; dateOfBirth: string | null; idType: string | null; idNumber: string | null; address: string | null };
  amountCents: number | null;
}

/** A provider's answer, by kind; `reference` is the provider's own id of the search, when it gives one. */
export type ProviderReport =
  | { kind: 'PERSON'; reference: string | null; records: PersonRecord[] }
  | { kind: 'VEHICLE'; reference: string | null; registrations: VehicleRegistration[] }
  | ({ kind: 'PHONE'; reference: string | null } & PhoneLine)
  | { kind: 'SOCIAL'; reference: string | null; profiles: SocialProfile[] }
  | { kind: 'PAWN'; reference: string | null; transactions: PawnTransaction[] };
