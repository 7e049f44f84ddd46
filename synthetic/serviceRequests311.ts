import { Random } from './Random';
import { chronologicalPlace, CALLS_UNTIL, newYorkInstant, newYorkMidnight, unmatchedName } from './calls911';
import type { Borough } from './nyc';
import { locationAt, nameAsRecorded, personAt, pickLocationIndex, pickPersonIndex, scaleOf, type World } from './world';

/**
 * 311 service requests routed to the police department, shaped like NYC Open Data's 311 records
 * (complaint type, descriptor, location type, status, resolution description), plus the requester
 * as the 311 system recorded them. `serviceRequest311At(world, k)` is a pure function of (world, k);
 * requests are laid out in index order over the days, like 911 calls.
 */

export type ServiceRequestStatus = 'OPEN' | 'IN_PROGRESS' | 'CLOSED';
export type ServiceRequestChannel = 'PHONE' | 'ONLINE' | 'MOBILE' | 'UNKNOWN';

export interface SyntheticServiceRequest311 {
  index: number;
  /** `311-` and the 311 system's unique key, increasing with time. */
  id: string;
  createdAt: string;
  closedAt: string | null;
  agency: 'NYPD';
  complaintType: string;
  descriptor: string;
  locationType: string;
  status: ServiceRequestStatus;
  resolutionDescription: string | null;
  channel: ServiceRequestChannel;
  borough: Borough;
  precinct: number;
  locationId: string;
  requesterPersonId: string | null;
  requesterNameAsRecorded: string | null;
}

const RESOLUTION = {
  noEvidence: 'The Police Department responded to the complaint and with the information available observed no evidence of the violation at that time.',
  fixed: 'The Police Department responded to the complaint and took action to fix the condition.',
  gone: 'The Police Department responded and upon arrival those responsible for the condition were gone.',
  summons: 'The Police Department issued a summons in response to the complaint.',
  notNecessary: 'The Police Department responded to the complaint and determined that police action was not necessary.',
  report: 'The Police Department responded to the complaint and a report was prepared.',
  arrest: 'The Police Department made an arrest in response to the complaint.',
  referred: 'The Police Department reviewed your complaint and referred it to the appropriate unit for further investigation.',
  duplicate: 'The Police Department responded to the complaint and determined that this complaint is a duplicate of a previously submitted complaint.',
  jurisdiction: "This complaint does not fall under the Police Department's jurisdiction.",
} as const;
type Resolution = keyof typeof RESOLUTION;

interface ComplaintKind {
  type: string;
  weight: number;
  descriptors: readonly (readonly [string, number])[];
  locationType: string;
  /** Volume at night (21:00 to 04:00) relative to the day. */
  night: number;
  /** Relative volume by month (0 = January); absent: flat. */
  season?: (month: number, year: number) => number;
  hoursToClose: readonly [number, number];
  resolutions: readonly (readonly [Resolution, number])[];
}

const R = (weights: Partial<Record<Resolution, number>>) => Object.entries(weights) as [Resolution, number][];
const NOISE = R({ noEvidence: 35, fixed: 25, gone: 25, notNecessary: 8, summons: 3, duplicate: 4 });
const PARKING = R({ summons: 35, noEvidence: 25, gone: 20, fixed: 12, duplicate: 5, notNecessary: 3 });
const SUMMER = (month: number) => (month >= 4 && month <= 8 ? 1.5 : 0.7);

