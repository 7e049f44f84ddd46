import { Random } from './Random';
import { arrestIndicesOfComplaint } from './arrestLinks';
import { FIRST_RECORD_YEAR, RECORD_YEARS, RECORDS_AS_OF, RECORDS_END } from './recordYears';
import type { Borough } from './nyc';
import { CHARGE_WEIGHTS, type Charge } from './penalLaw';
import {
  ageOn, locationAt, locationId, nameAsRecorded, personAt, pickLocationIndex, pickPersonIndex, scaleOf,
  type SyntheticPerson, type World,
} from './world';

/**
 * Complaint reports: crimes and incidents reported to the department, 2019 to November 2026.
 *
 * An arrest on a complaint takes its date, place, charge and arrestee from the complaint as
 * reported (`reportedComplaintAt`); the complaint's status and sealing then follow from its
 * arrests (`complaintAt.ts`).
 */

export { FIRST_RECORD_YEAR, RECORD_YEARS, RECORDS_END, RECORDS_AS_OF } from './recordYears';

/** Why a record is sealed: New York's Criminal Procedure Law section. */
export type SealingStatute = 'CPL_160_50' | 'CPL_160_55' | 'CPL_160_57' | 'CPL_160_58';

export type ComplaintStatus =
  | 'OPEN' | 'CLOSED_PROSECUTION_COMPLETE' | 'CLOSED_SETTLEMENT' | 'CLOSED_NO_ARREST' | 'CLOSED_RESTITUTION_NOT_SOUGHT';
export type PartyRole = 'SUSPECT' | 'VICTIM';

export interface SyntheticComplaintParty {
  role: PartyRole;
  /** Null for a suspect nobody has identified. */
  personIndex: number | null;
  personId: string | null;
  nameAsRecorded: string;
}

export interface SyntheticComplaint {
  index: number;
  /** `YYYY-PPP-NNNNNN`: year reported, precinct, sequence. */
  number: string;
  reportedAt: string;
  occurredAt: string;
  offense: Charge;
  borough: Borough;
  precinct: number;
  locationIndex: number;
  locationId: string;
  premiseType: string;
  /** Suspects first, then victims. */
  parties: SyntheticComplaintParty[];
  /** Indices of the arrests made on this complaint (`arrestAt`). */
  arrestIndices: number[];
  /** A suspect was under 18 when it occurred. */
  juvenile: boolean;
  status: ComplaintStatus;
  sealed: boolean;
  sealingStatute: SealingStatute | null;
}

/** What a complaint says before anyone is arrested on it: everything but status and sealing. */
export type ReportedComplaint = Omit<SyntheticComplaint, 'status' | 'sealed' | 'sealingStatute'>;

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * Record `k` of a yearly-numbered source falls in year `FIRST_RECORD_YEAR + k % 8` with sequence
 * `floor(k / 8) + 1`: (year, sequence) names exactly one `k`, so numbers never collide.
 */
export const recordYearOf = (k: number) => FIRST_RECORD_YEAR + (k % RECORD_YEARS);
export const recordSequenceOf = (k: number) => Math.floor(k / RECORD_YEARS) + 1;

export function complaintNumber(year: number, precinct: number, sequence: number): string {
  return `${year}-${pad(precinct, 3)}-${pad(sequence, 6)}`;
}

/** The index `k` a complaint number was generated from, or null when it is not one of ours. */
export function complaintIndexOf(number: string): number | null {
  const match = /^(\d{4})-\d{3}-(\d{6})$/.exec(number);
  if (!match) return null;
  const year = Number(match[1]) - FIRST_RECORD_YEAR;
  const sequence = Number(match[2]);
  if (year < 0 || year >= RECORD_YEARS || sequence < 1) return null;
  return (sequence - 1) * RECORD_YEARS + year;
}

const RECORDS_END_MS = Date.parse(RECORDS_END);
const HOUR_MS = 3_600_000;

/** Start and end of daylight saving time in New York: 2 a.m. on the second Sunday of March and the first Sunday of November. */
const daylightSaving = new Map<number, readonly [number, number]>();
function daylightSavingOf(year: number): readonly [number, number] {
  let bounds = daylightSaving.get(year);
  if (!bounds) {
    const sunday = (month: number, nth: number) => 1 + ((7 - new Date(Date.UTC(year, month, 1)).getUTCDay()) % 7) + 7 * (nth - 1);
    bounds = [Date.UTC(year, 2, sunday(2, 2), 7), Date.UTC(year, 10, sunday(10, 1), 6)];
    daylightSaving.set(year, bounds);
  }
  return bounds;
}

/** The New York calendar day of an instant: the department dates its records in local time. */
export function newYorkDay(instant: string): string {
  const ms = Date.parse(instant);
  const [start, end] = daylightSavingOf(new Date(ms).getUTCFullYear());
  return new Date(ms - (ms >= start && ms < end ? 4 : 5) * HOUR_MS).toISOString().slice(0, 10);
}

/** Midnight starting New Year's Day in New York (always standard time, UTC-5). */
const newYearInNewYork = (year: number) => Date.UTC(year, 0, 1, 5);

