import { Random } from './Random';
import type { Borough, BoroughInfo } from './nyc';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from './names';
import { CHARGES, CHARGE_WEIGHTS, type Charge } from './penalLaw';
import {
  boroughFor, locationId, nameAsRecorded, personAt, pickLocationIndex, pickPersonIndex,
  type SyntheticPerson, type World,
} from './world';

/**
 * Warrants as other agencies' systems hold them (New York courts, through the state's warrant
 * file), and the court material orders of protection share with them: court names, docket
 * numbers, judges.
 *
 * The same source also holds civil immigration detainers (I-247A) and administrative
 * immigration warrants (I-200, I-205). They are generated here because the real systems hold
 * them, so the software must prove it never lets them out [P15, SPEC §4].
 */

/** The day the synthetic records run up to: statuses (active, expired) are as of this day. */
export const RECORDS_AS_OF = '2026-11-25';

export type CourtKind = 'CRIMINAL' | 'SUPREME' | 'FAMILY';

export interface Court {
  kind: CourtKind;
  /** E.g. `Criminal Court of the City of New York, Kings County`. */
  name: string;
  county: string;
  borough: Borough;
}

export function courtOf(kind: CourtKind, borough: BoroughInfo): Court {
  const county = `${borough.county} County`;
  const name =
    kind === 'CRIMINAL' ? `Criminal Court of the City of New York, ${county}`
    : kind === 'SUPREME' ? `Supreme Court of the State of New York, ${county}`
    : `Family Court, ${county}`;
  return { kind, name, county, borough: borough.name };
}

/** County suffix of a Criminal Court docket (`CR-012345-24KN`). */
const DOCKET_COUNTY: Record<BoroughInfo['code'], string> = { M: 'NY', B: 'BX', K: 'KN', Q: 'QN', S: 'RI' };

/**
 * A docket as the court writes it: Criminal Court `CR-012345-24KN`, Supreme Court indictment
 * `IND-01234-2023` (often filed a year or two before a bench warrant), Family Court family
 * offense petition `O-01234-24`.
 */
export function docketNumberOf(rng: Random, kind: CourtKind, borough: BoroughInfo, issuedOn: string): string {
  const year = Number(issuedOn.slice(0, 4));
  if (kind === 'CRIMINAL') return `CR-${rng.digits(6)}-${String(year).slice(2)}${DOCKET_COUNTY[borough.code]}`;
  if (kind === 'SUPREME') return `IND-${rng.digits(5)}-${year - rng.int(0, 2)}`;
  return `O-${rng.digits(5)}-${String(year).slice(2)}`;
}

const JUDGES_PER_COURT = 8;

/** A court's bench is small: the same few judges sign most of its warrants and orders. */
export function judgeOf(world: World, court: Court, rng: Random): string {
  const bench = new Random(world.seed, 'judge', court.name, rng.int(0, JUDGES_PER_COURT - 1));
  const first = bench.pick(bench.chance(0.55) ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES);
  const initial = String.fromCharCode(65 + bench.int(0, 25));
  return `HON. ${first} ${initial}. ${bench.pick(LAST_NAMES)}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4, 10).replace('02-29', '02-28')}`;
}

/**
 * A person old enough to be a party on some day between `from` and the records' end, and that
 * day. Tries a few skewed picks (a few people appear in many records); the last one is used
 * even if young, which only happens in tiny worlds.
 */
export function pickPartyAndDay(rng: Random, world: World, from: string, minimumAge: number): { person: SyntheticPerson; on: string } {
  let person = personAt(world, pickPersonIndex(rng, world));
  for (let attempt = 0; attempt < 8; attempt++) {
    const adult = addYears(person.dateOfBirth, minimumAge);
    const earliest = adult > from ? adult : from;
    if (earliest <= RECORDS_AS_OF) return { person, on: rng.date(earliest, RECORDS_AS_OF) };
    person = personAt(world, pickPersonIndex(rng, world));
  }
  return { person, on: RECORDS_AS_OF };
}

