import { call911At, DISPOSITIONS, INCIDENT_TYPES, newYorkMidnight } from '../../../synthetic/calls911';
import { COMPLAINT_TYPES, serviceRequest311At } from '../../../synthetic/serviceRequests311';
import { BOROUGHS } from '../../../synthetic/nyc';
import { locationAt, scaleOf, type World } from '../../../synthetic/world';
import { allCalls911, allServiceRequests311, newYorkDate } from './generatedRecords';

const WORLD: World = { seed: 20261125, persons: 5000 };
const calls = allCalls911(WORLD);
const requests = allServiceRequests311(WORLD);
const locationOf = (record: { locationId: string }) => locationAt(WORLD, Number(record.locationId.slice(1)) - 1);
const share = <T>(records: readonly T[], test: (record: T) => boolean) => records.filter(test).length / records.length;
const HOUR = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' });
const localHour = (instant: string) => Number(HOUR.format(new Date(instant)));
const ms = Date.parse;

describe('call911At', () => {
  it('is a pure function of (world, index)', () => {
    expect(call911At(WORLD, 1234)).toEqual(calls[1234]);
    expect(call911At({ ...WORLD, seed: WORLD.seed + 1 }, 1234)).not.toEqual(calls[1234]);
    expect(calls).toHaveLength(scaleOf(WORLD).calls911);
  });

  it('numbers events like ICAD: E, the New York day as YYMMDD, and a sequence that grows with time', () => {
    expect(new Set(calls.map((call) => call.id)).size).toBe(calls.length);
    expect(calls.filter((call) => !/^E\d{11}$/.test(call.id))).toEqual([]);
    expect(calls.filter((call) => `20${call.id.slice(1, 3)}-${call.id.slice(3, 5)}-${call.id.slice(5, 7)}` !== newYorkDate(call.receivedAt))).toEqual([]);
    const outOfOrder = calls.filter((call, i) => {
      const previous = calls[i - 1];
      return previous !== undefined && (call.id <= previous.id || call.receivedAt < previous.receivedAt);
    });
    expect(outOfOrder).toEqual([]);
  });

  it('falls on New York days from 2019-01-01 up to 2026-11-01', () => {
    expect(newYorkDate(calls[0]!.receivedAt)).toBe('2019-01-01');
    expect(newYorkDate(calls[calls.length - 1]!.receivedAt)).toBe('2026-10-31');
    expect(newYorkMidnight('2025-07-04')).toBe(ms('2025-07-04T04:00:00Z'));
    expect(newYorkMidnight('2025-01-04')).toBe(ms('2025-01-04T05:00:00Z'));
    expect(newYorkMidnight('2025-03-09')).toBe(ms('2025-03-09T05:00:00Z'));
    expect(newYorkMidnight('2025-11-02')).toBe(ms('2025-11-02T04:00:00Z'));
  });

  it('keeps the timeline in order: received < dispatched < arrived < closed, urgent calls dispatched within minutes', () => {
    const disordered = calls.filter((call) => {
      const times = [call.receivedAt, call.dispatchedAt, call.arrivedAt, call.closedAt].filter((t) => t !== null).map(ms);
      return times.some((time, i) => i > 0 && time <= times[i - 1]!);
    });
    expect(disordered).toEqual([]);
    expect(calls.filter((call) => call.dispatchedAt === null && (call.arrivedAt !== null || call.respondingUnit !== null))).toEqual([]);
    expect(calls.filter((call) => call.arrivedAt === null && call.dispositionCode !== '90X')).toEqual([]);
    const slowUrgent = calls.filter((call) => call.priority <= 2 && call.dispatchedAt && ms(call.dispatchedAt) - ms(call.receivedAt) > 180_000);
    expect(slowUrgent).toEqual([]);
    expect(share(calls, (call) => call.arrivedAt === null)).toBeGreaterThan(0.01);
    expect(share(calls, (call) => call.arrivedAt === null)).toBeLessThan(0.1);
  });

  it('uses radio codes, priorities 1-9 and radio dispositions, weighted like real traffic', () => {
    expect(calls.filter((call) => call.incidentType !== `${call.incidentCode} ${INCIDENT_TYPES.get(call.incidentCode)}`)).toEqual([]);
    expect(calls.filter((call) => call.disposition !== `${call.dispositionCode} ${DISPOSITIONS[call.dispositionCode]}`)).toEqual([]);
    expect(calls.filter((call) => !Number.isInteger(call.priority) || call.priority < 1 || call.priority > 9)).toEqual([]);
    const disputes = share(calls, (call) => call.incidentCode === '10-52');
    expect(disputes).toBeGreaterThan(0.12);
    expect(share(calls, (call) => call.incidentCode === '10-10')).toBeLessThan(disputes / 4);
    const evening = calls.filter((call) => localHour(call.receivedAt) >= 17 && localHour(call.receivedAt) < 22).length;
    const dawn = calls.filter((call) => localHour(call.receivedAt) >= 3 && localHour(call.receivedAt) < 8).length;
    expect(evening).toBeGreaterThan(dawn * 2);
  });

  it("places each call at a world location, in that location's borough and precinct, some places again and again", () => {
    expect(calls.filter((call) => call.borough !== locationOf(call).borough || call.precinct !== locationOf(call).precinct)).toEqual([]);
    expect(calls.filter((call) => !BOROUGHS.find((b) => b.name === call.borough)?.precincts.includes(call.precinct))).toEqual([]);
    const perLocation = new Map<string, number>();
    for (const call of calls) perLocation.set(call.locationId, (perLocation.get(call.locationId) ?? 0) + 1);
    expect(Math.max(...perLocation.values())).toBeGreaterThanOrEqual(10);
  });

  it('identifies about 60% of callers and never names the same person twice in one call', () => {
    expect(share(calls, (call) => call.callerPersonId !== null)).toBeGreaterThan(0.55);
    expect(share(calls, (call) => call.callerPersonId !== null)).toBeLessThan(0.65);
    expect(share(calls, (call) => call.callerNameAsRecorded === null)).toBeGreaterThan(0.05);
    const repeated = calls.filter((call) => {
      const ids = [call.callerPersonId, ...call.involvedPersons.map((p) => p.personId)].filter((id) => id !== null);
      return new Set(ids).size !== ids.length;
    });
    expect(repeated).toEqual([]);
    expect(share(calls, (call) => call.involvedPersons.some((p) => p.personId !== null))).toBeGreaterThan(0.2);
  });
});

