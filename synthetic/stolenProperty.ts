import { Random } from './Random';
import { type SyntheticComplaint } from './complaints';
import { complaintAt } from './complaintAt';
import { RECORDS_AS_OF, sequenceOf } from './warrants';
import {
  locationId, pickLocationIndex, propertyItemAt, scaleOf, vehicleAt,
  type SyntheticPropertyItem, type World,
} from './world';

/**
 * Stolen property entries as the state and national files hold them (NCIC style): articles,
 * firearms and vehicles reported by the department and by neighbouring agencies.
 */
export type StolenPropertyKind = 'ARTICLE' | 'VEHICLE' | 'FIREARM';
export type StolenPropertyStatus = 'ACTIVE' | 'RECOVERED' | 'CANCELLED';

export interface ReportingAgency {
  name: string;
  /** Originating Agency Identifier. */
  ori: string;
  /** Whether the agency polices the city (its reports carry a city location). */
  inCity: boolean;
}

export const NYPD: ReportingAgency = { name: 'NEW YORK CITY POLICE DEPARTMENT', ori: 'NY0303000', inCity: true };

const AGENCIES: readonly (readonly [ReportingAgency, number])[] = [
  [NYPD, 75],
  [{ name: 'NASSAU COUNTY POLICE DEPARTMENT', ori: 'NY0280000', inCity: false }, 6],
  [{ name: 'SUFFOLK COUNTY POLICE DEPARTMENT', ori: 'NY0510000', inCity: false }, 3],
  [{ name: 'YONKERS POLICE DEPARTMENT', ori: 'NY0596500', inCity: false }, 3],
  [{ name: 'WESTCHESTER COUNTY DEPARTMENT OF PUBLIC SAFETY', ori: 'NY0590000', inCity: false }, 2],
  [{ name: 'JERSEY CITY POLICE DEPARTMENT', ori: 'NJ0090600', inCity: false }, 4],
  [{ name: 'NEWARK POLICE DEPARTMENT', ori: 'NJ0071400', inCity: false }, 3],
  [{ name: 'NEW JERSEY STATE POLICE', ori: 'NJNSP0000', inCity: false }, 2],
  [{ name: 'PORT AUTHORITY OF NY AND NJ POLICE DEPARTMENT', ori: 'NJ009015Y', inCity: false }, 2],
];

export interface SyntheticStolenProperty {
  /** NCIC-style number: `A` article, `G` gun, `V` vehicle, then nine digits. */
  id: string;
  kind: StolenPropertyKind;
  reportedOn: string;
  status: StolenPropertyStatus;
  agency: ReportingAgency;
  description: string;
  serialNumber: string | null;
  vin: string | null;
  /** The department's complaint report of the theft (`complaintAt(world, k).number`), for most NYPD entries. */
  complaintNumber: string | null;
  /**
   * [P12] The complaint's sealing, replicated with the reference: the owner's record rule is
   * applied wherever the complaint is referenced, so this source must know what the owner knows.
   */
  complaintSealed: boolean;
  complaintJuvenile: boolean;
  /** Where it was stolen: only for the department's own reports (other agencies' places are outside the city's index). */
  locationId: string | null;
}

const REPORTS_FROM = '2018-01-01';
const ID_LETTER: Record<StolenPropertyKind, string> = { ARTICLE: 'A', FIREARM: 'G', VEHICLE: 'V' };

export function stolenPropertyAt(world: World, k: number): SyntheticStolenProperty {
  const rng = new Random(world.seed, 'stolen-property', k);
  const scale = scaleOf(world);
  const agency = rng.weighted(AGENCIES);
  const complaint = agency === NYPD && rng.chance(0.85) ? theftComplaint(rng, world) : null;
  const reportedOn = complaint ? complaint.reportedAt.slice(0, 10) : rng.date(REPORTS_FROM, RECORDS_AS_OF);
  const wanted = rng.weighted([['ARTICLE', 50], ['VEHICLE', 35], ['FIREARM', 15]] as const);
  let kind: StolenPropertyKind = wanted;
  let description: string;
  let serialNumber: string | null = null;
  let vin: string | null = null;
  if (wanted === 'VEHICLE') {
    const vehicle = vehicleAt(world, skewedIndex(rng, scale.vehicles));
    vin = vehicle.vin;
    description = `${vehicle.year} ${vehicle.make} ${vehicle.model} ${vehicle.bodyType}, ${vehicle.color}, ${vehicle.plateState} PLATE ${vehicle.plate}`;
  } else {
    const item = itemOfKind(world, skewedIndex(rng, scale.propertyItems), scale.propertyItems, wanted);
    kind = item.category === 'FIREARM' ? 'FIREARM' : 'ARTICLE';
    serialNumber = item.serialNumber;
    description = `${item.make} ${item.model} ${item.description}, S/N ${item.serialNumber}`;
  }
  return {
    id: `${ID_LETTER[kind]}${sequenceOf(k, 1_000_000_000, 9)}`,
    kind,
    reportedOn,
    status: rng.weighted([['ACTIVE', 58], ['RECOVERED', kind === 'VEHICLE' ? 40 : 25], ['CANCELLED', 8]] as const),
    agency,
    description,
    serialNumber,
    vin,
    complaintNumber: complaint?.number ?? null,
    complaintSealed: complaint?.sealed ?? false,
    complaintJuvenile: complaint?.juvenile ?? false,
    locationId: complaint ? complaint.locationId : agency.inCity ? locationId(pickLocationIndex(rng, world)) : null,
  };
}

/** Larceny, robbery, burglary, unauthorized use of a vehicle: the complaints a theft is reported on. */
const THEFT = /^PL (155\.|160\.|140\.(20|25|30)|165\.05)/;

/** A theft complaint near a random one in the department's records, or null when none is close. */
function theftComplaint(rng: Random, world: World): SyntheticComplaint | null {
  const complaints = scaleOf(world).complaints;
  const start = rng.int(0, complaints - 1);
  for (let step = 0; step < Math.min(complaints, 24); step++) {
    const complaint = complaintAt(world, (start + step) % complaints);
    if (THEFT.test(complaint.offense.lawCode)) return complaint;
  }
  return null;
}

/**
 * Skewed towards the start of the pool, where the property invoices' recurring items are: the
 * serial numbers reported stolen also turn up in the department's vouchers.
 */
function skewedIndex(rng: Random, size: number): number {
  return Math.min(size - 1, Math.floor(size * rng.next() ** 1.8));
}

/** The first item from `start` on whose category fits (firearms, or anything else); else the start item. */
function itemOfKind(world: World, start: number, size: number, kind: 'ARTICLE' | 'FIREARM'): SyntheticPropertyItem {
  const first = propertyItemAt(world, start);
  for (let step = 0; step < Math.min(size, 200); step++) {
    const item = step === 0 ? first : propertyItemAt(world, (start + step) % size);
    if ((item.category === 'FIREARM') === (kind === 'FIREARM')) return item;
  }
  return first;
}