/** Dates of birth as another agency typed them: mostly right, sometimes swapped or missing. */
export function dateOfBirthAsRecorded(rng: Random, dateOfBirth: string): string | null {
  const roll = rng.next();
  if (roll < 0.08) return null;
  if (roll < 0.12) {
    const [year, month, day] = dateOfBirth.split('-') as [string, string, string];
    if (Number(day) <= 12 && day !== month) return `${year}-${day}-${month}`;
    return addYears(dateOfBirth, rng.pick([-1, 1]));
  }
  return dateOfBirth;
}

/**
 * Distinct k give distinct sequence numbers below `modulus` (k times a prime coprime with it),
 * so record numbers are unique without looking sequential.
 */
export function sequenceOf(k: number, modulus: number, width: number): string {
  return String((k * 7919 + 104_729) % modulus).padStart(width, '0');
}

export type WarrantKind = 'ARREST' | 'BENCH';
export type WarrantStatus = 'ACTIVE' | 'EXECUTED' | 'VACATED';

export interface SyntheticWarrant {
  /** E.g. `WK24-0412345`: borough letter, year of issue, sequence. */
  number: string;
  kind: WarrantKind;
  status: WarrantStatus;
  issuedOn: string;
  court: Court;
  judge: string;
  docketNumber: string;
  /** Top charge first. */
  charges: Charge[];
  subjectIndex: number;
  subjectId: string;
  subjectNameAsRecorded: string;
  subjectDateOfBirthAsRecorded: string | null;
  lastKnownLocationId: string | null;
  extraditable: boolean;
  enteredAt: string;
}

const WARRANTS_FROM = '2012-01-01';
const FELONIES = CHARGES.filter((charge) => charge.category === 'FELONY').map((charge) => [charge, charge.weight] as const);
/** Family Court Act § 812 family offenses, and the contempt of an order of protection. */
const FAMILY_OFFENSES = ['PL 120.00', 'PL 240.26', 'PL 240.30', 'PL 120.14', 'PL 145.00', 'PL 215.50', 'PL 215.51']
  .map((code) => [CHARGES.find((charge) => charge.lawCode === code)!, 1] as const);

function chargesFor(rng: Random, court: CourtKind): Charge[] {
  const top = rng.weighted(court === 'SUPREME' ? FELONIES : court === 'FAMILY' ? FAMILY_OFFENSES : CHARGE_WEIGHTS);
  const charges = [top];
  const more = rng.weighted([[0, 50], [1, 35], [2, 15]] as const);
  for (let i = 0; i < more; i++) {
    const next = rng.weighted(court === 'FAMILY' ? FAMILY_OFFENSES : CHARGE_WEIGHTS);
    if (!charges.includes(next)) charges.push(next);
  }
  return charges;
}

export function warrantAt(world: World, k: number): SyntheticWarrant {
  const rng = new Random(world.seed, 'warrant', k);
  const courtKind = rng.weighted([['CRIMINAL', 60], ['SUPREME', 25], ['FAMILY', 15]] as const);
  const kind: WarrantKind = rng.chance(courtKind === 'CRIMINAL' ? 0.75 : courtKind === 'SUPREME' ? 0.6 : 0.45) ? 'BENCH' : 'ARREST';
  const borough = boroughFor(rng);
  const court = courtOf(courtKind, borough);
  const { person, on: issuedOn } = pickPartyAndDay(rng, world, WARRANTS_FROM, 16);
  const charges = chargesFor(rng, courtKind);
  const felony = charges.some((charge) => charge.category === 'FELONY');
  const lastKnown = rng.weighted([['HOME', 75], ['OTHER', 20], ['NONE', 5]] as const);
  return {
    number: `W${borough.code}${issuedOn.slice(2, 4)}-${sequenceOf(k, 10_000_000, 7)}`,
    kind,
    status: rng.weighted([['ACTIVE', 45], ['EXECUTED', 42], ['VACATED', 13]] as const),
    issuedOn,
    court,
    judge: judgeOf(world, court, rng),
    docketNumber: docketNumberOf(rng, courtKind, borough, issuedOn),
    charges,
    subjectIndex: person.index,
    subjectId: person.id,
    subjectNameAsRecorded: nameAsRecorded(rng, person),
    subjectDateOfBirthAsRecorded: dateOfBirthAsRecorded(rng, person.dateOfBirth),
    lastKnownLocationId:
      lastKnown === 'HOME' ? locationId(person.homeLocationIndex)
      : lastKnown === 'OTHER' ? locationId(pickLocationIndex(rng, world))
      : null,
    extraditable: rng.chance(courtKind === 'SUPREME' ? 0.9 : felony ? 0.6 : courtKind === 'FAMILY' ? 0.05 : 0.1),
    enteredAt: enteredAfter(rng, issuedOn),
  };
}

