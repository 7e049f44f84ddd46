import { Random } from './Random';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from './names';
import { BOROUGHS, type Borough } from './nyc';
import {
  locationAt, nameAsRecorded, personAt, pickLocationIndex, pickPersonIndex, scaleOf, type SyntheticLocation, type World,
} from './world';

/**
 * 911 calls as the department's computer-aided dispatch (ICAD) records them: event number, radio
 * code, priority, the dispatch timeline, caller, persons named in the call and radio disposition.
 * `call911At(world, k)` is a pure function of (world, k): any process can compute call k.
 *
 * Calls are laid out in index order over the days (see `chronologicalPlace`), so a call's ICAD
 * sequence number can be computed without generating the rest of its day.
 */

/** Calls and service requests fall on New York days from the first up to (not including) the second. */
export const CALLS_FROM = '2019-01-01';
export const CALLS_UNTIL = '2026-11-01';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const DAYS = (Date.parse(CALLS_UNTIL) - Date.parse(CALLS_FROM)) / DAY_MS;

export interface PlaceInTime {
  /** The New York day, `YYYY-MM-DD`. */
  date: string;
  /** 0-based number within the day, increasing with time; days are numbered up to about `dailyVolume`. */
  ordinal: number;
  /** How far into the day's traffic the record falls, 0..1 (increasing with `ordinal`). */
  fraction: number;
}

/**
 * Where record k of `total` falls: records are spread evenly over the days in index order, so the
 * records of a day are a known index range and their ordinals are increasing and distinct.
 */
export function chronologicalPlace(rng: Random, k: number, total: number, dailyVolume: number): PlaceInTime {
  const day = Math.floor((k * DAYS) / total);
  const first = Math.ceil((day * total) / DAYS);
  const count = Math.ceil(((day + 1) * total) / DAYS) - first;
  const spacing = Math.max(1, Math.floor(dailyVolume / count));
  const ordinal = (k - first) * spacing + Math.floor(rng.next() * spacing);
  return {
    date: new Date(Date.parse(CALLS_FROM) + day * DAY_MS).toISOString().slice(0, 10),
    ordinal,
    fraction: (ordinal + rng.next()) / (count * spacing),
  };
}

/** The instant of New York midnight starting `date` (DST: second Sunday of March to first Sunday of November). */
export function newYorkMidnight(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(year, month - 1, day);
  const daylight = midnight > nthSunday(year, 2, 2) && midnight <= nthSunday(year, 10, 1);
  return midnight + (daylight ? 4 : 5) * HOUR_MS;
}

function nthSunday(year: number, month: number, n: number): number {
  const weekday = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return Date.UTC(year, month, 1 + ((7 - weekday) % 7) + 7 * (n - 1));
}

/**
 * The instant `fraction` of the way through a New York day's traffic, given the relative volume of
 * each local hour. Monotonic in `fraction`, so sequence numbers and times agree. Whole seconds.
 */
export function newYorkInstant(date: string, fraction: number, hourlyVolume: readonly number[]): number {
  const start = newYorkMidnight(date);
  const next = new Date(Date.parse(date) + DAY_MS).toISOString().slice(0, 10);
  const dayLength = newYorkMidnight(next) - start;
  let target = fraction * hourlyVolume.reduce((sum, volume) => sum + volume, 0);
  let hours = 23.9999;
  for (let hour = 0; hour < hourlyVolume.length; hour++) {
    const volume = hourlyVolume[hour] as number;
    if (target < volume) {
      hours = hour + target / volume;
      break;
    }
    target -= volume;
  }
  return start + Math.floor(((hours / 24) * dayLength) / 1000) * 1000;
}

// Citywide 911 volume by local hour: quiet before dawn, busiest in the evening.
const HOURLY_911 = [55, 45, 38, 30, 24, 20, 22, 30, 40, 48, 52, 55, 58, 60, 62, 66, 70, 72, 72, 70, 68, 66, 62, 58];
// Roughly the city's daily 911 volume, so event sequence numbers look like ICAD's.
const DAILY_911 = 25_000;

export const DISPOSITIONS = {
  '90C': 'CONDITION CORRECTED',
  '90X': 'UNNECESSARY',
  '90Y': 'UNFOUNDED',
  '90Z': 'GONE ON ARRIVAL',
  '92C': 'ARREST MADE',
  '93Q': 'NO ACTION',
  '93R': 'REPORT PREPARED',
} as const;
export type DispositionCode = keyof typeof DISPOSITIONS;

