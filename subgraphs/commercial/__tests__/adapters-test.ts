import { COMMERCIAL_PROVIDERS, type CommercialProvider } from '../providers/providerNames';
import { FAST_BEHAVIOUR, startSimulators, type RunningSimulators } from '../../../simulators/startSimulators';
import { personAt, type World } from '../../../synthetic/world';
import type { SearchQuery } from '../SearchQuery';
import { ADAPTERS } from '../providers/adapters';
import type { ProviderHttpRequest } from '../providers/providerClient';

/**
 * Each adapter turns its provider's own request and answer format into the shared schema [P3]:
 * the permissible purpose stated the provider's way, and every field of a documented answer
 * mapped. Fixtures are written in each provider's format; the last cases send each adapter's
 * request to its simulator and read the live answer.
 */
const PURPOSE = { dppa: 'DPPA_B1', glba: 'GLBA_E5' } as const;
const PERSON: SearchQuery = { kind: 'PERSON', person: { firstName: 'DIEGO', lastName: 'SHAH', dateOfBirth: '1991-08-27' } };
const ok = (body: unknown) => ({ status: 200, body: JSON.stringify(body) });

describe('adapters: requests in each provider\'s format, with the permissible purpose', () => {
  const cases: [CommercialProvider, SearchQuery, (request: ProviderHttpRequest) => void][] = [
    ['TLO', PERSON, (r) => {
      expect([r.method, r.path, r.headers.authorization]).toEqual(['POST', '/v1/search/person', 'Bearer key']);
      expect(JSON.parse(r.body!)).toEqual({ FirstName: 'DIEGO', LastName: 'SHAH', DateOfBirth: '08/27/1991', PermissiblePurpose: { DPPA: '1', GLBA: '5' } });
    }],
    ['ACCURINT', PERSON, (r) => {
      expect(r.headers.authorization).toBe(`Basic ${Buffer.from('erms:key').toString('base64')}`);
      const url = new URL(r.path, 'http://x');
      expect([url.pathname, url.searchParams.get('DOB'), url.searchParams.get('DPPAPurpose'), url.searchParams.get('GLBPurpose')]).toEqual(['/WsAccurint/SearchPerson', '19910827', '1', '5']);
    }],
    ['WHOOSTER', { kind: 'PHONE', phone: '7185550100' }, (r) => {
      expect([r.method, r.path, r.headers['x-api-key']]).toEqual(['GET', '/v2/phone/7185550100?dppa=1&glba=5', 'key']);
    }],
    ['SKOPENOW', { kind: 'SOCIAL', person: PERSON.person }, (r) => {
      expect(r.headers.authorization).toBe('Token key');
      expect(JSON.parse(r.body!).permissible_purpose).toEqual({ dppa: '2721(b)(1)', glba: '6802(e)(5)' });
    }],
    ['LEADS_ONLINE', { kind: 'PAWN_BY_SERIAL', serialNumber: 'AP450000009X' }, (r) => {
      expect([r.path, r.headers['x-leadsonline-apikey'], r.headers['x-permissible-purpose'], r.headers['x-glb-exception']]).toEqual(['/api/v3/transactions?serialNumber=AP450000009X', 'key', 'DPPA-1', '5']);
    }],
  ];
  it.each(cases)('%s', (provider, query, check) => check(ADAPTERS[provider].toRequest(query, PURPOSE, 'key')));

  it('every adapter refuses a search its provider does not offer', () => {
    for (const provider of COMMERCIAL_PROVIDERS) {
      const adapter = ADAPTERS[provider];
      const other = (['PERSON', 'PHONE', 'SOCIAL', 'PAWN_BY_SERIAL'] as const).find((kind) => !adapter.kinds.includes(kind))!;
      const query = { PERSON, PHONE: { kind: 'PHONE', phone: '7185550100' }, SOCIAL: { kind: 'SOCIAL', person: PERSON.person }, PAWN_BY_SERIAL: { kind: 'PAWN_BY_SERIAL', serialNumber: 'X1234' } }[other] as SearchQuery;
      expect(() => adapter.toRequest(query, PURPOSE, 'key')).toThrow(/offers no/);
    }
  });
});

