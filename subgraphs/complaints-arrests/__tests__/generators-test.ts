import { arrestAt, arrestIndicesOfComplaint, complaintIndexOfArrest } from '../../../synthetic/arrests';
import { collisionAt } from '../../../synthetic/collisions';
import { RECORDS_AS_OF, complaintIndexOf, newYorkDay } from '../../../synthetic/complaints';
import { complaintAt, complaintWithArrestsAt } from '../../../synthetic/complaintAt';
import { CHARGES } from '../../../synthetic/penalLaw';
import { propertyInvoiceAt } from '../../../synthetic/propertyInvoices';
import { ageOn, personAt, scaleOf, type World } from '../../../synthetic/world';

/** The record generators other subgraphs rely on to cross-reference this source's records. */

const world: World = { seed: 7, persons: 2000 };
const scale = scaleOf(world);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const complaints = range(scale.complaints).map((k) => complaintWithArrestsAt(world, k));
const arrests = range(scale.arrests).map((k) => arrestAt(world, k));

describe('record generators are pure functions of (world, index)', () => {
  it.each([
    ['complaintAt', (w: World, k: number) => complaintAt(w, k)],
    ['arrestAt', (w: World, k: number) => arrestAt(w, k)],
    ['collisionAt', (w: World, k: number) => collisionAt(w, k)],
    ['propertyInvoiceAt', (w: World, k: number) => propertyInvoiceAt(w, k)],
  ])('%s returns the same record every time, and another for another seed', (_, generate) => {
    for (const k of [0, 1, 17, 199]) {
      expect(generate(world, k)).toEqual(generate({ ...world }, k));
      expect(generate({ ...world, seed: 8 }, k)).not.toEqual(generate(world, k));
    }
  });

  it('keeps the numbers other sources have already stored (seed 7, 2000 persons)', () => {
    expect(complaintAt(world, 0).number).toBe('2019-046-000001');
    expect(arrestAt(world, 9).number).toBe('Q20911700');
    expect(collisionAt(world, 3).number).toBe('MV-2022-042-000001');
    expect(propertyInvoiceAt(world, 2).number).toBe('3000201271');
  });
});