export type CallPersonRole = 'SUBJECT' | 'VICTIM' | 'AIDED' | 'PARTY' | 'WITNESS';

interface IncidentKind {
  code: string;
  text: string;
  weight: number;
  priority: number;
  /** Happens mostly on the street rather than indoors. */
  outdoor: boolean;
  dispositions: readonly (readonly [DispositionCode, number])[];
  /** Roles of the persons a caller may name, each with its chance of being named. */
  named: readonly (readonly [CallPersonRole, number])[];
  narrative: (rng: Random, at: SyntheticLocation) => string;
}

const DIRECTIONS = ['N/B', 'S/B', 'E/B', 'W/B'];
const CLOTHING = ['BLK HOODIE', 'RED JACKET', 'GRY SWEATS', 'BLUE JEANS', 'WHT T-SHIRT', 'GRN JACKET', 'BLK SKI MASK', 'CAMO PANTS'];
const ITEMS = ['CELL PHONE', 'WALLET', 'GOLD CHAIN', 'BICYCLE', 'LAPTOP', 'HANDBAG', 'AIRPODS', 'PACKAGE'];
const RELATIONS = ['BOYFRIEND', 'GIRLFRIEND', 'SON', 'DAUGHTER', 'BROTHER', 'ROOMMATE', 'NEIGHBOR', 'LANDLORD', 'EX-HUSBAND', 'MOTHER'];

const perp = (rng: Random) => `${rng.pick(['MALE', 'MALE', 'MALE', 'FEMALE'])} ${rng.pick(['TEENS', '20S', '30S', '40S'])} ${rng.pick(CLOTHING)}`;
const fled = (rng: Random, at: SyntheticLocation) =>
  `FLED ${rng.pick(DIRECTIONS)} ON ${rng.chance(0.5) ? at.street : rng.pick(boroughStreets(at.borough))}`;
const boroughStreets = (borough: Borough) => BOROUGHS.find((b) => b.name === borough)?.streets ?? ['UNKNOWN STREET'];

const D = (codes: Partial<Record<DispositionCode, number>>) => Object.entries(codes) as [DispositionCode, number][];

