import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from '../synthetic/names';
import type { Borough } from '../synthetic/nyc';
import { Random } from '../synthetic/Random';
import {
  locationAt, personAt, propertyItemAt, scaleOf, vehicleAt,
  type SyntheticPerson, type SyntheticPropertyItem, type SyntheticVehicle, type World,
} from '../synthetic/world';

/**
 * What the commercial providers "know" about the synthetic world: address histories, phones,
 * relatives, registered vehicles, pawn transactions and social profiles, each a pure function of
 * (seed, kind, index) like the world itself. So a provider's answer lines up with the persons,
 * VINs and serial numbers of the department's own records; and, as in life, some of it does
 * not: namesakes, out-of-state vehicles, items and sellers the department has never seen.
 * Every simulator formats this one truth in its own provider's API shape.
 */

export interface TruthAddress {
  line1: string;
  city: string;
  state: string;
  zip: string;
  firstSeen: string;
  /** Null: the current address. */
  lastSeen: string | null;
}

export interface TruthPhone {
  number: string;
  lineType: 'MOBILE' | 'LANDLINE' | 'VOIP';
  carrier: string;
  firstSeen: string;
  lastSeen: string | null;
}

export interface TruthRelation {
  name: string;
  dateOfBirth: string | null;
  relationship: 'RELATIVE' | 'ASSOCIATE';
}

export interface TruthVehicle {
  vin: string;
  plate: string;
  plateState: string;
  year: number;
  make: string;
  model: string;
  color: string;
  registeredOn: string;
}

export interface TruthPerson {
  /** The world's index, or null for someone the department has never recorded. */
  index: number | null;
  firstName: string;
  middleName: string | null;
  lastName: string;
  dateOfBirth: string;
  otherNames: string[];
  addresses: TruthAddress[];
  phones: TruthPhone[];
  relatives: TruthRelation[];
  associates: TruthRelation[];
  vehicles: TruthVehicle[];
}

export interface TruthPawnTransaction {
  id: string;
  date: string;
  type: 'PAWN' | 'PURCHASE' | 'SCRAP';
  store: { name: string; street: string; city: string; state: string; licenseNumber: string };
  item: { serialNumber: string; make: string; model: string; description: string };
  seller: { firstName: string; lastName: string; dateOfBirth: string; idType: string; idNumber: string; address: string; personIndex: number | null };
  amountCents: number;
}

export interface TruthPhoneLine {
  number: string;
  carrier: string;
  lineType: 'MOBILE' | 'LANDLINE' | 'VOIP';
  active: boolean;
  portedOn: string | null;
  subscriber: { name: string; address: string } | null;
}

export interface TruthSocialProfile {
  platform: 'FACEBOOK' | 'INSTAGRAM' | 'X' | 'TIKTOK' | 'LINKEDIN' | 'REDDIT';
  username: string;
  url: string;
  displayName: string;
  lastActivity: string;
  /** How sure the open-source search is that the profile is the subject's. */
  confidence: number;
}

export interface NameQuery {
  firstName: string;
  lastName: string;
  dateOfBirth?: string | null;
}