describe('adapters: each provider\'s answer in the shared schema', () => {
  it('TLO person report: names, dates, address history, phones, relatives, vehicles', () => {
    const report = ADAPTERS.TLO.fromResponse(PERSON, ok({
      TransactionId: 'TLO-1',
      Persons: [{
        TloId: 'T9', Score: 98, Name: { First: 'DIEGO', Middle: 'MIN', Last: 'SHAH' }, Aka: ['D SHAH'], Dob: '08/27/1991',
        Addresses: [{ Street: '91 JAMAICA AVENUE', City: 'QUEENS', State: 'NY', Zip: '11385', FirstSeen: '201601', LastSeen: null },
          { Street: '606 AVENUE C', City: 'NEW YORK', State: 'NY', Zip: '10009', FirstSeen: '201512', LastSeen: '201601' }],
        Phones: [{ Number: '(917) 303-4569', Type: 'Mobile', Carrier: 'VERIZON WIRELESS', FirstSeen: '201601', LastSeen: null }],
        Relatives: [{ Name: 'KEVIN SHAH', Dob: '08/21/1977' }], Associates: [{ Name: 'JEAN BRUNO', Dob: null }],
        Vehicles: [{ Vin: 'JWL55SFRE4DW1MUK6', Plate: 'ABC1234', PlateState: 'NY', Year: 2019, Make: 'YAMAHA', Model: 'YZF-R3', Color: 'BLUE', RegistrationDate: '03/02/2021' }],
      }],
    }));
    expect(report).toEqual({
      kind: 'PERSON', reference: 'TLO-1',
      records: [{
        providerRecordId: 'T9', matchScore: 0.98, names: ['DIEGO MIN SHAH', 'D SHAH'], dateOfBirth: '1991-08-27',
        addresses: [
          { line1: '91 JAMAICA AVENUE', city: 'QUEENS', state: 'NY', zip: '11385', firstSeen: '2016-01', lastSeen: null, current: true },
          { line1: '606 AVENUE C', city: 'NEW YORK', state: 'NY', zip: '10009', firstSeen: '2015-12', lastSeen: '2016-01', current: false },
        ],
        phones: [{ number: '+19173034569', lineType: 'MOBILE', carrier: 'VERIZON WIRELESS', firstSeen: '2016-01', lastSeen: null }],
        relatives: [{ name: 'KEVIN SHAH', dateOfBirth: '1977-08-21' }],
        associates: [{ name: 'JEAN BRUNO', dateOfBirth: null }],
        vehicles: [{ vin: 'JWL55SFRE4DW1MUK6', plate: 'ABC1234', plateState: 'NY', year: 2019, make: 'YAMAHA', model: 'YZF-R3', color: 'BLUE', registeredOn: '2021-03-02' }],
      }],
    });
  });

  it('Accurint person report: the response envelope, { Year, Month, Day } dates and list wrappers', () => {
    const report = ADAPTERS.ACCURINT.fromResponse(PERSON, ok({
      response: {
        Header: { Status: 0, TransactionId: 'ACC7' },
        Records: { Record: [{
          UniqueId: 'LX1', MatchScore: 55, Name: { First: 'DIEGO', Middle: null, Last: 'SHAH' }, DOB: { Year: 1960, Month: 3, Day: 9 },
          Akas: { Aka: [] },
          AddressHistory: { Address: [{ StreetAddress1: '1289 MARKET STREET', City: 'ALLENTOWN', State: 'PA', Zip5: '18102', DateFirstSeen: { Year: 2001, Month: 7 }, DateLastSeen: null }] },
          Phones: { Phone: [{ Phone10: '2155550111', PhoneType: 'L', Carrier: 'VERIZON NEW YORK' }] },
          Relatives: { Relative: [{ Name: { Full: 'ANA SHAH' }, DOB: null }] },
          Vehicles: { Vehicle: [{ VIN: '9WL55SFRE41234567', LicensePlate: 'K12AB3', LicenseState: 'PA', Year: 2011, Make: 'FORD', Model: 'F-150', Color: 'RED' }] },
        }] },
      },
    }));
    expect(report.kind === 'PERSON' && report.records[0]).toEqual({
      providerRecordId: 'LX1', matchScore: 0.55, names: ['DIEGO SHAH'], dateOfBirth: '1960-03-09',
      addresses: [{ line1: '1289 MARKET STREET', city: 'ALLENTOWN', state: 'PA', zip: '18102', firstSeen: '2001-07', lastSeen: null, current: true }],
      phones: [{ number: '+12155550111', lineType: 'LANDLINE', carrier: 'VERIZON NEW YORK', firstSeen: null, lastSeen: null }],
      relatives: [{ name: 'ANA SHAH', dateOfBirth: null }],
      associates: [],
      vehicles: [{ vin: '9WL55SFRE41234567', plate: 'K12AB3', plateState: 'PA', year: 2011, make: 'FORD', model: 'F-150', color: 'RED', registeredOn: null }],
    });
  });

  it('Whooster phone report: carrier, line type, status, porting, subscriber', () => {
    const report = ADAPTERS.WHOOSTER.fromResponse({ kind: 'PHONE', phone: '9173034569' }, ok({
      status: 'ok',
      data: { phone_number: '+19173034569', carrier: { name: 'T-MOBILE USA', type: 'wireless' }, line_status: 'inactive', ported: true, ported_date: '2021-05-01', subscriber: { name: 'DIEGO SHAH', address: '91 JAMAICA AVENUE, QUEENS, NY 11385' } },
    }));
    expect(report).toEqual({
      kind: 'PHONE', reference: null, number: '+19173034569', carrier: 'T-MOBILE USA', lineType: 'MOBILE', active: false, ported: true, portedOn: '2021-05-01',
      subscriberName: 'DIEGO SHAH', subscriberAddress: '91 JAMAICA AVENUE, QUEENS, NY 11385',
    });
  });

  it('SkopeNow profiles: networks to platforms, confidence kept', () => {
    const report = ADAPTERS.SKOPENOW.fromResponse({ kind: 'SOCIAL', person: PERSON.person }, ok({
      search_id: 'sn_1', status: 'complete',
      results: { social_profiles: [
        { network: 'twitter', handle: 'dshah', profile_url: 'https://x.com/dshah', name: 'Diego Shah', last_seen_at: '2024-04-30T00:00:00Z', match_confidence: 0.8 },
        { network: 'mastodon', handle: 'ds', profile_url: 'https://m.example/@ds', name: null, last_seen_at: null, match_confidence: 0.2 },
      ] },
    }));
    expect(report).toEqual({
      kind: 'SOCIAL', reference: 'sn_1',
      profiles: [
        { platform: 'X', username: 'dshah', url: 'https://x.com/dshah', displayName: 'Diego Shah', lastActivity: '2024-04-30', confidence: 0.8 },
        { platform: 'OTHER', username: 'ds', url: 'https://m.example/@ds', displayName: null, lastActivity: null, confidence: 0.2 },
      ],
    });
  });

  it('Leads Online transactions: store, item with its serial number, seller, amount in cents', () => {
    const report = ADAPTERS.LEADS_ONLINE.fromResponse({ kind: 'PAWN_BY_SERIAL', serialNumber: 'SA640000000C' }, ok({
      totalResults: 1,
      transactions: [{
        transactionNumber: 'LO-1', transactionDate: '01/21/2025', transactionType: 'Pawn',
        business: { name: 'HARLEM LOAN CO', address: '201 W 125 STREET', city: 'NEW YORK', state: 'NY', license: 'DCWP-1' },
        property: { serialNumber: 'SA640000000C', make: 'SAMSUNG', model: 'GALAXY S24', description: 'CELLULAR PHONE' },
        customer: { firstName: 'TANISHA', lastName: 'PETROV-LI', dob: '05/15/1990', idType: 'NY DRIVER LICENSE', idNumber: '559773718', address: '1056 LIBERTY AVENUE' },
        amount: '486.00',
      }],
    }));
    expect(report).toEqual({
      kind: 'PAWN', reference: null,
      transactions: [{
        transactionId: 'LO-1', date: '2025-01-21', type: 'PAWN',
        store: { name: 'HARLEM LOAN CO', address: '201 W 125 STREET', city: 'NEW YORK', state: 'NY', licenseNumber: 'DCWP-1' },
        serialNumber: 'SA640000000C', make: 'SAMSUNG', model: 'GALAXY S24', description: 'CELLULAR PHONE',
        seller: { name: 'TANISHA PETROV-LI', dateOfBirth: '1990-05-15', idType: 'NY DRIVER LICENSE', idNumber: '559773718', address: '1056 LIBERTY AVENUE' },
        amountCents: 48600,
      }],
    });
  });

  it.each([
    ['a refusal (4xx) as REJECTED', { status: 401, body: '{"Error":{"Code":401}}' }, 'REJECTED'],
    ['a body that is not JSON as BAD_RESPONSE', { status: 200, body: '<html>' }, 'BAD_RESPONSE'],
    ['an answer in another shape as BAD_RESPONSE', ok({ Persons: 'none' }), 'BAD_RESPONSE'],
  ])('reads %s', (_name, response, reason) => {
    expect(() => ADAPTERS.TLO.fromResponse(PERSON, response)).toThrow(expect.objectContaining({ reason, provider: 'TLO' }));
  });
});