const COMPLAINT_KINDS: readonly ComplaintKind[] = [
  { type: 'Noise - Residential', weight: 35, locationType: 'Residential Building/House', night: 2.5, season: SUMMER, hoursToClose: [0.3, 6], resolutions: NOISE,
    descriptors: [['Loud Music/Party', 55], ['Banging/Pounding', 30], ['Loud Talking', 10], ['Loud Television', 5]] },
  { type: 'Illegal Parking', weight: 25, locationType: 'Street/Sidewalk', night: 0.5, hoursToClose: [0.5, 5], resolutions: PARKING,
    descriptors: [['Blocked Hydrant', 20], ['Double Parked Blocking Traffic', 15], ['Double Parked Blocking Vehicle', 15],
      ['Posted Parking Sign Violation', 25], ['Commercial Overnight Parking', 8], ['Blocked Sidewalk', 12], ['Parking Permit Improper Use', 5]] },
  { type: 'Blocked Driveway', weight: 13, locationType: 'Street/Sidewalk', night: 0.6, hoursToClose: [0.5, 4], resolutions: PARKING,
    descriptors: [['No Access', 70], ['Partial Access', 30]] },
  { type: 'Noise - Street/Sidewalk', weight: 8, locationType: 'Street/Sidewalk', night: 2.5, season: SUMMER, hoursToClose: [0.3, 6], resolutions: NOISE,
    descriptors: [['Loud Music/Party', 70], ['Loud Talking', 30]] },
  { type: 'Noise - Commercial', weight: 4, locationType: 'Club/Bar/Restaurant', night: 3, hoursToClose: [0.3, 6], resolutions: NOISE,
    descriptors: [['Loud Music/Party', 70], ['Banging/Pounding', 15], ['Loud Talking', 15]] },
  { type: 'Noise - Vehicle', weight: 3, locationType: 'Street/Sidewalk', night: 2, season: SUMMER, hoursToClose: [0.3, 5], resolutions: NOISE,
    descriptors: [['Car/Truck Music', 60], ['Car/Truck Horn', 20], ['Engine Idling', 20]] },
  { type: 'Abandoned Vehicle', weight: 3, locationType: 'Street/Sidewalk', night: 0.3, hoursToClose: [12, 240],
    resolutions: R({ noEvidence: 40, jurisdiction: 20, fixed: 25, summons: 15 }),
    descriptors: [['With License Plate', 60], ['Without License Plate', 40]] },
  { type: 'Non-Emergency Police Matter', weight: 3, locationType: 'Street/Sidewalk', night: 0.8, hoursToClose: [0.5, 24],
    resolutions: R({ notNecessary: 30, fixed: 25, noEvidence: 20, report: 15, gone: 10 }),
    descriptors: [['Other (complaint details)', 60], ['Trespassing', 25], ['Loitering', 15]] },
  { type: 'Encampment', weight: 1.2, locationType: 'Street/Sidewalk', night: 0.4, hoursToClose: [1, 72],
    resolutions: R({ fixed: 40, gone: 30, noEvidence: 20, notNecessary: 10 }), descriptors: [['Encampment', 1]] },
  { type: 'Noise - Park', weight: 1, locationType: 'Park/Playground', night: 2, season: SUMMER, hoursToClose: [0.3, 5], resolutions: NOISE,
    descriptors: [['Loud Music/Party', 75], ['Loud Talking', 25]] },
  { type: 'Drug Activity', weight: 0.8, locationType: 'Residential Building/House', night: 1, hoursToClose: [24, 336],
    resolutions: R({ referred: 60, noEvidence: 30, arrest: 10 }),
    descriptors: [['Use Indoor', 35], ['Use Outside', 35], ['Sale Indoor', 15], ['Sale Outside', 15]] },
  { type: 'Illegal Fireworks', weight: 0.6, locationType: 'Street/Sidewalk', night: 4, hoursToClose: [0.3, 4],
    // June and July, and the summer of 2020 above all.
    season: (month, year) => (month === 5 || month === 6 ? (year === 2020 ? 60 : 15) : 0.2),
    resolutions: R({ gone: 45, noEvidence: 45, fixed: 10 }), descriptors: [['N/A', 1]] },
  { type: 'Vending', weight: 0.5, locationType: 'Street/Sidewalk', night: 0.3, hoursToClose: [1, 24],
    resolutions: R({ fixed: 35, gone: 35, summons: 20, noEvidence: 10 }), descriptors: [['Unlicensed', 70], ['In Prohibited Area', 30]] },
  { type: 'Animal-Abuse', weight: 0.4, locationType: 'Residential Building/House', night: 0.5, hoursToClose: [2, 72],
    resolutions: R({ noEvidence: 50, referred: 30, fixed: 20 }), descriptors: [['Neglected', 40], ['Chained', 20], ['No Shelter', 20], ['In Car', 20]] },
  { type: 'Drinking', weight: 0.3, locationType: 'Street/Sidewalk', night: 2, season: SUMMER, hoursToClose: [0.5, 6],
    resolutions: R({ gone: 40, fixed: 30, summons: 20, noEvidence: 10 }), descriptors: [['In Public', 85], ['Underage - Licensed Est', 15]] },
  { type: 'Panhandling', weight: 0.3, locationType: 'Street/Sidewalk', night: 0.3, hoursToClose: [0.5, 12],
    resolutions: R({ gone: 45, noEvidence: 35, notNecessary: 20 }), descriptors: [['N/A', 1]] },
  { type: 'Traffic', weight: 0.3, locationType: 'Street/Sidewalk', night: 1.5, hoursToClose: [0.5, 12],
    resolutions: R({ noEvidence: 45, fixed: 25, summons: 30 }), descriptors: [['Drag Racing', 40], ['Truck Route Violation', 30], ['Congestion/Gridlock', 30]] },
  { type: 'Noise - House of Worship', weight: 0.2, locationType: 'House of Worship', night: 0.5, hoursToClose: [0.5, 6], resolutions: NOISE,
    descriptors: [['Loud Music/Party', 60], ['Loud Talking', 40]] },
];