const CITY_OF: Record<Borough, string> = { MANHATTAN: 'NEW YORK', BRONX: 'BRONX', BROOKLYN: 'BROOKLYN', QUEENS: 'QUEENS', STATEN_ISLAND: 'STATEN ISLAND' };
const ELSEWHERE = [
  ['NEWARK', 'NJ', '07102'], ['JERSEY CITY', 'NJ', '07302'], ['YONKERS', 'NY', '10701'], ['HEMPSTEAD', 'NY', '11550'],
  ['PHILADELPHIA', 'PA', '19104'], ['BRIDGEPORT', 'CT', '06604'], ['MIAMI', 'FL', '33125'], ['ALLENTOWN', 'PA', '18102'],
] as const;
const STREETS_ELSEWHERE = ['MAIN STREET', 'MARKET STREET', 'BROAD STREET', 'PARK AVENUE', 'ELM STREET', 'CENTRAL AVENUE'];
const MOBILE_CARRIERS = ['VERIZON WIRELESS', 'T-MOBILE USA', 'AT&T MOBILITY', 'BOOST MOBILE', 'CRICKET WIRELESS'];
const LANDLINE_CARRIERS = ['VERIZON NEW YORK', 'SPECTRUM (CHARTER)', 'ALTICE USA (OPTIMUM)'];
const VOIP_CARRIERS = ['BANDWIDTH (GOOGLE VOICE)', 'TEXTNOW', 'ONVOY'];
const STORES = [
  ['EMPIRE PAWN & JEWELRY', '2210 JEROME AVENUE', 'BRONX', 'NY'], ['KINGS COUNTY PAWNBROKERS', '1455 FLATBUSH AVENUE', 'BROOKLYN', 'NY'],
  ['QUEENS GOLD EXCHANGE', '89-12 JAMAICA AVENUE', 'QUEENS', 'NY'], ['HARLEM LOAN CO', '201 W 125 STREET', 'NEW YORK', 'NY'],
  ['RICHMOND SCRAP METALS', '45 ARTHUR KILL ROAD', 'STATEN ISLAND', 'NY'], ['CASH AMERICA PAWN', '611 BERGENLINE AVENUE', 'UNION CITY', 'NJ'],
  ['GAMESTOP #4410', '32 W 34 STREET', 'NEW YORK', 'NY'], ['ECOATM KIOSK 1187', '625 ATLANTIC AVENUE', 'BROOKLYN', 'NY'],
] as const;
const PLATFORMS: readonly [TruthSocialProfile['platform'], string][] = [
  ['FACEBOOK', 'https://www.facebook.com/'], ['INSTAGRAM', 'https://www.instagram.com/'], ['X', 'https://x.com/'],
  ['TIKTOK', 'https://www.tiktok.com/@'], ['LINKEDIN', 'https://www.linkedin.com/in/'], ['REDDIT', 'https://www.reddit.com/user/'],
];
const AS_OF = '2026-11-01';

