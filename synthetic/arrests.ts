import { Random } from './Random';
import {
  MINIMUM_ARREST_AGE, RECORDS_AS_OF, RECORD_YEARS, instantInYear, laterInYear, newYorkDay, pickPersonAged, recordYearOf,
  reportedComplaintAt, type ReportedComplaint, type SealingStatute,
} from './complaints';
import { complaintIndexOfArrest } from './arrestLinks';

export { arrestIndicesOfComplaint, complaintIndexOfArrest } from './arrestLinks';
import { BOROUGHS, type Borough } from './nyc';
import { CHARGE_WEIGHTS, type Charge, type LawCategory, type OffenseClass } from './penalLaw';
import {
  ageOn, locationAt, locationId, nameAsRecorded, officerAt, personAt, pickLocationIndex, scaleOf,
  type SyntheticOfficer, type SyntheticPerson, type World,
} from './world';

/** Arrests, each of one person, most (about 70%) on a complaint. */

export type ArrestDisposition =
  | 'PENDING' | 'CONVICTED' | 'PLEADED_GUILTY' | 'DISMISSED' | 'ACQUITTED' | 'DECLINED_TO_PROSECUTE'
  | 'ADJOURNED_IN_CONTEMPLATION_OF_DISMISSAL';
export type { SealingStatute } from './complaints';

export interface SyntheticArrest {
  index: number;
  /** Borough letter, 2-digit year, 6 digits: `K25612345`. */
  number: string;
  arrestedAt: string;
  personIndex: number;
  personId: string;
  nameAsRecorded: string;
  nysid: string;
  /** Top charge first. */
  charges: Charge[];
  officer: SyntheticOfficer;
  command: string;
  borough: Borough;
  precinct: number;
  locationIndex: number;
  locationId: string;
  complaintIndex: number | null;
  complaintNumber: string | null;
  ageAtArrest: number;
  disposition: ArrestDisposition;
  /** Under 18 at arrest (juvenile or adolescent offender). */
  juvenile: boolean;
  sealed: boolean;
  sealingStatute: SealingStatute | null;
}

/** An affine map with a multiplier prime to 10^6 is one-to-one on 6 digits: numbers look issued, not counted. */
const scrambled6 = (n: number) => (n * 387_413 + 524_287) % 1_000_000;

export function arrestNumber(borough: Borough, year: number, k: number): string {
  const code = BOROUGHS.find((b) => b.name === borough)!.code;
  return `${code}${String(year % 100).padStart(2, '0')}${String(scrambled6(Math.floor(k / RECORD_YEARS))).padStart(6, '0')}`;
}

/** Fingerprinting at arrest gives every arrestee a NYSID; persons never fingerprinted before get one now. */
export function arresteeNysid(world: World, person: SyntheticPerson): string {
  if (person.nysid) return person.nysid;
  const rng = new Random(world.seed, 'nysid', person.index);
  return `${rng.digits(8)}${rng.pick(['H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R', 'Y', 'Z'])}`;
}

const SEVERITY: readonly OffenseClass[] = [
  'VIOLATION', 'B_MISDEMEANOR', 'UNCLASSIFIED_MISDEMEANOR', 'A_MISDEMEANOR', 'E_FELONY', 'D_FELONY', 'C_FELONY', 'B_FELONY', 'A_FELONY',
];
const severityOf = (charge: Charge) => SEVERITY.indexOf(charge.offenseClass);

/** The top charge, then lesser charges of the same arrest (never a graver one: the top charge is the gravest). */
function chargesOf(rng: Random, top: Charge): Charge[] {
  const count = rng.weighted([[1, 55], [2, 30], [3, 15]] as const);
  const lesser = CHARGE_WEIGHTS.filter(([charge]) => charge !== top && severityOf(charge) <= severityOf(top));
  const charges = [top];
  for (let attempt = 0; charges.length < count && lesser.length > 0 && attempt < 6; attempt++) {
    const charge = rng.weighted(lesser);
    if (!charges.includes(charge)) charges.push(charge);
  }
  return charges;
}

/** The world's officers by precinct and borough, built once per world (officers are about 1% of persons). */
const officerRosters = new Map<string, { byPrecinct: Map<number, number[]>; byBorough: Map<Borough, number[]> }>();

function rosterOf(world: World) {
  const key = `${world.seed}:${world.persons}`;
  let roster = officerRosters.get(key);
  if (!roster) {
    roster = { byPrecinct: new Map(), byBorough: new Map() };
    for (let index = 0; index < scaleOf(world).officers; index++) {
      const officer = officerAt(world, index);
      const borough = BOROUGHS.find((b) => b.precincts.includes(officer.precinct))!.name;
      if (!roster.byPrecinct.has(officer.precinct)) roster.byPrecinct.set(officer.precinct, []);
      if (!roster.byBorough.has(borough)) roster.byBorough.set(borough, []);
      roster.byPrecinct.get(officer.precinct)!.push(index);
      roster.byBorough.get(borough)!.push(index);
    }
    officerRosters.set(key, roster);
  }
  return roster;
}

/** An officer of the precinct where the arrest was made, else of its borough (small worlds leave precincts unstaffed). */
function officerFor(rng: Random, world: World, borough: Borough, precinct: number): SyntheticOfficer {
  const roster = rosterOf(world);
  const candidates = roster.byPrecinct.get(precinct) ?? roster.byBorough.get(borough);
  return officerAt(world, candidates ? rng.pick(candidates) : rng.int(0, scaleOf(world).officers - 1));
}