/** Entered in the warrant file within two days of issue, during court hours (New York time). */
function enteredAfter(rng: Random, issuedOn: string): string {
  const day = addDays(issuedOn, rng.weighted([[0, 70], [1, 22], [2, 8]] as const));
  return rng.instant(`${day}T14:00:00Z`, `${day}T22:30:00Z`);
}

export type ImmigrationWarrantKind = 'CIVIL_IMMIGRATION_DETAINER' | 'ADMINISTRATIVE_IMMIGRATION_WARRANT';

/**
 * A civil immigration detainer (DHS form I-247A) or an administrative warrant (I-200, I-205).
 * Signed by an immigration officer, not a judge: not a criminal warrant, and never released
 * through this system [P15, SPEC §4].
 */
export interface SyntheticImmigrationDetainer {
  /** The DHS event number, e.g. `NYC2412345678`. */
  number: string;
  kind: ImmigrationWarrantKind;
  form: 'I-247A' | 'I-200' | 'I-205';
  status: WarrantStatus;
  issuedOn: string;
  issuingAuthority: string;
  signedBy: string;
  subjectIndex: number;
  subjectId: string;
  subjectNameAsRecorded: string;
  subjectDateOfBirthAsRecorded: string | null;
  enteredAt: string;
}

const ERO_NEW_YORK = 'U.S. DEPARTMENT OF HOMELAND SECURITY, ICE ENFORCEMENT AND REMOVAL OPERATIONS, NEW YORK CITY FIELD OFFICE';

export function immigrationDetainerAt(world: World, k: number): SyntheticImmigrationDetainer {
  const rng = new Random(world.seed, 'immigration-detainer', k);
  const form = rng.weighted([['I-247A', 75], ['I-200', 15], ['I-205', 10]] as const);
  let party = pickPartyAndDay(rng, world, '2017-01-01', 18);
  for (let attempt = 0; attempt < 12 && party.person.citizenshipStatus === 'US_CITIZEN'; attempt++) {
    party = pickPartyAndDay(rng, world, '2017-01-01', 18);
  }
  const { person, on: issuedOn } = party;
  return {
    number: `NYC${issuedOn.slice(2, 4)}${sequenceOf(k, 100_000_000, 8)}`,
    kind: form === 'I-247A' ? 'CIVIL_IMMIGRATION_DETAINER' : 'ADMINISTRATIVE_IMMIGRATION_WARRANT',
    form,
    status: rng.weighted([['ACTIVE', 60], ['EXECUTED', 25], ['VACATED', 15]] as const),
    issuedOn,
    issuingAuthority: ERO_NEW_YORK,
    signedBy: `SDDO ${rng.pick(LAST_NAMES)}`,
    subjectIndex: person.index,
    subjectId: person.id,
    subjectNameAsRecorded: nameAsRecorded(rng, person),
    subjectDateOfBirthAsRecorded: dateOfBirthAsRecorded(rng, person.dateOfBirth),
    enteredAt: enteredAfter(rng, issuedOn),
  };
}