const normal = (name: string) => name.trim().toUpperCase().replace(/\s+/g, ' ');
const nameKey = (first: string, last: string) => `${normal(first)}|${normal(last)}`;
const fullName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`;

export class ProviderTruth {
  private byName?: Map<string, number[]>;
  private byLastName?: Map<string, number[]>;
  private byPhone?: Map<string, number>;
  private vehiclesByOwner?: Map<number, number[]>;
  private pawns?: { bySerial: Map<string, TruthPawnTransaction[]>; bySeller: Map<string, TruthPawnTransaction[]> };

  constructor(readonly world: World) {}

  /** Whether `provider` holds a file on world person `index` (no provider knows everyone). */
  covers(provider: string, index: number, share: number): boolean {
    return new Random(this.world.seed, provider, 'coverage', index).chance(share);
  }

  /** World persons answering to the name (primary name, spelling variants or aliases) and date of birth. */
  findPersons(query: NameQuery): number[] {
    const found = this.nameIndex().get(nameKey(query.firstName, query.lastName)) ?? [];
    return found.filter((index) => !query.dateOfBirth || personAt(this.world, index).dateOfBirth === query.dateOfBirth);
  }

  /**
   * A person search at one provider: the world persons it covers under that name and date of
   * birth (close matches), and a namesake it also holds (a weak match, someone else entirely).
   */
  personSearch(provider: string, coveredShare: number, query: NameQuery): { person: TruthPerson; score: number }[] {
    const found = this.findPersons(query)
      .filter((index) => this.covers(provider, index, coveredShare))
      .map((index) => ({ person: this.person(index), score: query.dateOfBirth ? 0.98 : 0.8 }));
    const namesake = this.namesake(query);
    return namesake ? [...found, { person: namesake, score: 0.55 }] : found;
  }

  /** Someone the department never recorded who shares the name (a namesake), or null. */
  namesake(query: NameQuery): TruthPerson | null {
    const rng = new Random(this.world.seed, 'namesake', nameKey(query.firstName, query.lastName));
    if (!rng.chance(0.35)) return null;
    const dateOfBirth = rng.date('1945-01-01', '2005-12-31');
    if (dateOfBirth === query.dateOfBirth) return null;
    return this.outsider(rng, normal(query.firstName), normal(query.lastName), dateOfBirth);
  }

  person(index: number): TruthPerson {
    const person = personAt(this.world, index);
    const rng = new Random(this.world.seed, 'commercial-person', index);
    const home = locationAt(this.world, person.homeLocationIndex);
    const movedIn = rng.date(laterOf(person.dateOfBirth, 18), '2025-12-31');
    const addresses: TruthAddress[] = [
      { line1: `${home.houseNumber} ${home.street}`, city: CITY_OF[home.borough], state: 'NY', zip: home.zipCode, firstSeen: movedIn, lastSeen: null },
    ];
    let until = movedIn;
    for (let i = rng.int(0, 3); i > 0; i--) {
      const from = rng.date(laterOf(person.dateOfBirth, 18), until);
      addresses.push({ ...this.someAddress(rng), firstSeen: from, lastSeen: until });
      until = from;
    }
    const phones: TruthPhone[] = [{ number: person.phone, lineType: 'MOBILE', carrier: carrierOf(this.world, person.phone, 'MOBILE'), firstSeen: movedIn, lastSeen: null }];
    if (rng.chance(0.3)) {
      const landline = `718${rng.int(200, 999)}${rng.digits(4)}`;
      phones.push({ number: landline, lineType: 'LANDLINE', carrier: carrierOf(this.world, landline, 'LANDLINE'), firstSeen: rng.date('2005-01-01', movedIn), lastSeen: rng.chance(0.5) ? movedIn : null });
    }
    const kin = (this.lastNameIndex().get(normal(person.lastName)) ?? []).filter((other) => other !== index).slice(0, 3);
    const relatives: TruthRelation[] = kin.map((other) => relationOf(personAt(this.world, other), 'RELATIVE'));
    if (relatives.length === 0 && rng.chance(0.6)) relatives.push({ name: `${rng.pick(FEMALE_FIRST_NAMES)} ${person.lastName}`, dateOfBirth: rng.date('1940-01-01', '2000-12-31'), relationship: 'RELATIVE' });
    const associates = [0, 1].filter(() => rng.chance(0.7)).map(() => relationOf(personAt(this.world, rng.int(0, this.world.persons - 1)), 'ASSOCIATE'));
    const vehicles = (this.ownerIndex().get(index) ?? []).map((v) => registrationOf(this.world, vehicleAt(this.world, v)));
    // A car registered out of state, which the department has never seen.
    if (rng.chance(0.1)) vehicles.push(this.outsideVehicle(rng));
    return {
      index,
      firstName: person.firstName,
      middleName: person.middleName,
      lastName: person.lastName,
      dateOfBirth: person.dateOfBirth,
      otherNames: [...person.aliases, ...person.spellingVariants.slice(0, 2)],
      addresses,
      phones,
      relatives,
      associates,
      vehicles,
    };
  }

  /** The registered owners of a VIN, newest first (a world person or an outsider). */
  registrationsOf(vin: string): { owner: TruthPerson; vehicle: TruthVehicle }[] {
    const index = this.vehicleIndexOf(vin);
    if (index === null) return [];
    const owner = ownerOfVehicle(this.world, index);
    const vehicle = registrationOf(this.world, vehicleAt(this.world, index));
    const rng = new Random(this.world.seed, 'vehicle-owner', index);
    return [{ owner: owner === null ? this.outsider(rng, rng.pick(MALE_FIRST_NAMES), rng.pick(LAST_NAMES), rng.date('1950-01-01', '2004-12-31')) : this.person(owner), vehicle }];
  }

  phoneLine(number: string): TruthPhoneLine {
    const rng = new Random(this.world.seed, 'phone-line', number);
    const owner = this.phoneIndex().get(number);
    const lineType = owner !== undefined ? 'MOBILE' : rng.weighted([['MOBILE', 70], ['LANDLINE', 20], ['VOIP', 10]] as const);
    let subscriber: TruthPhoneLine['subscriber'] = null;
    if (owner !== undefined && rng.chance(0.9)) {
      const person = this.person(owner);
      const address = person.addresses[0]!;
      subscriber = { name: fullName(person), address: `${address.line1}, ${address.city}, ${address.state} ${address.zip}` };
    } else if (owner === undefined && rng.chance(0.5)) {
      const stranger = this.outsider(rng, rng.pick(FEMALE_FIRST_NAMES), rng.pick(LAST_NAMES), '1980-01-01');
      const address = stranger.addresses[0]!;
      subscriber = { name: fullName(stranger), address: `${address.line1}, ${address.city}, ${address.state} ${address.zip}` };
    }
    return { number, carrier: carrierOf(this.world, number, lineType), lineType, active: rng.chance(0.9), portedOn: rng.chance(0.3) ? rng.date('2015-01-01', AS_OF) : null, subscriber };
  }

  /** Social-media and open-source profiles: the subject's (when found) and namesakes' (low confidence). */
  socialProfiles(query: NameQuery, coveredShare: number): TruthSocialProfile[] {
    const profiles: TruthSocialProfile[] = [];
    for (const index of this.findPersons(query)) {
      if (!this.covers('SKOPENOW', index, coveredShare)) continue;
      const rng = new Random(this.world.seed, 'social', index);
      const person = personAt(this.world, index);
      for (const [platform, base] of PLATFORMS) {
        if (!rng.chance(0.4)) continue;
        const username = handleOf(rng, person.firstName, person.lastName);
        profiles.push({ platform, username, url: `${base}${username}`, displayName: titleCase(`${person.firstName} ${person.lastName}`), lastActivity: rng.date('2022-01-01', AS_OF), confidence: round2(0.75 + rng.next() * 0.24) });
      }
    }
    const noise = new Random(this.world.seed, 'social-namesakes', nameKey(query.firstName, query.lastName));
    for (let i = noise.int(0, 2); i > 0; i--) {
      const [platform, base] = noise.pick(PLATFORMS);
      const username = handleOf(noise, query.firstName, query.lastName);
      profiles.push({ platform, username, url: `${base}${username}`, displayName: titleCase(`${query.firstName} ${query.lastName}`), lastActivity: noise.date('2019-01-01', AS_OF), confidence: round2(0.15 + noise.next() * 0.35) });
    }
    return profiles.sort((a, b) => b.confidence - a.confidence);
  }

  pawnsBySerial(serialNumber: string): TruthPawnTransaction[] {
    return this.pawnIndex().bySerial.get(normal(serialNumber).replace(/\s/g, '')) ?? [];
  }

  pawnsBySeller(query: NameQuery): TruthPawnTransaction[] {
    const found = this.pawnIndex().bySeller.get(nameKey(query.firstName, query.lastName)) ?? [];
    return found.filter((pawn) => !query.dateOfBirth || pawn.seller.dateOfBirth === query.dateOfBirth);
  }

  /** Every pawn transaction (tests and demos look for one that meets a stolen-property entry). */
  allPawns(): TruthPawnTransaction[] {
    return [...this.pawnIndex().bySerial.values()].flat();
  }

  private someAddress(rng: Random): Omit<TruthAddress, 'firstSeen' | 'lastSeen'> {
    if (rng.chance(0.7)) {
      const place = locationAt(this.world, rng.int(0, scaleOf(this.world).locations - 1));
      return { line1: `${place.houseNumber} ${place.street}`, city: CITY_OF[place.borough], state: 'NY', zip: place.zipCode };
    }
    const [city, state, zip] = rng.pick(ELSEWHERE);
    return { line1: `${rng.int(1, 2999)} ${rng.pick(STREETS_ELSEWHERE)}`, city, state, zip };
  }

  private outsider(rng: Random, firstName: string, lastName: string, dateOfBirth: string): TruthPerson {
    const [city, state, zip] = rng.pick(ELSEWHERE);
    const phone = `${rng.pick(['201', '973', '215', '203', '305'])}${rng.int(200, 999)}${rng.digits(4)}`;
    const since = rng.date(laterOf(dateOfBirth, 18), '2025-12-31');
    return {
      index: null,
      firstName,
      middleName: null,
      lastName,
      dateOfBirth,
      otherNames: [],
      addresses: [{ line1: `${rng.int(1, 2999)} ${rng.pick(STREETS_ELSEWHERE)}`, city, state, zip, firstSeen: since, lastSeen: null }],
      phones: [{ number: phone, lineType: 'MOBILE', carrier: carrierOf(this.world, phone, 'MOBILE'), firstSeen: since, lastSeen: null }],
      relatives: [],
      associates: [],
      vehicles: rng.chance(0.4) ? [this.outsideVehicle(rng)] : [],
    };
  }

  private outsideVehicle(rng: Random): TruthVehicle {
    const template = vehicleAt(this.world, rng.int(0, scaleOf(this.world).vehicles - 1));
    // Fresh random characters: a VIN the department's records (almost surely) do not hold.
    const vin = `9${template.vin.slice(1, 10)}${rng.digits(7)}`;
    return { ...registrationOf(this.world, { ...template, vin }), plate: `${rng.pick(['K', 'L', 'M'])}${rng.digits(2)}${rng.pick(['AB', 'CD', 'EF'])}${rng.digits(1)}`, plateState: rng.pick(['NJ', 'PA', 'CT']) };
  }

  private nameIndex(): Map<string, number[]> {
    if (!this.byName) {
      this.byName = new Map();
      this.byLastName = new Map();
      this.byPhone = new Map();
      for (let index = 0; index < this.world.persons; index++) {
        const person = personAt(this.world, index);
        const names = new Set([fullName(person), ...person.spellingVariants, ...person.aliases.filter((alias) => alias.includes(' '))]);
        for (const name of names) {
          const parts = name.split(' ');
          const key = nameKey(parts[0]!, parts.slice(1).join(' '));
          (this.byName.get(key) ?? this.byName.set(key, []).get(key)!).push(index);
        }
        const last = normal(person.lastName);
        (this.byLastName.get(last) ?? this.byLastName.set(last, []).get(last)!).push(index);
        this.byPhone.set(person.phone, index);
      }
    }
    return this.byName;
  }

  private lastNameIndex(): Map<string, number[]> {
    this.nameIndex();
    return this.byLastName!;
  }

  private phoneIndex(): Map<string, number> {
    this.nameIndex();
    return this.byPhone!;
  }

  private ownerIndex(): Map<number, number[]> {
    if (!this.vehiclesByOwner) {
      this.vehiclesByOwner = new Map();
      for (let v = 0; v < scaleOf(this.world).vehicles; v++) {
        const owner = ownerOfVehicle(this.world, v);
        if (owner !== null) (this.vehiclesByOwner.get(owner) ?? this.vehiclesByOwner.set(owner, []).get(owner)!).push(v);
      }
    }
    return this.vehiclesByOwner;
  }

  private vehicleIndexOf(vin: string): number | null {
    const wanted = normal(vin);
    for (let v = 0; v < scaleOf(this.world).vehicles; v++) if (vehicleAt(this.world, v).vin === wanted) return v;
    return null;
  }

  private pawnIndex() {
    if (!this.pawns) {
      const bySerial = new Map<string, TruthPawnTransaction[]>();
      const bySeller = new Map<string, TruthPawnTransaction[]>();
      const pool = scaleOf(this.world).propertyItems;
      for (let i = 0; i < pool; i++) {
        for (const pawn of this.pawnsOfItem(i)) {
          (bySerial.get(pawn.item.serialNumber) ?? bySerial.set(pawn.item.serialNumber, []).get(pawn.item.serialNumber)!).push(pawn);
          const seller = nameKey(pawn.seller.firstName, pawn.seller.lastName);
          (bySeller.get(seller) ?? bySeller.set(seller, []).get(seller)!).push(pawn);
        }
      }
      this.pawns = { bySerial, bySeller };
    }
    return this.pawns;
  }

  /**
   * Pawn and second-hand transactions of item `i`. The items most often stolen (the start of the
   * pool, as stolen-property entries are skewed there) are the ones most often pawned; a few
   * transactions are of items the department has no record of at all.
   */
  private pawnsOfItem(i: number): TruthPawnTransaction[] {
    const rng = new Random(this.world.seed, 'leads-online', i);
    const pool = scaleOf(this.world).propertyItems;
    if (!rng.chance(i < pool * 0.1 ? 0.5 : 0.1)) return [];
    const worldItem = propertyItemAt(this.world, i);
    const item: SyntheticPropertyItem = rng.chance(0.1)
      ? { ...worldItem, serialNumber: `ZX${rng.digits(10)}` }
      : worldItem;
    const transactions: TruthPawnTransaction[] = [];
    for (let n = rng.weighted([[1, 80], [2, 20]] as const); n > 0; n--) {
      const sellerIndex = rng.chance(0.85) ? Math.min(this.world.persons - 1, Math.floor(this.world.persons * rng.next() ** 2.2)) : null;
      const seller = sellerIndex === null
        ? this.outsider(rng, rng.pick(MALE_FIRST_NAMES), rng.pick(LAST_NAMES), rng.date('1960-01-01', '2004-12-31'))
        : this.person(sellerIndex);
      const [name, street, city, state] = rng.pick(STORES);
      const address = seller.addresses[0]!;
      transactions.push({
        id: `LO-${sequence(this.world.seed, i, n)}`,
        date: rng.date('2019-01-01', AS_OF),
        type: item.category === 'JEWELRY' && rng.chance(0.3) ? 'SCRAP' : rng.chance(0.7) ? 'PAWN' : 'PURCHASE',
        store: { name, street, city, state, licenseNumber: `${state === 'NY' ? 'DCWP' : 'NJ'}-${rng.digits(7)}` },
        item: { serialNumber: item.serialNumber, make: item.make, model: item.model, description: item.description },
        seller: {
          firstName: seller.firstName,
          lastName: seller.lastName,
          dateOfBirth: seller.dateOfBirth,
          idType: rng.weighted([['NY DRIVER LICENSE', 70], ['NY STATE ID', 20], ['PASSPORT', 10]] as const),
          idNumber: rng.digits(9),
          address: `${address.line1}, ${address.city}, ${address.state} ${address.zip}`,
          personIndex: sellerIndex,
        },
        amountCents: rng.int(20, 900) * 100,
      });
    }
    return transactions;
  }
}

/** Who a world vehicle is registered to: a world person, or (one in five) someone outside the records. */
function ownerOfVehicle(world: World, v: number): number | null {
  const rng = new Random(world.seed, 'vehicle-owner', v);
  return rng.chance(0.8) ? rng.int(0, world.persons - 1) : null;
}

function registrationOf(world: World, vehicle: SyntheticVehicle): TruthVehicle {
  const rng = new Random(world.seed, 'registration', vehicle.vin);
  return {
    vin: vehicle.vin, plate: vehicle.plate, plateState: vehicle.plateState, year: vehicle.year, make: vehicle.make,
    model: vehicle.model, color: vehicle.color, registeredOn: rng.date(`${Math.max(vehicle.year, 2003)}-01-01`, '2026-06-30'),
  };
}

function carrierOf(world: World, number: string, lineType: TruthPhone['lineType']): string {
  const rng = new Random(world.seed, 'carrier', number);
  return rng.pick(lineType === 'MOBILE' ? MOBILE_CARRIERS : lineType === 'LANDLINE' ? LANDLINE_CARRIERS : VOIP_CARRIERS);
}

function relationOf(person: SyntheticPerson, relationship: TruthRelation['relationship']): TruthRelation {
  return { name: fullName(person), dateOfBirth: person.dateOfBirth, relationship };
}

function handleOf(rng: Random, first: string, last: string): string {
  const clean = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');
  return rng.pick([`${clean(first)}.${clean(last)}`, `${clean(first)}${clean(last)}${rng.int(1, 99)}`, `${clean(first)[0]}${clean(last)}_${rng.int(70, 99)}`]);
}

const titleCase = (name: string) => name.toLowerCase().replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
const round2 = (value: number) => Math.round(value * 100) / 100;
const sequence = (seed: number, i: number, n: number) => String((seed * 7919 + i * 104_729 + n * 31) % 1_000_000_000).padStart(9, '0');

/** The day someone turned `years` old (when they could first have an address of their own). */
function laterOf(dateOfBirth: string, years: number): string {
  const year = Number(dateOfBirth.slice(0, 4)) + years;
  const day = `${Math.min(year, 2025)}${dateOfBirth.slice(4)}`;
  return day.endsWith('-02-29') ? day.replace('-02-29', '-02-28') : day;
}