const INCIDENT_KINDS: readonly IncidentKind[] = [
  {
    code: '10-52', text: 'DISPUTE', weight: 20, priority: 5, outdoor: false,
    dispositions: D({ '90C': 35, '93Q': 30, '93R': 20, '90Z': 10, '92C': 5 }), named: [['PARTY', 0.85], ['PARTY', 0.4]],
    narrative: (rng) => rng.pick([
      `CALLER STATES VERBAL DISPUTE WITH ${rng.pick(RELATIONS)}, NO WEAPONS`,
      `C/V STATES ${rng.pick(RELATIONS)} REFUSING TO LEAVE APT, YELLING`,
      'NEIGHBOR DISPUTE OVER NOISE, BOTH PARTIES IN HALLWAY',
      `DISPUTE W/ ${rng.pick(RELATIONS)} OVER PROPERTY, CALLER REQ POLICE`,
    ]),
  },
  {
    code: '10-54', text: 'AMBULANCE CASE', weight: 10, priority: 4, outdoor: false,
    dispositions: D({ '93R': 45, '90C': 30, '93Q': 15, '90Z': 10 }), named: [['AIDED', 0.8]],
    narrative: (rng) => `${rng.int(18, 90)} YOA ${rng.pick(['MALE', 'FEMALE'])} ${rng.pick([
      'UNCONSCIOUS', 'DIFFICULTY BREATHING', 'FELL, HEAD INJURY', 'CHEST PAINS', 'INTOXICATED, UNRESPONSIVE', 'SEIZURE',
    ])}, EMS REQ`,
  },
  {
    code: '10-53', text: 'VEHICLE ACCIDENT', weight: 8, priority: 5, outdoor: true,
    dispositions: D({ '93R': 60, '90C': 20, '90Z': 10, '93Q': 10 }), named: [['PARTY', 0.6], ['PARTY', 0.4]],
    narrative: (rng) => rng.pick([
      `2 VEH COLLISION, ${rng.pick(['NO INJ', 'MINOR INJ', 'ONE PERSON INJURED', 'VEH BLOCKING LANE'])}`,
      'VEH VS PED, EMS NOTIFIED',
      'VEH STRUCK PARKED CAR, DRIVER STILL ON SCENE',
      `HIT AND RUN, OTHER VEH ${rng.pick(['BLK SEDAN', 'WHT VAN', 'GRY SUV'])} FLED ${rng.pick(DIRECTIONS)}`,
    ]),
  },
  {
    code: '10-11', text: 'ALARM', weight: 8, priority: 7, outdoor: false,
    dispositions: D({ '90Y': 55, '90C': 25, '90Z': 10, '93Q': 10 }), named: [],
    narrative: (rng) => `ALARM CO REPORTS ${rng.pick(['FRONT DOOR', 'REAR DOOR', 'MOTION SENSOR', 'PANIC', 'GLASS BREAK'])} ACTIVATION, ${rng.pick(['NO KEYHOLDER', 'KEYHOLDER ENRT', 'NO ANSWER ON PREMISES'])}`,
  },
  {
    code: '10-39', text: 'OTHER CRIME IN PROGRESS', weight: 8, priority: 5, outdoor: true,
    dispositions: D({ '90Y': 25, '90Z': 25, '93Q': 25, '93R': 15, '92C': 10 }), named: [['SUBJECT', 0.3]],
    narrative: (rng, at) => rng.pick([
      'CALLER REPORTS PERSONS BREAKING INTO PARKED VEH',
      `GROUP VANDALIZING STOREFRONT ON ${at.street}`,
      `${perp(rng)} TRYING DOOR HANDLES OF PARKED CARS`,
    ]),
  },
  {
    code: '10-34', text: 'ASSAULT IN PROGRESS', weight: 7, priority: 3, outdoor: true,
    dispositions: D({ '90Z': 20, '93Q': 20, '93R': 40, '92C': 15, '90C': 5 }), named: [['VICTIM', 0.6], ['SUBJECT', 0.35]],
    narrative: (rng, at) => rng.pick([
      `CALLER STATES ${perp(rng)} PUNCHING MALE IN FRONT OF LOC`,
      `FIGHT IN PROGRESS APPROX ${rng.int(3, 10)} PERSONS INVOLVED`,
      `C/V STATES STRUCK WITH ${rng.pick(['BOTTLE', 'BAT', 'FISTS', 'BELT'])}, PERP ${fled(rng, at)}`,
    ]),
  },
  {
    code: 'EDP', text: 'EMOTIONALLY DISTURBED PERSON', weight: 6, priority: 4, outdoor: false,
    dispositions: D({ '93R': 50, '90C': 20, '93Q': 15, '90Z': 15 }), named: [['AIDED', 0.85]],
    narrative: (rng) => rng.pick([
      `CALLER STATES ${rng.pick(RELATIONS)} ACTING IRRATIONAL, THREATENING SELF, NO WEAPONS`,
      `NON-VIOLENT EDP REFUSING TO LEAVE ${rng.pick(['LOBBY', 'STORE', 'VESTIBULE', 'SUBWAY CAR'])}`,
      `EDP ${rng.pick(['OFF MEDS', 'YELLING AT PASSERSBY', 'UNDRESSED IN STREET'])}, EMS REQ`,
    ]),
  },
  {
    code: '10-22', text: 'LARCENY', weight: 6, priority: 8, outdoor: false,
    dispositions: D({ '93R': 75, '93Q': 15, '90Z': 10 }), named: [['SUBJECT', 0.2]],
    narrative: (rng) => `C/V STATES ${rng.pick(ITEMS)} STOLEN FROM ${rng.pick(['PARKED VEH', 'LOBBY', 'TABLE IN STORE', 'GYM LOCKER', 'DOORSTEP'])}, ${rng.pick(['NO SUSPECT INFO', 'HAS VIDEO', 'KNOWS PERP'])}`,
  },
  {
    code: '10-50', text: 'DISORDERLY GROUP', weight: 4, priority: 6, outdoor: true,
    dispositions: D({ '90C': 35, '90Z': 35, '93Q': 20, '90Y': 10 }), named: [['SUBJECT', 0.2]],
    narrative: (rng) => `GROUP OF APPROX ${rng.int(4, 20)} ${rng.pick(['YOUTHS', 'MALES', 'PERSONS'])} ${rng.pick(['BLOCKING ENTRANCE', 'FIGHTING', 'DRINKING AND YELLING', 'THROWING BOTTLES'])}`,
  },
  {
    code: '10-21', text: 'PAST BURGLARY', weight: 3, priority: 7, outdoor: false,
    dispositions: D({ '93R': 75, '93Q': 15, '90Y': 10 }), named: [['VICTIM', 0.5]],
    narrative: (rng) => `C/V STATES APT BURGLARIZED ${rng.pick(['WHILE AT WORK', 'OVERNIGHT', 'WHILE AWAY'])}, ${rng.pick(['DOOR PRIED', 'WINDOW BROKEN', 'NO SIGN OF FORCED ENTRY'])}`,
  },
  {
    code: '10-24', text: 'PAST ASSAULT', weight: 3, priority: 6, outdoor: false,
    dispositions: D({ '93R': 70, '93Q': 20, '90Z': 10 }), named: [['VICTIM', 0.5], ['SUBJECT', 0.5]],
    narrative: (rng) => `C/V STATES ASSAULTED BY ${rng.pick(['KNOWN PERSON', 'UNKNOWN MALE', rng.pick(RELATIONS)])} EARLIER, ${rng.pick(['MINOR INJ', 'REFUSED MEDICAL ATTN', 'BRUISING TO FACE'])}`,
  },
  {
    code: '10-31', text: 'BURGLARY IN PROGRESS', weight: 3, priority: 3, outdoor: false,
    dispositions: D({ '90Y': 35, '90Z': 20, '93R': 30, '92C': 10, '93Q': 5 }), named: [['SUBJECT', 0.1]],
    narrative: (rng) => `CALLER REPORTS UNK PERSON INSIDE ${rng.pick(['APT', 'BASEMENT', 'CLOSED STORE', 'NEIGHBORS APT'])}, ${rng.pick(['POSS FORCED ENTRY', 'HEARD GLASS BREAK', 'DOOR AJAR'])}`,
  },
  {
    code: '10-30', text: 'ROBBERY IN PROGRESS', weight: 3, priority: 2, outdoor: true,
    dispositions: D({ '90Z': 20, '90Y': 15, '93R': 45, '92C': 15, '93Q': 5 }), named: [['VICTIM', 0.6], ['SUBJECT', 0.1]],
    narrative: (rng, at) => `C/V STATES ${perp(rng)} TOOK ${rng.pick(ITEMS)} BY FORCE, ${fled(rng, at)}`,
  },
  {
    code: '10-20', text: 'PAST ROBBERY', weight: 2, priority: 5, outdoor: true,
    dispositions: D({ '93R': 75, '93Q': 15, '90Z': 10 }), named: [['VICTIM', 0.6]],
    narrative: (rng) => `C/V STATES ${rng.pick(ITEMS)} TAKEN BY FORCE APPROX ${rng.int(10, 90)} MINS AGO, ${perp(rng)}`,
  },
  {
    code: '10-10', text: 'SHOTS FIRED', weight: 2, priority: 2, outdoor: true,
    dispositions: D({ '90Y': 40, '90Z': 20, '93Q': 15, '93R': 20, '92C': 5 }), named: [['SUBJECT', 0.15]],
    narrative: (rng) => rng.pick([
      `C/V REPORTS ${rng.int(2, 8)} SHOTS HEARD IN FRONT OF LOC, NO INJ REPORTED`,
      'MULTIPLE CALLERS REPORT SHOTS FIRED IN VIC',
      `SHOTSPOTTER ACTIVATION ${rng.int(2, 12)} ROUNDS`,
    ]),
  },
  {
    code: '10-32', text: 'MAN WITH A GUN', weight: 1, priority: 1, outdoor: true,
    dispositions: D({ '90Y': 35, '90Z': 25, '93Q': 15, '93R': 15, '92C': 10 }), named: [['SUBJECT', 0.2]],
    narrative: (rng, at) => `CALLER STATES ${perp(rng)} DISPLAYED FIREARM, ${fled(rng, at)}`,
  },
];