/** An instant in `year` (New York time), never after `RECORDS_END`. */
export function instantInYear(rng: Random, year: number): string {
  const start = newYearInNewYork(year);
  const end = Math.min(newYearInNewYork(year + 1) - 1, RECORDS_END_MS);
  return new Date(start + Math.floor(rng.next() * (end - start))).toISOString();
}

/** `at` plus some minutes, kept inside `at`'s year (New York time) and before `RECORDS_END`. */
export function laterInYear(at: string, minutes: number): string {
  const from = Date.parse(at);
  const year = Number(newYorkDay(at).slice(0, 4));
  const limit = Math.max(from, Math.min(newYearInNewYork(year + 1) - 1, RECORDS_END_MS));
  return new Date(Math.min(from + minutes * 60_000, limit)).toISOString();
}

/**
 * A person at least `minimumAge` on the New York day of instant `on` (e.g. 13 for an arrest). Skewed like `pickPersonIndex`;
 * `exclude` keeps one person from filling two roles of the same record.
 */
export function pickPersonAged(
  rng: Random,
  world: World,
  minimumAge: number,
  on: string,
  exclude: ReadonlySet<number> = new Set(),
): SyntheticPerson {
  const day = newYorkDay(on);
  let index = 0;
  for (let attempt = 0; attempt < 16; attempt++) {
    index = pickPersonIndex(rng, world);
    if (exclude.has(index)) continue;
    const person = personAt(world, index);
    const age = ageOn(person.dateOfBirth, day);
    // Few people past 70 are arrested or drive in the city: keep looking a while, then accept.
    if (age >= minimumAge && (age <= 70 || attempt >= 8)) return person;
  }
  // Sixteen misses in a row are all but impossible; walk on from the last pick so the answer is still certain.
  for (let step = 1; step <= world.persons; step++) {
    const candidate = (index + step) % world.persons;
    const person = personAt(world, candidate);
    if (!exclude.has(candidate) && ageOn(person.dateOfBirth, day) >= minimumAge) return person;
  }
  throw new Error(`no person of ${world.persons} is ${minimumAge} or older on ${on}`);
}

/** Offenses with no individual victim (possession, sale, disorder, driving). */
const VICTIMLESS = /^(PL 22\d\.|PL 265\.|PL 240\.20|PL 205\.30|PL 165\.15|VTL )/;
export const PROPERTY_OFFENSE = /^PL (14[05]|155|165)\./;
/** The minimum age of criminal responsibility in New York (juvenile offenders, 13 for murder). */
export const MINIMUM_ARREST_AGE = 13;

export function reportedComplaintAt(world: World, k: number): ReportedComplaint {
  const rng = new Random(world.seed, 'complaint', k);
  const year = recordYearOf(k);
  const reportedAt = instantInYear(rng, year);
  const delayMinutes = rng.weighted([[rng.int(5, 180), 60], [rng.int(180, 2880), 30], [rng.int(2880, 43200), 10]] as const);
  const occurredAt = new Date(Date.parse(reportedAt) - delayMinutes * 60_000).toISOString();
  const locationIndex = pickLocationIndex(rng, world);
  const location = locationAt(world, locationIndex);
  const offense = rng.weighted(CHARGE_WEIGHTS);
  const arrestIndices = arrestIndicesOfComplaint(world, k);
  const used = new Set<number>();
  const parties: SyntheticComplaintParty[] = [];
  let juvenile = false;

  // Every arrest on the complaint is of one of its identified suspects (arrest slot = suspect position).
  const suspects = Math.max(rng.weighted([[0, 35], [1, 50], [2, 15]] as const), arrestIndices.length);
  for (let slot = 0; slot < suspects; slot++) {
    if (slot < arrestIndices.length || rng.chance(0.4)) {
      const person = pickPersonAged(rng, world, MINIMUM_ARREST_AGE, occurredAt, used);
      used.add(person.index);
      juvenile ||= ageOn(person.dateOfBirth, newYorkDay(occurredAt)) < 18;
      parties.push({ role: 'SUSPECT', personIndex: person.index, personId: person.id, nameAsRecorded: nameAsRecorded(rng, person) });
    } else {
      parties.push({ role: 'SUSPECT', personIndex: null, personId: null, nameAsRecorded: 'UNKNOWN' });
    }
  }
  const victims = VICTIMLESS.test(offense.lawCode) ? 0 : rng.weighted([[0, 5], [1, 80], [2, 15]] as const);
  for (let i = 0; i < victims; i++) {
    let index = pickPersonIndex(rng, world);
    for (let retry = 0; used.has(index) && retry < 8; retry++) index = pickPersonIndex(rng, world);
    if (used.has(index)) continue;
    used.add(index);
    const person = personAt(world, index);
    parties.push({ role: 'VICTIM', personIndex: index, personId: person.id, nameAsRecorded: nameAsRecorded(rng, person) });
  }

  return {
    index: k,
    number: complaintNumber(year, location.precinct, recordSequenceOf(k)),
    reportedAt,
    occurredAt,
    offense,
    borough: location.borough,
    precinct: location.precinct,
    locationIndex,
    locationId: locationId(locationIndex),
    premiseType: location.premiseType,
    parties,
    arrestIndices,
    juvenile,
  };
}

/** How many complaints the world holds. */
export const complaintCount = (world: World) => scaleOf(world).complaints;