/** The complaint types 311 routes to the police department, in the open data's spelling. */
export const COMPLAINT_TYPES: readonly string[] = COMPLAINT_KINDS.map((kind) => kind.type);

// Citywide NYPD 311 volume by local hour: it peaks late at night, with the noise complaints.
const HOURLY_311 = [80, 65, 45, 30, 20, 14, 14, 20, 30, 36, 38, 40, 42, 44, 46, 50, 55, 60, 66, 72, 80, 90, 100, 95];
// 311 unique keys run from about 41 million (2019) to about 65 million (late 2026).
const FIRST_KEY = 41_000_000;
const KEY_SPAN = 24_000_000;

export function serviceRequest311At(world: World, k: number): SyntheticServiceRequest311 {
  const rng = new Random(world.seed, 'service-request-311', k);
  const total = scaleOf(world).serviceRequests311;
  const place = chronologicalPlace(rng, k, total, 1);
  const created = newYorkInstant(place.date, place.fraction, HOURLY_311);
  const hour = Math.floor((created - newYorkMidnight(place.date)) / 3_600_000);
  const night = hour >= 21 || hour < 4;
  const [year, month] = place.date.split('-').map(Number) as [number, number];
  const kind = rng.weighted(COMPLAINT_KINDS.map((each) => [each, each.weight * (night ? each.night : 1) * (each.season?.(month - 1, year) ?? 1)] as const));
  const descriptor = kind.type === 'Non-Emergency Police Matter' && (year === 2020 || year === 2021) && rng.chance(0.3)
    ? 'Social Distancing'
    : rng.weighted(kind.descriptors);

  const requester = requesterOf(rng, world);
  // A neighbour complains about the noise in their own building.
  const locationIndex = kind.type === 'Noise - Residential' && requester.homeLocationIndex !== null && rng.chance(0.5)
    ? requester.homeLocationIndex
    : pickLocationIndex(rng, world);
  const location = locationAt(world, locationIndex);

  const [minHours, maxHours] = kind.hoursToClose;
  const closing = created + Math.round((minHours + (maxHours - minHours) * rng.next() ** 2) * 3600) * 1000;
  const now = newYorkMidnight(CALLS_UNTIL);
  // A small backlog is never closed; requests still being worked at the world's end are open.
  const stale = rng.chance(0.015);
  const status: ServiceRequestStatus = stale ? 'IN_PROGRESS' : closing <= now ? 'CLOSED' : now - created < 3_600_000 ? 'OPEN' : 'IN_PROGRESS';
  const resolution = rng.weighted(kind.resolutions);
  const spacing = Math.max(1, Math.floor(KEY_SPAN / total));
  return {
    index: k,
    id: `311-${FIRST_KEY + k * spacing + Math.floor(rng.next() * spacing)}`,
    createdAt: new Date(created).toISOString(),
    closedAt: status === 'CLOSED' ? new Date(closing).toISOString() : null,
    agency: 'NYPD',
    complaintType: kind.type,
    descriptor,
    locationType: kind.locationType,
    status,
    resolutionDescription: status === 'CLOSED' ? RESOLUTION[resolution] : null,
    channel: rng.weighted([['PHONE', 35], ['MOBILE', 35], ['ONLINE', 25], ['UNKNOWN', 5]] as const),
    borough: location.borough,
    precinct: location.precinct,
    locationId: location.id,
    requesterPersonId: requester.personId,
    requesterNameAsRecorded: requester.name,
  };
}

interface Requester {
  personId: string | null;
  name: string | null;
  homeLocationIndex: number | null;
}

function requesterOf(rng: Random, world: World): Requester {
  const roll = rng.next();
  if (roll < 0.5) {
    const person = personAt(world, pickPersonIndex(rng, world));
    return { personId: person.id, name: nameAsRecorded(rng, person), homeLocationIndex: person.homeLocationIndex };
  }
  if (roll < 0.7) return { personId: null, name: unmatchedName(rng), homeLocationIndex: null };
  // Anonymous: 311 takes complaints without contact information.
  return { personId: null, name: null, homeLocationIndex: null };
}
