import { COMMERCIAL_PROVIDERS } from '../../subgraphs/commercial/providers/providerNames';
import { stolenPropertyAt } from '../../synthetic/stolenProperty';
import { personAt, propertyItemAt, scaleOf, vehicleAt, type World } from '../../synthetic/world';
import { FAST_BEHAVIOUR, startSimulators, type RunningSimulators } from '../startSimulators';

const WORLD: World = { seed: 7, persons: 400 };
const KEYS = { TLO: 'k-tlo', WHOOSTER: 'k-who', ACCURINT: 'k-acc', SKOPENOW: 'k-sko', LEADS_ONLINE: 'k-leads' };
const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

/**
 * The provider simulators: real HTTP servers with their own API shapes and keys, rate limits,
 * faults, and data that lines up with the synthetic world (and some that does not).
 */
describe('provider simulators', () => {
  let sims: RunningSimulators;
  beforeAll(async () => {
    sims = await startSimulators({ world: WORLD, host: '127.0.0.1', port: 0, apiKeys: KEYS, behaviour: () => FAST_BEHAVIOUR });
  });
  afterAll(() => sims?.close());
  afterEach(() => COMMERCIAL_PROVIDERS.forEach((p) => sims.byProvider[p].behave(FAST_BEHAVIOUR)));

  const tloPerson = (body: unknown, key = KEYS.TLO) =>
    fetch(`${sims.byProvider.TLO.url}/v1/search/person`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it.each(COMMERCIAL_PROVIDERS)('%s refuses a request without its API key (401)', async (provider) => {
    const response = await fetch(`${sims.byProvider[provider].url}/anything`, { method: 'GET' });
    expect(response.status).toBe(401);
  });

  it('finds a world person at TLO by name and date of birth, with their phone and their registered vehicles', async () => {
    const person = personAt(WORLD, 3);
    const response = await tloPerson({ FirstName: person.firstName, LastName: person.lastName, DateOfBirth: usDate(person.dateOfBirth), PermissiblePurpose: { DPPA: '1', GLBA: '5' } });
    const body = await response.json();
    expect(response.status).toBe(200);
    const match = body.Persons.find((p: { Score: number }) => p.Score > 90);
    expect(match.Name.Last).toBe(person.lastName);
    expect(match.Phones.map((p: { Number: string }) => p.Number.replace(/\D/g, ''))).toContain(person.phone);
    const truth = sims.truth.person(3);
    expect(match.Vehicles.map((v: { Vin: string }) => v.Vin)).toEqual(truth.vehicles.map((v) => v.vin));
  });

  it('holds vehicles the department knows by VIN, and some it has never seen', () => {
    const worldVins = new Set(Array.from({ length: scaleOf(WORLD).vehicles }, (_, v) => vehicleAt(WORLD, v).vin));
    const reported = Array.from({ length: WORLD.persons }, (_, i) => sims.truth.person(i).vehicles).flat();
    expect(reported.some((v) => worldVins.has(v.vin))).toBe(true);
    expect(reported.some((v) => !worldVins.has(v.vin))).toBe(true);
  });

  it('answers a name the world does not hold with nothing, or a namesake: never a world person', async () => {
    const response = await tloPerson({ FirstName: 'ZEBEDIAH', LastName: 'QUUXWORTH', PermissiblePurpose: { DPPA: '1', GLBA: '5' } });
    const body = await response.json();
    expect(body.Persons.every((p: { Score: number }) => p.Score < 60)).toBe(true);
  });

  it('refuses a search without a permissible purpose, in its own format', async () => {
    const response = await tloPerson({ FirstName: 'A', LastName: 'B' });
    expect(response.status).toBe(400);
    expect((await response.json()).Error.Code).toBe('PP_REQUIRED');
  });

  it('pawns serial numbers of the department\'s stolen-property entries, and items the department has never seen', () => {
    const pawns = sims.truth.allPawns();
    const stolen = new Set(Array.from({ length: scaleOf(WORLD).stolenProperty }, (_, k) => stolenPropertyAt(WORLD, k).serialNumber).filter(Boolean));
    const worldSerials = new Set(Array.from({ length: scaleOf(WORLD).propertyItems }, (_, i) => propertyItemAt(WORLD, i).serialNumber));
    expect(pawns.some((p) => stolen.has(p.item.serialNumber))).toBe(true);
    expect(pawns.some((p) => !worldSerials.has(p.item.serialNumber))).toBe(true);
    expect(pawns.some((p) => p.seller.personIndex === null)).toBe(true);
  });

  it('finds a pawn transaction at Leads Online by serial number and by seller', async () => {
    const pawn = sims.truth.allPawns().find((p) => p.seller.personIndex !== null)!;
    const headers = { 'x-leadsonline-apikey': KEYS.LEADS_ONLINE, 'x-permissible-purpose': 'DPPA-1', 'x-glb-exception': '5' };
    const bySerial = await (await fetch(`${sims.byProvider.LEADS_ONLINE.url}/api/v3/transactions?serialNumber=${pawn.item.serialNumber}`, { headers })).json();
    expect(bySerial.transactions.map((t: { transactionNumber: string }) => t.transactionNumber)).toContain(pawn.id);
    const params = new URLSearchParams({ sellerFirstName: pawn.seller.firstName, sellerLastName: pawn.seller.lastName, sellerDob: usDate(pawn.seller.dateOfBirth) });
    const bySeller = await (await fetch(`${sims.byProvider.LEADS_ONLINE.url}/api/v3/transactions?${params}`, { headers })).json();
    expect(bySeller.transactions.map((t: { transactionNumber: string }) => t.transactionNumber)).toContain(pawn.id);
  });

  it('limits each key\'s rate: 429 with Retry-After past the burst', async () => {
    sims.byProvider.WHOOSTER.behave({ rateLimit: { perSecond: 1, burst: 2 } });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${sims.byProvider.WHOOSTER.url}/v2/phone/7185550100?dppa=1&glba=5`, { headers: { 'x-api-key': KEYS.WHOOSTER } });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('answers a forced status the given number of times, then normally', async () => {
    sims.byProvider.WHOOSTER.behave({ fault: { kind: 'status', status: 503, retryAfterSeconds: 1, times: 1 } });
    const url = `${sims.byProvider.WHOOSTER.url}/v2/phone/7185550100?dppa=1&glba=5`;
    const first = await fetch(url, { headers: { 'x-api-key': KEYS.WHOOSTER } });
    expect([first.status, first.headers.get('retry-after')]).toEqual([503, '1']);
    expect((await fetch(url, { headers: { 'x-api-key': KEYS.WHOOSTER } })).status).toBe(200);
  });
});
