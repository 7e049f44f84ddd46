import { Random } from './Random';
import { BOROUGHS, type Borough, type BoroughInfo, precinctCommand } from './nyc';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, NICKNAMES, spellingVariants } from './names';

/**
 * The synthetic world every record source is generated from. Everything is a pure function of
 * (seed, kind, index): a subgraph seeds its own tables without talking to the others, and a
 * person's id, name and date of birth are the same in all of them.
 */
export interface World {
  seed: number;
  persons: number;
}

/** How many of each thing a world of `persons` people holds. */
export function scaleOf(world: World) {
  const n = world.persons;
  const at = (ratio: number, minimum: number) => Math.max(minimum, Math.round(n * ratio));
  return {
    persons: n,
    locations: at(0.4, 50),
    vehicles: at(0.3, 30),
    propertyItems: at(0.3, 30),
    officers: at(0.01, 40),
    complaints: at(0.6, 30),
    arrests: at(0.3, 20),
    collisions: at(0.15, 10),
    propertyInvoices: at(0.2, 10),
    calls911: at(1.0, 50),
    serviceRequests311: at(0.5, 30),
    warrants: at(0.08, 10),
    immigrationDetainers: at(0.005, 3),
    ordersOfProtection: at(0.05, 10),
    stolenProperty: at(0.1, 10),
  };
}

export type Sex = 'M' | 'F' | 'X';
export const RACES = [
  'BLACK', 'WHITE HISPANIC', 'BLACK HISPANIC', 'WHITE', 'ASIAN / PACIFIC ISLANDER', 'AMERICAN INDIAN/ALASKAN NATIVE', 'UNKNOWN',
] as const;
export type Race = (typeof RACES)[number];

