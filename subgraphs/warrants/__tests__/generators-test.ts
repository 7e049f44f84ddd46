import { complaintIndexOf } from '../../../synthetic/complaints';
import { complaintAt } from '../../../synthetic/complaintAt';
import { CONDITIONS, orderOfProtectionAt } from '../../../synthetic/ordersOfProtection';
import { propertyInvoiceAt } from '../../../synthetic/propertyInvoices';
import { stolenPropertyAt } from '../../../synthetic/stolenProperty';
import { RECORDS_AS_OF, immigrationDetainerAt, warrantAt } from '../../../synthetic/warrants';
import { ageOn, personAt, propertyItemAt, scaleOf, vehicleAt, type World } from '../../../synthetic/world';

/** The records of the default world (5000 persons), as every process generates them. */
const world: World = { seed: 20261125, persons: 5000 };
const scale = scaleOf(world);
const warrants = Array.from({ length: scale.warrants }, (_, k) => warrantAt(world, k));
const detainers = Array.from({ length: scale.immigrationDetainers }, (_, k) => immigrationDetainerAt(world, k));
const orders = Array.from({ length: scale.ordersOfProtection }, (_, k) => orderOfProtectionAt(world, k));
const stolen = Array.from({ length: scale.stolenProperty }, (_, k) => stolenPropertyAt(world, k));

const COURT_DOCKET = { CRIMINAL: /^CR-\d{6}-\d{2}(NY|BX|KN|QN|RI)$/, SUPREME: /^IND-\d{5}-20\d{2}$/, FAMILY: /^O-\d{5}-\d{2}$/ };
const COURT_NAME = /^(Criminal Court of the City of New York|Supreme Court of the State of New York|Family Court), (New York|Bronx|Kings|Queens|Richmond) County$/;