/** The radio codes calls carry, e.g. `10-34` → `ASSAULT IN PROGRESS`. */
export const INCIDENT_TYPES: ReadonlyMap<string, string> = new Map(INCIDENT_KINDS.map((kind) => [kind.code, kind.text]));

export interface InvolvedPerson {
  /** The master person index id when the name was matched to a person. */
  personId: string | null;
  nameAsRecorded: string;
  role: CallPersonRole;
}

export interface SyntheticCall911 {
  index: number;
  /** ICAD event number: `E`, YYMMDD of the New York day, 5-digit sequence of the day. */
  id: string;
  receivedAt: string;
  dispatchedAt: string | null;
  arrivedAt: string | null;
  closedAt: string;
  incidentCode: string;
  /** Radio code and text, e.g. `10-34 ASSAULT IN PROGRESS`. */
  incidentType: string;
  priority: number;
  borough: Borough;
  precinct: number;
  locationId: string;
  callerPersonId: string | null;
  callerNameAsRecorded: string | null;
  callerPhone: string | null;
  involvedPersons: InvolvedPerson[];
  dispositionCode: DispositionCode;
  disposition: string;
  narrative: string;
  respondingUnit: string | null;
}

const ALARM_COMPANIES = ['ADT', 'VECTOR SECURITY', 'BRINKS HOME', 'ALLIED UNIVERSAL', 'GUARDIAN ALARM', 'SIMPLISAFE'];