describe('adapters against their simulators', () => {
  const world: World = { seed: 7, persons: 400 };
  let sims: RunningSimulators;
  const keys = { TLO: 'a', WHOOSTER: 'b', ACCURINT: 'c', SKOPENOW: 'd', LEADS_ONLINE: 'e' };
  beforeAll(async () => {
    sims = await startSimulators({ world, host: '127.0.0.1', port: 0, apiKeys: keys, behaviour: () => FAST_BEHAVIOUR });
  });
  afterAll(() => sims?.close());

  const person = personAt(world, 3);
  const subject = { firstName: person.firstName, lastName: person.lastName, dateOfBirth: person.dateOfBirth };
  const queries: Record<CommercialProvider, SearchQuery> = {
    TLO: { kind: 'PERSON', person: subject },
    ACCURINT: { kind: 'PERSON', person: subject },
    WHOOSTER: { kind: 'PHONE', phone: person.phone },
    SKOPENOW: { kind: 'SOCIAL', person: subject },
    LEADS_ONLINE: { kind: 'PAWN_BY_SELLER', person: subject },
  };

  it.each(COMMERCIAL_PROVIDERS)('%s: the adapter\'s request is accepted and its answer read', async (provider) => {
    const request = ADAPTERS[provider].toRequest(queries[provider], PURPOSE, keys[provider]);
    const response = await fetch(sims.byProvider[provider].url + request.path, { method: request.method, headers: request.headers, body: request.body });
    const report = ADAPTERS[provider].fromResponse(queries[provider], { status: response.status, body: await response.text() });
    expect(report.kind).toBe({ TLO: 'PERSON', ACCURINT: 'PERSON', WHOOSTER: 'PHONE', SKOPENOW: 'SOCIAL', LEADS_ONLINE: 'PAWN' }[provider]);
    if (report.kind === 'PERSON') expect(report.records[0]!.dateOfBirth).toBe(person.dateOfBirth);
    if (report.kind === 'PHONE') expect(report.number).toBe(`+1${person.phone}`);
  });
});