describe('serviceRequest311At', () => {
  it('is a pure function of (world, index)', () => {
    expect(serviceRequest311At(WORLD, 777)).toEqual(requests[777]);
    expect(serviceRequest311At({ ...WORLD, seed: 1 }, 777)).not.toEqual(requests[777]);
  });

  it('numbers requests 311-NNNNNNNN, increasing with time', () => {
    expect(requests.filter((request) => !/^311-\d{8}$/.test(request.id))).toEqual([]);
    const outOfOrder = requests.filter((request, i) => {
      const previous = requests[i - 1];
      return previous !== undefined && (request.id <= previous.id || request.createdAt < previous.createdAt);
    });
    expect(outOfOrder).toEqual([]);
  });

  it('is closed, with a resolution, exactly when closedAt is set, after it was created', () => {
    expect(requests.filter((r) => !COMPLAINT_TYPES.includes(r.complaintType) || r.agency !== 'NYPD')).toEqual([]);
    expect(requests.filter((r) => (r.closedAt !== null) !== (r.status === 'CLOSED'))).toEqual([]);
    expect(requests.filter((r) => (r.resolutionDescription !== null) !== (r.status === 'CLOSED'))).toEqual([]);
    expect(requests.filter((r) => r.closedAt !== null && ms(r.closedAt) <= ms(r.createdAt))).toEqual([]);
    expect(requests.filter((r) => r.borough !== locationOf(r).borough || r.precinct !== locationOf(r).precinct)).toEqual([]);
    expect(share(requests, (r) => r.status !== 'CLOSED')).toBeGreaterThan(0);
    expect(share(requests, (r) => r.status !== 'CLOSED')).toBeLessThan(0.05);
  });

  it('is mostly residential noise, at night more than by day, and fireworks in June and July', () => {
    const byType = (type: string) => requests.filter((request) => request.complaintType === type);
    expect(Math.max(...COMPLAINT_TYPES.map((type) => byType(type).length))).toBe(byType('Noise - Residential').length);
    expect(share(byType('Noise - Residential'), (r) => localHour(r.createdAt) >= 21 || localHour(r.createdAt) < 3)).toBeGreaterThan(0.4);
    const fireworks = allServiceRequests311({ seed: 3, persons: 40_000 }).filter((r) => r.complaintType === 'Illegal Fireworks');
    expect(share(fireworks, (r) => ['06', '07'].includes(newYorkDate(r.createdAt).slice(5, 7)))).toBeGreaterThan(0.6);
  });
});