const daysBefore = (day: string, instant: string) => (Date.parse(day) - Date.parse(newYorkDay(instant))) / 86_400_000;

function dispositionOf(rng: Random, arrestedAt: string): ArrestDisposition {
  const age = daysBefore(RECORDS_AS_OF, arrestedAt);
  const pending = age < 120 ? 0.85 : age < 365 ? 0.25 : 0.03;
  if (rng.chance(pending)) return 'PENDING';
  return rng.weighted([
    ['PLEADED_GUILTY', 42], ['DISMISSED', 24], ['ADJOURNED_IN_CONTEMPLATION_OF_DISMISSAL', 14],
    ['DECLINED_TO_PROSECUTE', 7], ['CONVICTED', 6], ['ACQUITTED', 2],
  ] as const);
}

/**
 * Why the arrest is sealed, under New York law as of `RECORDS_AS_OF`, or null:
 * terminations in the accused's favour (CPL 160.50), violation-only convictions (160.55),
 * some drug convictions after judicial diversion (160.58), and Clean Slate (160.57) for
 * misdemeanor convictions over 3 years old and felony convictions over 8.
 */
function sealingOf(rng: Random, disposition: ArrestDisposition, top: Charge, arrestedAt: string): SealingStatute | null {
  if (disposition === 'PENDING') return null;
  if (disposition !== 'CONVICTED' && disposition !== 'PLEADED_GUILTY') return 'CPL_160_50';
  // Pleas are often to a lesser offense than the top charge.
  let convictedOf: LawCategory = top.category;
  if (disposition === 'PLEADED_GUILTY' && convictedOf === 'MISDEMEANOR' && rng.chance(0.35)) convictedOf = 'VIOLATION';
  if (disposition === 'PLEADED_GUILTY' && convictedOf === 'FELONY' && rng.chance(0.4)) convictedOf = 'MISDEMEANOR';
  if (convictedOf === 'VIOLATION') return 'CPL_160_55';
  if (top.lawCode.startsWith('PL 220.') && rng.chance(0.4)) return 'CPL_160_58';
  const years = daysBefore(RECORDS_AS_OF, arrestedAt) / 365.25;
  if ((convictedOf === 'MISDEMEANOR' && years > 3) || (convictedOf === 'FELONY' && years > 8)) return 'CPL_160_57';
  return null;
}

/** Arrest `k` (0 <= k < scaleOf(world).arrests). The arrestee is always at least 13 on the arrest date. */
export function arrestAt(world: World, k: number): SyntheticArrest {
  const complaintIndex = complaintIndexOfArrest(world, k);
  return arrestOn(world, k, complaintIndex === null ? null : reportedComplaintAt(world, complaintIndex));
}

/** Arrest `k`, made on `reported` (the complaint `complaintIndexOfArrest` names, already generated) or on none. */
export function arrestOn(world: World, k: number, reported: ReportedComplaint | null): SyntheticArrest {
  const rng = new Random(world.seed, 'arrest', k);
  const year = recordYearOf(k);
  let arrestedAt: string;
  let locationIndex: number;
  let top: Charge;
  let person: SyntheticPerson;
  let complaint: { index: number; number: string } | null = null;
  if (reported) {
    const suspect = reported.parties[reported.arrestIndices.indexOf(k)]!;
    // Most arrests are made on the spot or within days of the report.
    const minutes = rng.weighted([[rng.int(0, 240), 55], [rng.int(240, 4320), 30], [rng.int(4320, 60480), 15]] as const);
    arrestedAt = laterInYear(reported.reportedAt, minutes);
    locationIndex = reported.locationIndex;
    top = reported.offense;
    person = personAt(world, suspect.personIndex!);
    complaint = { index: reported.index, number: reported.number };
  } else {
    arrestedAt = instantInYear(rng, year);
    locationIndex = pickLocationIndex(rng, world);
    top = rng.weighted(CHARGE_WEIGHTS);
    person = pickPersonAged(rng, world, MINIMUM_ARREST_AGE, arrestedAt);
  }
  const location = locationAt(world, locationIndex);
  const officer = officerFor(rng, world, location.borough, location.precinct);
  const disposition = dispositionOf(rng, arrestedAt);
  const sealingStatute = sealingOf(rng, disposition, top, arrestedAt);
  const ageAtArrest = ageOn(person.dateOfBirth, newYorkDay(arrestedAt));
  return {
    index: k,
    number: arrestNumber(location.borough, year, k),
    arrestedAt,
    personIndex: person.index,
    personId: person.id,
    nameAsRecorded: nameAsRecorded(rng, person),
    nysid: arresteeNysid(world, person),
    charges: chargesOf(rng, top),
    officer,
    command: officer.command,
    borough: location.borough,
    precinct: location.precinct,
    locationIndex,
    locationId: locationId(locationIndex),
    complaintIndex: complaint?.index ?? null,
    complaintNumber: complaint?.number ?? null,
    ageAtArrest,
    disposition,
    juvenile: ageAtArrest < 18,
    sealed: sealingStatute !== null,
    sealingStatute,
  };
}