describe('record generators of the warrants subgraph', () => {
  test('are pure functions of (world, index): the same record every time, another with another seed', () => {
    expect(warrantAt(world, 17)).toEqual(warrants[17]);
    expect(immigrationDetainerAt(world, 2)).toEqual(detainers[2]);
    expect(orderOfProtectionAt(world, 9)).toEqual(orders[9]);
    expect(stolenPropertyAt(world, 33)).toEqual(stolen[33]);
    const other = { ...world, seed: world.seed + 1 };
    expect(warrantAt(other, 17)).not.toEqual(warrants[17]);
    expect(orderOfProtectionAt(other, 9)).not.toEqual(orders[9]);
  });

  test('record numbers are unique, judicial warrants and immigration records alike', () => {
    const numbers = [...warrants.map((w) => w.number), ...detainers.map((d) => d.number)];
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(new Set(orders.map((o) => o.number)).size).toBe(orders.length);
    expect(new Set(stolen.map((s) => s.id)).size).toBe(stolen.length);
  });

  test('warrants look like New York court records', () => {
    for (const w of warrants) {
      expect(w.number).toMatch(new RegExp(`^W[MBKQS]${w.issuedOn.slice(2, 4)}-\\d{7}$`));
      expect(w.court.name).toMatch(COURT_NAME);
      expect(w.docketNumber).toMatch(COURT_DOCKET[w.court.kind]);
      expect(w.judge).toMatch(/^HON\. [A-Z-]+ [A-Z]\. [A-Z' -]+$/);
      expect(w.charges.length).toBeGreaterThan(0);
      expect(w.issuedOn <= RECORDS_AS_OF).toBe(true);
      expect(w.enteredAt.slice(0, 10) >= w.issuedOn).toBe(true);
      // Supreme Court warrants are on indictments: felonies.
      if (w.court.kind === 'SUPREME') expect(w.charges[0]!.category).toBe('FELONY');
      expect(ageOn(personAt(world, w.subjectIndex).dateOfBirth, w.issuedOn)).toBeGreaterThanOrEqual(16);
    }
    expect(new Set(warrants.map((w) => w.kind))).toEqual(new Set(['ARREST', 'BENCH']));
    expect(new Set(warrants.map((w) => w.status))).toEqual(new Set(['ACTIVE', 'EXECUTED', 'VACATED']));
  });

  test('immigration records are DHS forms signed by an officer, about non-citizens', () => {
    for (const d of detainers) {
      expect(d.form === 'I-247A').toBe(d.kind === 'CIVIL_IMMIGRATION_DETAINER');
      expect(d.number).toMatch(/^NYC\d{10}$/);
      expect(personAt(world, d.subjectIndex).citizenshipStatus).not.toBe('US_CITIZEN');
    }
    expect(new Set(detainers.map((d) => d.kind)).size).toBe(2);
  });

  test('orders of protection: two different people, dates and status that agree', () => {
    for (const o of orders) {
      expect(o.number).toMatch(new RegExp(`^OP-${o.issuedOn.slice(0, 4)}-[MBKQS]-\\d{7}$`));
      expect(o.court.name).toMatch(COURT_NAME);
      expect(o.docketNumber).toMatch(COURT_DOCKET[o.court.kind]);
      expect(o.respondentId).not.toBe(o.protectedPartyId);
      expect(o.expiresOn > o.issuedOn).toBe(true);
      if (o.type === 'TEMPORARY') expect(Date.parse(o.expiresOn) - Date.parse(o.issuedOn)).toBeLessThanOrEqual(42 * 86_400_000);
      const status = o.vacatedOn ? 'VACATED' : o.expiresOn < RECORDS_AS_OF ? 'EXPIRED' : 'ACTIVE';
      expect(o.status).toBe(status);
      if (o.vacatedOn) expect(o.vacatedOn > o.issuedOn && o.vacatedOn <= o.expiresOn).toBe(true);
      expect(o.conditions).toContain(CONDITIONS.refrainFromOffenses);
      if (o.firearmsSurrendered) expect(o.conditions).toContain(CONDITIONS.surrenderFirearms);
    }
    expect(orders.some((o) => o.conditions.includes(CONDITIONS.stayAwayFromParty))).toBe(true);
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['ACTIVE', 'EXPIRED', 'VACATED']));
  });

  test('stolen property: item, firearm or vehicle from the world pools, the right one for its kind', () => {
    const serials = new Set(Array.from({ length: scale.propertyItems }, (_, i) => propertyItemAt(world, i).serialNumber));
    const vins = new Set(Array.from({ length: scale.vehicles }, (_, i) => vehicleAt(world, i).vin));
    for (const s of stolen) {
      expect(s.id).toMatch({ ARTICLE: /^A\d{9}$/, FIREARM: /^G\d{9}$/, VEHICLE: /^V\d{9}$/ }[s.kind]);
      expect(s.agency.ori).toMatch(/^(NY|NJ)[0-9A-Z]{7}$/);
      if (s.kind === 'VEHICLE') {
        expect(vins.has(s.vin!)).toBe(true);
        expect(s.serialNumber).toBeNull();
      } else {
        expect(serials.has(s.serialNumber!)).toBe(true);
        expect(s.vin).toBeNull();
      }
    }
    expect(new Set(stolen.map((s) => s.kind))).toEqual(new Set(['ARTICLE', 'FIREARM', 'VEHICLE']));
    expect(new Set(stolen.map((s) => s.agency.ori)).size).toBeGreaterThan(4);
  });

  test("stolen property links to the department's theft complaints, on the complaint's day and place", () => {
    const linked = stolen.filter((s) => s.complaintNumber !== null);
    expect(linked.length).toBeGreaterThan(stolen.length / 2);
    for (const s of linked) {
      const complaint = complaintAt(world, complaintIndexOf(s.complaintNumber!)!);
      expect(complaint.number).toBe(s.complaintNumber);
      expect(complaint.offense.lawCode).toMatch(/^PL (155|160|140|165)\./);
      expect(s.reportedOn).toBe(complaint.reportedAt.slice(0, 10));
      expect(s.locationId).toBe(complaint.locationId);
    }
  });

  test('some stolen serial numbers also appear on the department\'s property invoices', () => {
    const invoiced = new Set<string>();
    for (let k = 0; k < scale.propertyInvoices; k++) for (const item of propertyInvoiceAt(world, k).items) invoiced.add(item.serialNumber);
    const both = stolen.filter((s) => s.serialNumber !== null && invoiced.has(s.serialNumber));
    expect(both.length).toBeGreaterThan(10);
  });
});
