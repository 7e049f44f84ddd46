import type { ProviderTruth, TruthPerson, TruthVehicle } from '../providerTruth';
import type { SimulatorDefinition, SimulatorRequest } from '../serveSimulator';

/**
 * Accurint as a simulator: GET with query parameters, HTTP Basic authentication with the API key
 * as password, a `response` envelope with nested `{ Year, Month, Day }` dates and single-key list
 * wrappers (`Records.Record[]`), and the permissible purpose as `DPPAPurpose` / `GLBPurpose`.
 */
const COVERAGE = 0.88;

const ymd = (iso: string | null) => (iso ? { Year: Number(iso.slice(0, 4)), Month: Number(iso.slice(5, 7)), Day: Number(iso.slice(8, 10)) } : null);
const ym = (iso: string | null) => (iso ? { Year: Number(iso.slice(0, 4)), Month: Number(iso.slice(5, 7)) } : null);
const isoOf = (compact: string | null) => (compact && /^\d{8}$/.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6)}` : null);

function vehicle(v: TruthVehicle) {
  return { VIN: v.vin, LicensePlate: v.plate, LicenseState: v.plateState, Year: v.year, Make: v.make, Model: v.model, Color: v.color };
}

function record(p: TruthPerson, score: number, id: string) {
  return {
    UniqueId: id,
    MatchScore: Math.round(score * 100),
    Name: { First: p.firstName, Middle: p.middleName, Last: p.lastName },
    DOB: ymd(p.dateOfBirth),
    Akas: { Aka: p.otherNames.map((name) => ({ Full: name })) },
    AddressHistory: { Address: p.addresses.map((a) => ({ StreetAddress1: a.line1, City: a.city, State: a.state, Zip5: a.zip, DateFirstSeen: ym(a.firstSeen), DateLastSeen: ym(a.lastSeen) })) },
    Phones: { Phone: p.phones.map((ph) => ({ Phone10: ph.number, PhoneType: ph.lineType === 'MOBILE' ? 'W' : ph.lineType === 'VOIP' ? 'V' : 'L', Carrier: ph.carrier })) },
    Relatives: { Relative: p.relatives.map((r) => ({ Name: { Full: r.name }, DOB: ymd(r.dateOfBirth) })) },
    Associates: { Associate: p.associates.map((r) => ({ Name: { Full: r.name }, DOB: ymd(r.dateOfBirth) })) },
    Vehicles: { Vehicle: p.vehicles.map(vehicle) },
  };
}

export function accurintSimulator(truth: ProviderTruth): SimulatorDefinition {
  let queries = 0;
  const envelope = (records: unknown[], key: 'Records' | 'Registrations') => ({
    response: { Header: { Status: 0, TransactionId: `ACC${Date.now()}${++queries}` }, RecordCount: records.length, [key]: { Record: records } },
  });
  const exception = (code: number, message: string) => ({ response: { Header: { Status: code, Exceptions: { Item: [{ Code: code, Message: message }] } } } });
  return {
    provider: 'ACCURINT',
    authenticated: (headers, apiKey) => headers.authorization === `Basic ${Buffer.from(`erms:${apiKey}`).toString('base64')}`,
    errorBody: (status, message) => exception(status, message),
    answer(request: SimulatorRequest) {
      if (request.method !== 'GET') return null;
      const q = request.query;
      if (!/^\d+$/.test(q.get('DPPAPurpose') ?? '') || !/^\d+$/.test(q.get('GLBPurpose') ?? '')) {
        return { status: 400, body: exception(301, 'DPPAPurpose and GLBPurpose are required') };
      }
      if (request.path === '/WsAccurint/SearchPerson') {
        const firstName = q.get('FirstName');
        const lastName = q.get('LastName');
        if (!firstName || !lastName) return { status: 400, body: exception(302, 'FirstName and LastName are required') };
        const found = truth.personSearch('ACCURINT', COVERAGE, { firstName, lastName, dateOfBirth: isoOf(q.get('DOB')) });
        return { status: 200, body: envelope(found.map((f, i) => record(f.person, f.score, `LX${String(f.person.index ?? 900_000_000 + i).padStart(12, '0')}`)), 'Records') };
      }
      if (request.path === '/WsAccurint/SearchVehicle') {
        const vin = q.get('VIN');
        if (!vin) return { status: 400, body: exception(302, 'VIN is required') };
        const registrations = truth.registrationsOf(vin).map(({ owner, vehicle: v }) => ({
          Vehicle: vehicle(v),
          Registrant: { Name: { Full: `${owner.firstName} ${owner.lastName}` }, DOB: ymd(owner.dateOfBirth), Address: owner.addresses[0] ? { StreetAddress1: owner.addresses[0].line1, City: owner.addresses[0].city, State: owner.addresses[0].state, Zip5: owner.addresses[0].zip } : null },
        }));
        return { status: 200, body: envelope(registrations, 'Registrations') };
      }
      return null;
    },
  };
}