export interface SyntheticPerson {
  index: number;
  id: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  sex: Sex;
  race: Race;
  dateOfBirth: string;
  heightInches: number;
  weightPounds: number;
  eyeColor: string;
  hairColor: string;
  identifyingMarks: string[];
  /** New York State Identification number, for persons ever fingerprinted. */
  nysid: string | null;
  /** Other names the person is known by (AKA). */
  aliases: string[];
  /** Other spellings of the person's name found in records ("JON SMYTH" for "JOHN SMITH"). */
  spellingVariants: string[];
  homeLocationIndex: number;
  phone: string;
  // Immigration-related attributes exist in the sources; the policy decides who may ever see them [P15].
  placeOfBirth: string;
  citizenshipStatus: 'US_CITIZEN' | 'LAWFUL_PERMANENT_RESIDENT' | 'OTHER' | 'UNKNOWN';
  alienRegistrationNumber: string | null;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

export const personId = (index: number) => `P${pad(index + 1, 8)}`;
export const locationId = (index: number) => `L${pad(index + 1, 8)}`;
export const personIndexOf = (id: string) => Number(id.slice(1)) - 1;

const PLACES_OF_BIRTH = [
  ['NEW YORK, USA', 50], ['DOMINICAN REPUBLIC', 7], ['CHINA', 5], ['JAMAICA', 4], ['MEXICO', 3], ['GUYANA', 2],
  ['ECUADOR', 2], ['HAITI', 2], ['TRINIDAD AND TOBAGO', 2], ['INDIA', 2], ['BANGLADESH', 2], ['RUSSIA', 1],
  ['KOREA', 1], ['PUERTO RICO, USA', 5], ['NEW JERSEY, USA', 3], ['POLAND', 1], ['NIGERIA', 1], ['GHANA', 1],
  ['PAKISTAN', 1], ['ITALY', 1], ['COLOMBIA', 1], ['UKRAINE', 1], ['GUINEA', 1], ['SENEGAL', 1],
] as const;

export function personAt(world: World, index: number): SyntheticPerson {
  const rng = new Random(world.seed, 'person', index);
  const sex: Sex = rng.weighted([['M', 55], ['F', 44], ['X', 1]] as const);
  const firstName = rng.pick(sex === 'F' ? FEMALE_FIRST_NAMES : sex === 'M' ? MALE_FIRST_NAMES : [...MALE_FIRST_NAMES, ...FEMALE_FIRST_NAMES]);
  const middleName = rng.chance(0.45) ? rng.pick(sex === 'F' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES) : null;
  const lastName = rng.chance(0.2) ? `${rng.pick(LAST_NAMES)}-${rng.pick(LAST_NAMES)}` : rng.pick(LAST_NAMES);
  const placeOfBirth = rng.weighted(PLACES_OF_BIRTH);
  const bornInUs = placeOfBirth.endsWith('USA');
  const citizenshipStatus = bornInUs
    ? 'US_CITIZEN'
    : rng.weighted([['US_CITIZEN', 45], ['LAWFUL_PERMANENT_RESIDENT', 35], ['OTHER', 10], ['UNKNOWN', 10]] as const);
  const variants = new Set<string>();
  for (const first of spellingVariants(firstName)) variants.add(`${first} ${lastName}`);
  for (const last of spellingVariants(lastName)) variants.add(`${firstName} ${last}`);
  if (rng.chance(0.5)) variants.add(`${firstName} ${typo(rng, lastName)}`);
  const aliases: string[] = [];
  if (rng.chance(0.18)) aliases.push(rng.pick(NICKNAMES));
  if (sex === 'F' && rng.chance(0.15)) aliases.push(`${firstName} ${rng.pick(LAST_NAMES)}`);
  if (rng.chance(0.05)) aliases.push(`${rng.pick(sex === 'F' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES)} ${lastName}`);
  const marks: string[] = [];
  if (rng.chance(0.3)) marks.push(`TATTOO ${rng.pick(['LEFT ARM', 'RIGHT ARM', 'NECK', 'CHEST', 'LEFT HAND', 'BACK'])}: ${rng.pick(['CROSS', 'ROSE', 'NAME', 'SKULL', 'DRAGON', 'TEARDROP', 'STAR'])}`);
  if (rng.chance(0.1)) marks.push(`SCAR ${rng.pick(['LEFT CHEEK', 'CHIN', 'FOREHEAD', 'RIGHT HAND'])}`);
  return {
    index,
    id: personId(index),
    firstName,
    middleName,
    lastName,
    sex,
    race: rng.weighted([[RACES[0], 30], [RACES[1], 28], [RACES[2], 6], [RACES[3], 18], [RACES[4], 14], [RACES[5], 1], [RACES[6], 3]] as const),
    dateOfBirth: rng.date('1940-01-01', '2012-12-31'),
    heightInches: sex === 'F' ? rng.int(58, 70) : rng.int(62, 77),
    weightPounds: rng.int(105, 260),
    eyeColor: rng.weighted([['BROWN', 70], ['BLACK', 10], ['HAZEL', 8], ['BLUE', 8], ['GREEN', 4]] as const),
    hairColor: rng.weighted([['BLACK', 55], ['BROWN', 25], ['BLOND', 6], ['GRAY', 8], ['RED', 2], ['BALD', 4]] as const),
    identifyingMarks: marks,
    nysid: rng.chance(0.4) ? `${rng.digits(8)}${rng.pick(['H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R', 'Y', 'Z'])}` : null,
    aliases,
    spellingVariants: [...variants],
    homeLocationIndex: rng.int(0, scaleOf(world).locations - 1),
    phone: `${rng.pick(['212', '718', '347', '646', '917', '929'])}${rng.int(200, 999)}${rng.digits(4)}`,
    placeOfBirth,
    citizenshipStatus,
    alienRegistrationNumber: citizenshipStatus === 'LAWFUL_PERMANENT_RESIDENT' || citizenshipStatus === 'OTHER' ? `A${rng.digits(9)}` : null,
  };
}

/** A one-letter slip of the kind a clerk makes: a doubled, dropped or swapped letter. */
function typo(rng: Random, name: string): string {
  const letters = name.split('');
  const at = rng.int(1, Math.max(1, letters.length - 2));
  const kind = rng.int(0, 2);
  if (kind === 0) letters.splice(at, 0, letters[at] ?? '');
  else if (kind === 1 && letters.length > 4) letters.splice(at, 1);
  else [letters[at - 1], letters[at]] = [letters[at] ?? '', letters[at - 1] ?? ''];
  return letters.join('');
}

export function fullName(person: Pick<SyntheticPerson, 'firstName' | 'middleName' | 'lastName'>): string {
  return [person.firstName, person.lastName].join(' ');
}

/**
 * Which person a record of some source is about. Skewed: a few people appear in many records
 * (as they do in real systems), most in one or none.
 */
export function pickPersonIndex(rng: Random, world: World): number {
  return Math.min(world.persons - 1, Math.floor(world.persons * rng.next() ** 2.2));
}

/** The name as another source wrote it: usually right, sometimes a variant or an alias. */
export function nameAsRecorded(rng: Random, person: SyntheticPerson): string {
  const roll = rng.next();
  if (roll < 0.15 && person.spellingVariants.length > 0) return rng.pick(person.spellingVariants);
  if (roll < 0.2 && person.aliases.length > 0) return rng.pick(person.aliases);
  return fullName(person);
}

export interface SyntheticLocation {
  index: number;
  id: string;
  borough: Borough;
  precinct: number;
  houseNumber: string;
  street: string;
  zipCode: string;
  latitude: number;
  longitude: number;
  premiseType: string;
}

const PREMISE_TYPES = [
  ['RESIDENCE - APT. HOUSE', 30], ['STREET', 25], ['RESIDENCE-HOUSE', 10], ['RESIDENCE - PUBLIC HOUSING', 8],
  ['COMMERCIAL BUILDING', 5], ['GROCERY/BODEGA', 4], ['DEPARTMENT STORE', 3], ['TRANSIT - NYC SUBWAY', 4],
  ['PARK/PLAYGROUND', 3], ['RESTAURANT/DINER', 3], ['PARKING LOT/GARAGE', 2], ['BAR/NIGHT CLUB', 2], ['HOSPITAL', 1],
] as const;

export function boroughFor(rng: Random): BoroughInfo {
  return rng.weighted(BOROUGHS.map((b) => [b, b.weight] as const));
}

export function locationAt(world: World, index: number): SyntheticLocation {
  const rng = new Random(world.seed, 'location', index);
  const borough = boroughFor(rng);
  const [south, west, north, east] = borough.bounds;
  return {
    index,
    id: locationId(index),
    borough: borough.name,
    precinct: rng.pick(borough.precincts),
    houseNumber: String(rng.int(1, 2999)),
    street: rng.pick(borough.streets),
    zipCode: rng.pick(borough.zipCodes),
    latitude: Number((south + rng.next() * (north - south)).toFixed(6)),
    longitude: Number((west + rng.next() * (east - west)).toFixed(6)),
    premiseType: rng.weighted(PREMISE_TYPES),
  };
}

export function pickLocationIndex(rng: Random, world: World): number {
  // Skewed too: some addresses generate many calls and complaints (premise history matters).
  return Math.min(scaleOf(world).locations - 1, Math.floor(scaleOf(world).locations * rng.next() ** 1.6));
}

export interface SyntheticVehicle {
  index: number;
  vin: string;
  plate: string;
  plateState: string;
  make: string;
  model: string;
  year: number;
  color: string;
  bodyType: string;
}

const VEHICLE_MODELS = [
  ['TOYOTA', 'CAMRY', 'SEDAN'], ['TOYOTA', 'RAV4', 'SUV'], ['HONDA', 'ACCORD', 'SEDAN'], ['HONDA', 'CIVIC', 'SEDAN'],
  ['NISSAN', 'ALTIMA', 'SEDAN'], ['FORD', 'F-150', 'PICKUP'], ['FORD', 'TRANSIT', 'VAN'], ['CHEVROLET', 'MALIBU', 'SEDAN'],
  ['JEEP', 'GRAND CHEROKEE', 'SUV'], ['BMW', '328I', 'SEDAN'], ['MERCEDES-BENZ', 'C300', 'SEDAN'], ['DODGE', 'CHARGER', 'SEDAN'],
  ['HYUNDAI', 'ELANTRA', 'SEDAN'], ['KIA', 'SOUL', 'HATCHBACK'], ['LEXUS', 'RX350', 'SUV'], ['YAMAHA', 'YZF-R3', 'MOTORCYCLE'],
] as const;
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

export function vehicleAt(world: World, index: number): SyntheticVehicle {
  const rng = new Random(world.seed, 'vehicle', index);
  const [make, model, bodyType] = rng.pick(VEHICLE_MODELS);
  let vin = '';
  for (let i = 0; i < 17; i++) vin += VIN_CHARS[rng.int(0, VIN_CHARS.length - 1)];
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  return {
    index,
    vin,
    plate: `${letters[rng.int(0, 22)]}${letters[rng.int(0, 22)]}${letters[rng.int(0, 22)]}${rng.digits(4)}`,
    plateState: rng.weighted([['NY', 85], ['NJ', 8], ['PA', 3], ['CT', 2], ['FL', 2]] as const),
    make,
    model,
    year: rng.int(2003, 2026),
    color: rng.weighted([['BLACK', 25], ['WHITE', 22], ['GRAY', 18], ['SILVER', 14], ['BLUE', 9], ['RED', 8], ['GREEN', 2], ['GOLD', 2]] as const),
    bodyType,
  };
}

export type PropertyCategory = 'ELECTRONICS' | 'JEWELRY' | 'FIREARM' | 'BICYCLE' | 'TOOLS' | 'CURRENCY_CONTAINER';

export interface SyntheticPropertyItem {
  index: number;
  serialNumber: string;
  category: PropertyCategory;
  make: string;
  model: string;
  description: string;
}

const ITEM_MODELS: Record<PropertyCategory, readonly (readonly [string, string, string])[]> = {
  ELECTRONICS: [['APPLE', 'IPHONE 15', 'CELLULAR PHONE'], ['SAMSUNG', 'GALAXY S24', 'CELLULAR PHONE'], ['APPLE', 'MACBOOK AIR', 'LAPTOP'],
    ['DELL', 'XPS 13', 'LAPTOP'], ['SONY', 'PLAYSTATION 5', 'GAME CONSOLE'], ['APPLE', 'IPAD', 'TABLET']],
  JEWELRY: [['ROLEX', 'SUBMARINER', 'WRISTWATCH'], ['CARTIER', 'LOVE', 'BRACELET'], ['OMEGA', 'SEAMASTER', 'WRISTWATCH']],
  FIREARM: [['GLOCK', '19', '9MM PISTOL'], ['SMITH & WESSON', 'M&P SHIELD', '9MM PISTOL'], ['SIG SAUER', 'P365', '9MM PISTOL'],
    ['RUGER', 'LCP', '.380 PISTOL'], ['TAURUS', 'G2C', '9MM PISTOL']],
  BICYCLE: [['TREK', 'FX 3', 'BICYCLE'], ['SPECIALIZED', 'SIRRUS', 'BICYCLE'], ['RAD POWER', 'RADRUNNER', 'E-BIKE']],
  TOOLS: [['DEWALT', 'DCD771', 'CORDLESS DRILL'], ['MILWAUKEE', 'M18', 'IMPACT DRIVER'], ['MAKITA', 'XFD131', 'CORDLESS DRILL']],
  CURRENCY_CONTAINER: [['LOUIS VUITTON', 'NEVERFULL', 'HANDBAG'], ['COACH', 'TABBY', 'HANDBAG']],
};

export function propertyItemAt(world: World, index: number): SyntheticPropertyItem {
  const rng = new Random(world.seed, 'property-item', index);
  const category = rng.weighted([['ELECTRONICS', 45], ['JEWELRY', 12], ['FIREARM', 10], ['BICYCLE', 15], ['TOOLS', 12], ['CURRENCY_CONTAINER', 6]] as const);
  const [make, model, description] = rng.pick(ITEM_MODELS[category]);
  const prefix = category === 'FIREARM' ? rng.pick(['BXR', 'FKT', 'AEM', 'RAZ']) : make.replace(/[^A-Z]/g, '').slice(0, 2);
  // The index is part of the serial: a serial number names one item, at any scale.
  return { index, serialNumber: `${prefix}${rng.digits(2)}${String(index).padStart(7, '0')}${rng.pick(['A', 'B', 'C', 'X'])}`, category, make, model, description };
}

export interface SyntheticOfficer {
  index: number;
  taxId: string;
  name: string;
  rank: string;
  command: string;
  precinct: number;
}

export function officerAt(world: World, index: number): SyntheticOfficer {
  const rng = new Random(world.seed, 'officer', index);
  const borough = boroughFor(rng);
  const precinct = rng.pick(borough.precincts);
  return {
    index,
    taxId: rng.digits(6),
    name: `${rng.pick(rng.chance(0.8) ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
    rank: rng.weighted([['PO', 75], ['SGT', 12], ['DET', 10], ['LT', 3]] as const),
    command: precinctCommand(precinct),
    precinct,
  };
}

/** Age in whole years on a given date (both `YYYY-MM-DD`). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.slice(0, 10).split('-').map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}