export function call911At(world: World, k: number): SyntheticCall911 {
  const rng = new Random(world.seed, 'call911', k);
  const place = chronologicalPlace(rng, k, scaleOf(world).calls911, DAILY_911);
  const received = newYorkInstant(place.date, place.fraction, HOURLY_911);
  const kind = rng.weighted(INCIDENT_KINDS.map((each) => [each, each.weight] as const));
  const priority = rng.chance(0.15) ? Math.min(9, Math.max(1, kind.priority + rng.pick([-1, 1]))) : kind.priority;
  const location = callLocation(rng, world, kind.outdoor);
  const caller = callerOf(rng, world, kind);
  const taken = new Set(caller.personId ? [caller.personId] : []);
  const involvedPersons = kind.named.filter(([, chance]) => rng.chance(chance)).map(([role]) => namedPerson(rng, world, role, taken));

  // A few jobs are cancelled before dispatch (caller called back) or while the unit is en route.
  const cancelled = priority > 2 && rng.chance(0.03) ? 'before dispatch' : rng.chance(0.03) ? 'en route' : null;
  const dispositionCode: DispositionCode = cancelled ? '90X' : rng.weighted(kind.dispositions);
  const dispatched = cancelled === 'before dispatch' ? null : received + seconds(rng, ...DISPATCH_MINUTES(priority));
  const arrived = dispatched === null || cancelled ? null : dispatched + seconds(rng, ...TRAVEL_MINUTES(priority));
  const closed = (arrived ?? dispatched ?? received) + seconds(rng, ...(arrived === null ? [2, 30] as const : ON_SCENE_MINUTES[dispositionCode]));
  const [, yy, mm, dd] = /^\d\d(\d\d)-(\d\d)-(\d\d)$/.exec(place.date) as RegExpExecArray;
  return {
    index: k,
    id: `E${yy}${mm}${dd}${String(place.ordinal + 1).padStart(5, '0')}`,
    receivedAt: iso(received),
    dispatchedAt: dispatched === null ? null : iso(dispatched),
    arrivedAt: arrived === null ? null : iso(arrived),
    closedAt: iso(closed),
    incidentCode: kind.code,
    incidentType: `${kind.code} ${kind.text}`,
    priority,
    borough: location.borough,
    precinct: location.precinct,
    locationId: location.id,
    callerPersonId: caller.personId,
    callerNameAsRecorded: caller.name,
    callerPhone: caller.phone,
    involvedPersons,
    dispositionCode,
    disposition: `${dispositionCode} ${DISPOSITIONS[dispositionCode]}`,
    narrative: kind.narrative(rng, location),
    respondingUnit: dispatched === null ? null : respondingUnit(rng, location),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Whole seconds, at least one, skewed towards the short end of [min, max] minutes. */
function seconds(rng: Random, min: number, max: number): number {
  return Math.max(1, Math.round((min + (max - min) * rng.next() ** 2) * 60)) * 1000;
}

const DISPATCH_MINUTES = (priority: number): [number, number] =>
  priority <= 2 ? [0.3, 3] : priority <= 4 ? [1, 12] : priority <= 6 ? [2, 40] : [5, 120];
const TRAVEL_MINUTES = (priority: number): [number, number] =>
  priority <= 2 ? [2, 9] : priority <= 4 ? [3, 15] : priority <= 6 ? [4, 25] : [5, 35];
const ON_SCENE_MINUTES: Record<DispositionCode, readonly [number, number]> = {
  '90X': [2, 10], '90Y': [3, 20], '90Z': [3, 15], '93Q': [5, 40], '90C': [10, 60], '93R': [25, 120], '92C': [45, 240],
};

function callLocation(rng: Random, world: World, outdoor: boolean): SyntheticLocation {
  let location = locationAt(world, pickLocationIndex(rng, world));
  for (let tries = 0; outdoor && location.premiseType !== 'STREET' && tries < 2; tries++) {
    location = locationAt(world, pickLocationIndex(rng, world));
  }
  return location;
}

interface Caller {
  personId: string | null;
  name: string | null;
  phone: string | null;
}

function callerOf(rng: Random, world: World, kind: IncidentKind): Caller {
  if (kind.code === '10-11') {
    return { personId: null, name: `${rng.pick(ALARM_COMPANIES)} CENTRAL STATION`, phone: `${rng.pick(['800', '888', '877'])}${rng.int(200, 999)}${rng.digits(4)}` };
  }
  const roll = rng.next();
  if (roll < 0.645) {
    const person = personAt(world, pickPersonIndex(rng, world));
    return { personId: person.id, name: nameAsRecorded(rng, person), phone: rng.chance(0.85) ? person.phone : randomPhone(rng) };
  }
  if (roll < 0.86) return { personId: null, name: unmatchedName(rng), phone: randomPhone(rng) };
  // Anonymous: no name given; the number is often blocked.
  return { personId: null, name: null, phone: rng.chance(0.5) ? randomPhone(rng) : null };
}

/** A person the caller named: matched to the index three times in four, never the same person twice in a call. */
function namedPerson(rng: Random, world: World, role: CallPersonRole, taken: Set<string>): InvolvedPerson {
  if (rng.chance(0.75)) {
    for (let tries = 0; tries < 3; tries++) {
      const person = personAt(world, pickPersonIndex(rng, world));
      if (taken.has(person.id)) continue;
      taken.add(person.id);
      return { personId: person.id, nameAsRecorded: nameAsRecorded(rng, person), role };
    }
  }
  return { personId: null, nameAsRecorded: unmatchedName(rng), role };
}

/** A name nobody matched to the index; call takers write `LNU` when the last name is unknown. */
export function unmatchedName(rng: Random): string {
  const first = rng.pick(rng.chance(0.5) ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES);
  return `${first} ${rng.chance(0.12) ? 'LNU' : rng.pick(LAST_NAMES)}`;
}

export function randomPhone(rng: Random): string {
  return `${rng.pick(['212', '718', '347', '646', '917', '929'])}${rng.int(200, 999)}${rng.digits(4)}`;
}

// Housing Bureau service areas and Transit Bureau districts answering in each borough.
const HOUSING_PSAS: Record<Borough, readonly number[]> = {
  MANHATTAN: [4, 5, 6], BRONX: [7, 8], BROOKLYN: [1, 2, 3], QUEENS: [9], STATEN_ISLAND: [1],
};
const TRANSIT_DISTRICTS: Record<Borough, readonly number[]> = {
  MANHATTAN: [1, 2, 3, 4], BRONX: [11, 12], BROOKLYN: [30, 32, 33, 34], QUEENS: [20, 23], STATEN_ISLAND: [33],
};

function respondingUnit(rng: Random, at: SyntheticLocation): string {
  const sector = rng.pick(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
  if (at.premiseType === 'RESIDENCE - PUBLIC HOUSING' && rng.chance(0.7)) return `PSA ${rng.pick(HOUSING_PSAS[at.borough])} SECT ${sector}`;
  if (at.premiseType === 'TRANSIT - NYC SUBWAY' && rng.chance(0.7)) return `TD ${rng.pick(TRANSIT_DISTRICTS[at.borough])} SECT ${sector}`;
  const precinct = String(at.precinct).padStart(3, '0');
  return rng.chance(0.08) ? `RMP ${precinct} SGT` : `RMP ${precinct} SECT ${sector}`;
}