describe('record numbers look like the real ones and never collide', () => {
  it.each([
    ['complaint', complaints.map((c) => c.complaint.number), /^20(19|2[0-6])-\d{3}-\d{6}$/],
    ['arrest', arrests.map((a) => a.number), /^[MBKQS](19|2[0-6])\d{6}$/],
    ['collision', range(scale.collisions).map((k) => collisionAt(world, k).number), /^MV-20(19|2[0-6])-\d{3}-\d{6}$/],
    ['property invoice', range(scale.propertyInvoices).map((k) => propertyInvoiceAt(world, k).number), /^\d{10}$/],
  ])('%s numbers', (_, numbers, format) => {
    for (const number of numbers) expect(number).toMatch(format);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('a complaint number gives back the index it was generated from', () => {
    for (const k of [0, 5, 123, scale.complaints - 1]) expect(complaintIndexOf(complaintAt(world, k).number)).toBe(k);
    expect(complaintIndexOf('not-a-number')).toBeNull();
  });

  it('dates records by the New York day, daylight saving time included', () => {
    expect(newYorkDay('2024-01-01T04:59:59.000Z')).toBe('2023-12-31');
    expect(newYorkDay('2024-01-01T05:00:00.000Z')).toBe('2024-01-01');
    expect(newYorkDay('2024-07-04T03:59:59.000Z')).toBe('2024-07-03');
    expect(newYorkDay('2024-07-04T04:00:00.000Z')).toBe('2024-07-04');
    expect(newYorkDay('2024-03-10T06:59:59.000Z')).toBe('2024-03-10');
    expect(newYorkDay('2024-11-03T05:30:00.000Z')).toBe('2024-11-03');
  });

  it('the year in a complaint or arrest number is the year of its date in New York', () => {
    for (const { complaint } of complaints) expect(complaint.number.slice(0, 4)).toBe(newYorkDay(complaint.reportedAt).slice(0, 4));
    for (const arrest of arrests) expect(arrest.number.slice(1, 3)).toBe(newYorkDay(arrest.arrestedAt).slice(2, 4));
  });
});

describe('arrests', () => {
  it('every arrestee is at least 13 on the arrest date (New York), and juvenile exactly when under 18', () => {
    for (const arrest of arrests) {
      const age = ageOn(personAt(world, arrest.personIndex).dateOfBirth, newYorkDay(arrest.arrestedAt));
      expect(age).toBe(arrest.ageAtArrest);
      expect(age).toBeGreaterThanOrEqual(13);
      expect(arrest.juvenile).toBe(age < 18);
    }
    expect(arrests.some((arrest) => arrest.juvenile)).toBe(true);
  });

  it('about 70% are made on a complaint: its suspect, its charge, after its report', () => {
    const linked = arrests.filter((arrest) => arrest.complaintIndex !== null);
    expect(linked.length / arrests.length).toBeGreaterThan(0.6);
    expect(linked.length / arrests.length).toBeLessThan(0.8);
    for (const arrest of linked) {
      const { complaint } = complaints[arrest.complaintIndex!]!;
      expect(complaint.number).toBe(arrest.complaintNumber);
      expect(complaint.arrestIndices).toContain(arrest.index);
      expect(complaint.parties.filter((p) => p.role === 'SUSPECT').map((p) => p.personId)).toContain(arrest.personId);
      expect(arrest.charges[0]).toBe(complaint.offense);
      expect(arrest.arrestedAt >= complaint.reportedAt).toBe(true);
      expect(arrest.locationId).toBe(complaint.locationId);
    }
  });

  it('a complaint lists exactly the arrests that name it', () => {
    for (const { complaint } of complaints) {
      expect(arrestIndicesOfComplaint(world, complaint.index)).toEqual(complaint.arrestIndices);
      for (const k of complaint.arrestIndices) expect(complaintIndexOfArrest(world, k)).toBe(complaint.index);
    }
    expect(complaints.some(({ complaint }) => complaint.arrestIndices.length === 2)).toBe(true);
  });

  it('carry one to three charges, the top charge first and none graver after it', () => {
    const rank = (code: string) => CHARGES.find((c) => c.lawCode === code)!.offenseClass;
    const order = ['VIOLATION', 'B_MISDEMEANOR', 'UNCLASSIFIED_MISDEMEANOR', 'A_MISDEMEANOR', 'E_FELONY', 'D_FELONY', 'C_FELONY', 'B_FELONY', 'A_FELONY'];
    for (const arrest of arrests) {
      expect(arrest.charges.length).toBeGreaterThanOrEqual(1);
      expect(arrest.charges.length).toBeLessThanOrEqual(3);
      for (const charge of arrest.charges.slice(1)) {
        expect(order.indexOf(rank(charge.lawCode))).toBeLessThanOrEqual(order.indexOf(rank(arrest.charges[0]!.lawCode)));
      }
    }
  });

  it('are sealed under the statute their disposition calls for', () => {
    const favourable = ['DISMISSED', 'ACQUITTED', 'DECLINED_TO_PROSECUTE', 'ADJOURNED_IN_CONTEMPLATION_OF_DISMISSAL'];
    for (const arrest of arrests) {
      expect(arrest.sealed).toBe(arrest.sealingStatute !== null);
      if (favourable.includes(arrest.disposition)) expect(arrest.sealingStatute).toBe('CPL_160_50');
      if (arrest.disposition === 'PENDING') expect(arrest.sealed).toBe(false);
      const convicted = arrest.disposition === 'CONVICTED' || arrest.disposition === 'PLEADED_GUILTY';
      if (convicted && arrest.charges[0]!.category === 'VIOLATION') expect(arrest.sealingStatute).toBe('CPL_160_55');
      if (arrest.sealingStatute === 'CPL_160_58') expect(arrest.charges[0]!.lawCode).toMatch(/^PL 220\./);
      if (arrest.sealingStatute === 'CPL_160_57') {
        const years = (Date.parse(RECORDS_AS_OF) - Date.parse(arrest.arrestedAt)) / (365.25 * 86_400_000);
        expect(years).toBeGreaterThan(3);
      }
    }
    const statutes = new Set(arrests.map((arrest) => arrest.sealingStatute));
    for (const statute of ['CPL_160_50', 'CPL_160_55', 'CPL_160_57', null]) expect(statutes).toContain(statute);
  });
});

describe('complaints', () => {
  it('are sealed exactly when they have arrests and every one is sealed', () => {
    for (const { complaint, arrests: made } of complaints) {
      expect(complaint.sealed).toBe(made.length > 0 && made.every((arrest) => arrest.sealed));
    }
    expect(complaints.some(({ complaint }) => complaint.sealed)).toBe(true);
  });

  it('close only on the conditions of the retention policy, and never with a prosecution pending [P12]', () => {
    for (const { complaint, arrests: made } of complaints) {
      if (complaint.status === 'CLOSED_NO_ARREST' || complaint.status === 'CLOSED_RESTITUTION_NOT_SOUGHT') expect(made).toHaveLength(0);
      if (complaint.status === 'CLOSED_PROSECUTION_COMPLETE' || complaint.status === 'CLOSED_SETTLEMENT') {
        expect(made.length).toBeGreaterThan(0);
        expect(made.every((arrest) => arrest.disposition !== 'PENDING')).toBe(true);
      }
    }
    const statuses = new Set(complaints.map(({ complaint }) => complaint.status));
    expect([...statuses].sort()).toEqual(
      ['CLOSED_NO_ARREST', 'CLOSED_PROSECUTION_COMPLETE', 'CLOSED_RESTITUTION_NOT_SOUGHT', 'CLOSED_SETTLEMENT', 'OPEN'],
    );
  });

  it('name 0-2 suspects and 0-2 victims, never one person twice, juvenile when a suspect was under 18', () => {
    for (const { complaint } of complaints) {
      const suspects = complaint.parties.filter((p) => p.role === 'SUSPECT');
      const victims = complaint.parties.filter((p) => p.role === 'VICTIM');
      expect(suspects.length).toBeLessThanOrEqual(2);
      expect(victims.length).toBeLessThanOrEqual(2);
      const ids = complaint.parties.flatMap((p) => (p.personId ? [p.personId] : []));
      expect(new Set(ids).size).toBe(ids.length);
      const underage = suspects.some(
        (p) => p.personIndex !== null && ageOn(personAt(world, p.personIndex).dateOfBirth, newYorkDay(complaint.occurredAt)) < 18,
      );
      expect(complaint.juvenile).toBe(underage);
      expect(complaint.occurredAt <= complaint.reportedAt).toBe(true);
      expect(complaint.reportedAt >= '2019-01-01' && complaint.reportedAt < '2026-12-01').toBe(true);
    }
  });
});

describe('collisions and property invoices', () => {
  it('collisions involve 1-3 distinct vehicles, drivers of driving age, injuries that add up', () => {
    for (const k of range(scale.collisions)) {
      const collision = collisionAt(world, k);
      expect(collision.vehicles.length).toBeGreaterThanOrEqual(1);
      expect(collision.vehicles.length).toBeLessThanOrEqual(3);
      expect(new Set(collision.vehicles.map((v) => v.vehicleIndex)).size).toBe(collision.vehicles.length);
      for (const vehicle of collision.vehicles) {
        if (vehicle.driverIndex !== null) {
          expect(ageOn(personAt(world, vehicle.driverIndex).dateOfBirth, newYorkDay(collision.occurredAt))).toBeGreaterThanOrEqual(16);
        }
      }
      expect(collision.personsInjured).toBeGreaterThanOrEqual(collision.pedestriansInjured + collision.cyclistsInjured);
    }
  });

  it('invoices list 1-4 items, about half at an arrest (owner: the arrestee), and serial numbers recur', () => {
    const invoices = range(scale.propertyInvoices).map((k) => propertyInvoiceAt(world, k));
    const atArrest = invoices.filter((invoice) => invoice.arrestIndex !== null);
    expect(atArrest.length / invoices.length).toBeGreaterThan(0.4);
    expect(atArrest.length / invoices.length).toBeLessThan(0.6);
    for (const invoice of atArrest) {
      const arrest = arrests[invoice.arrestIndex!]!;
      expect(invoice.ownerId).toBe(arrest.personId);
      expect(invoice.complaintNumber).toBe(arrest.complaintNumber);
      expect(invoice.invoicedAt >= arrest.arrestedAt).toBe(true);
    }
    for (const invoice of invoices) {
      expect(invoice.items.length).toBeGreaterThanOrEqual(1);
      expect(invoice.items.length).toBeLessThanOrEqual(4);
    }
    const serials = invoices.flatMap((invoice) => invoice.items.map((item) => item.serialNumber));
    expect(new Set(serials).size).toBeLessThan(serials.length);
  });
});
