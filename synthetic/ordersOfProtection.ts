import { Random } from './Random';
import {
  RECORDS_AS_OF, addDays, addYears, courtOf, docketNumberOf, judgeOf, pickPartyAndDay, sequenceOf, type Court,
} from './warrants';
import { boroughFor, locationId, nameAsRecorded, personAt, pickLocationIndex, type World } from './world';

/**
 * Orders of protection as the State's domestic violence registry holds them: issued by Family,
 * Criminal and Supreme Courts, with the standard conditions of the New York order forms.
 */
export type OrderType = 'TEMPORARY' | 'FINAL';
export type OrderStatus = 'ACTIVE' | 'EXPIRED' | 'VACATED';

export const CONDITIONS = {
  stayAwayFromParty: 'STAY AWAY FROM PROTECTED PARTY',
  stayAwayFromHome: 'STAY AWAY FROM HOME OF PROTECTED PARTY',
  stayAwayFromSchool: 'STAY AWAY FROM SCHOOL OF PROTECTED PARTY',
  stayAwayFromWork: 'STAY AWAY FROM PLACE OF EMPLOYMENT OF PROTECTED PARTY',
  noContact: 'REFRAIN FROM COMMUNICATION OR ANY OTHER CONTACT BY MAIL, TELEPHONE, E-MAIL, VOICE-MAIL OR OTHER ELECTRONIC OR ANY OTHER MEANS WITH PROTECTED PARTY',
  refrainFromOffenses:
    'REFRAIN FROM ASSAULT, STALKING, HARASSMENT, AGGRAVATED HARASSMENT, MENACING, RECKLESS ENDANGERMENT, STRANGULATION, '
    + 'CRIMINAL OBSTRUCTION OF BREATHING OR CIRCULATION, DISORDERLY CONDUCT, CRIMINAL MISCHIEF, SEXUAL ABUSE, SEXUAL MISCONDUCT, '
    + 'FORCIBLE TOUCHING, INTIMIDATION, THREATS, IDENTITY THEFT, GRAND LARCENY, COERCION OR ANY CRIMINAL OFFENSE AGAINST PROTECTED PARTY',
  companionAnimal: 'REFRAIN FROM INTENTIONALLY INJURING OR KILLING WITHOUT JUSTIFICATION ANY COMPANION ANIMAL',
  surrenderFirearms: 'SURRENDER FIREARMS',
  noFurtherFirearms: 'DO NOT OBTAIN ANY FURTHER GUNS OR OTHER FIREARMS',
} as const;

export interface SyntheticOrderOfProtection {
  /** E.g. `OP-2024-K-0412345`: year of issue, borough letter, sequence. */
  number: string;
  type: OrderType;
  status: OrderStatus;
  court: Court;
  judge: string;
  docketNumber: string;
  issuedOn: string;
  expiresOn: string;
  vacatedOn: string | null;
  respondentIndex: number;
  respondentId: string;
  respondentNameAsRecorded: string;
  protectedPartyIndex: number;
  protectedPartyId: string;
  protectedPartyNameAsRecorded: string;
  /** Confidential: where the protected party lives. */
  protectedPartyLocationId: string | null;
  conditions: string[];
  firearmsSurrendered: boolean;
}

const ORDERS_FROM = '2016-01-01';

export function orderOfProtectionAt(world: World, k: number): SyntheticOrderOfProtection {
  const rng = new Random(world.seed, 'order-of-protection', k);
  const courtKind = rng.weighted([['FAMILY', 55], ['CRIMINAL', 35], ['SUPREME', 10]] as const);
  const borough = boroughFor(rng);
  const court = courtOf(courtKind, borough);
  const { person: respondent, on: issuedOn } = pickPartyAndDay(rng, world, ORDERS_FROM, 16);
  // Protected parties are not skewed like respondents: most people are protected by one order.
  let protectedIndex = rng.int(0, world.persons - 1);
  if (protectedIndex === respondent.index) protectedIndex = (protectedIndex + 1) % world.persons;
  const protectedParty = personAt(world, protectedIndex);
  const type: OrderType = rng.chance(0.4) ? 'TEMPORARY' : 'FINAL';
  const expiresOn =
    type === 'TEMPORARY' ? addDays(issuedOn, rng.int(14, 42))
    : addYears(issuedOn, rng.weighted(courtKind === 'FAMILY' ? [[1, 30], [2, 60], [5, 10]] : courtKind === 'CRIMINAL' ? [[2, 40], [3, 35], [5, 25]] : [[5, 50], [8, 50]]));
  const lastPossibleVacate = expiresOn < RECORDS_AS_OF ? expiresOn : RECORDS_AS_OF;
  const vacatedOn = rng.chance(0.07) && addDays(issuedOn, 1) < lastPossibleVacate ? rng.date(addDays(issuedOn, 1), lastPossibleVacate) : null;
  const conditions = conditionsFor(rng);
  const address = rng.weighted([['HOME', 85], ['OTHER', 10], ['NONE', 5]] as const);
  return {
    number: `OP-${issuedOn.slice(0, 4)}-${borough.code}-${sequenceOf(k, 10_000_000, 7)}`,
    type,
    status: vacatedOn ? 'VACATED' : expiresOn < RECORDS_AS_OF ? 'EXPIRED' : 'ACTIVE',
    court,
    judge: judgeOf(world, court, rng),
    docketNumber: docketNumberOf(rng, courtKind, borough, issuedOn),
    issuedOn,
    expiresOn,
    vacatedOn,
    respondentIndex: respondent.index,
    respondentId: respondent.id,
    respondentNameAsRecorded: nameAsRecorded(rng, respondent),
    protectedPartyIndex: protectedParty.index,
    protectedPartyId: protectedParty.id,
    protectedPartyNameAsRecorded: nameAsRecorded(rng, protectedParty),
    protectedPartyLocationId:
      address === 'HOME' ? locationId(protectedParty.homeLocationIndex)
      : address === 'OTHER' ? locationId(pickLocationIndex(rng, world))
      : null,
    conditions,
    firearmsSurrendered: conditions.includes(CONDITIONS.surrenderFirearms) && rng.chance(0.65),
  };
}

/** A full order keeps the respondent away; a limited one only forbids offenses against the party. */
function conditionsFor(rng: Random): string[] {
  const conditions: string[] = [];
  if (rng.chance(0.7)) {
    conditions.push(CONDITIONS.stayAwayFromParty, CONDITIONS.stayAwayFromHome);
    if (rng.chance(0.45)) conditions.push(CONDITIONS.stayAwayFromWork);
    if (rng.chance(0.2)) conditions.push(CONDITIONS.stayAwayFromSchool);
    conditions.push(CONDITIONS.noContact);
  }
  conditions.push(CONDITIONS.refrainFromOffenses);
  if (rng.chance(0.1)) conditions.push(CONDITIONS.companionAnimal);
  if (rng.chance(0.25)) conditions.push(CONDITIONS.surrenderFirearms, CONDITIONS.noFurtherFirearms);
  return conditions;
}
