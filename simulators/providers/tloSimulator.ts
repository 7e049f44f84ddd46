import type { ProviderTruth, TruthPerson, TruthVehicle } from '../providerTruth';
import type { SimulatorDefinition, SimulatorRequest } from '../serveSimulator';

/**
 * TLO as a simulator: JSON over POST with PascalCase fields, a bearer API key, dates as
 * `MM/DD/YYYY`, address dates as `YYYYMM`, and the permissible purpose as clause numbers in
 * the body (`{ "DPPA": "1", "GLBA": "5" }`).
 */
const COVERAGE = 0.92;

const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const isoOf = (us: unknown) => (typeof us === 'string' && /^\d\d\/\d\d\/\d{4}$/.test(us) ? `${us.slice(6)}-${us.slice(0, 2)}-${us.slice(3, 5)}` : null);
const month = (iso: string | null) => (iso ? iso.slice(0, 7).replace('-', '') : null);
const phone = (digits: string) => `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;

function vehicle(v: TruthVehicle) {
  return { Vin: v.vin, Plate: v.plate, PlateState: v.plateState, Year: v.year, Make: v.make, Model: v.model, Color: v.color, RegistrationDate: usDate(v.registeredOn) };
}

function person(p: TruthPerson, score: number, id: string) {
  return {
    TloId: id,
    Score: Math.round(score * 100),
    Name: { First: p.firstName, Middle: p.middleName ?? '', Last: p.lastName },
    Aka: p.otherNames,
    Dob: usDate(p.dateOfBirth),
    Addresses: p.addresses.map((a) => ({ Street: a.line1, City: a.city, State: a.state, Zip: a.zip, FirstSeen: month(a.firstSeen), LastSeen: month(a.lastSeen) })),
    Phones: p.phones.map((ph) => ({ Number: phone(ph.number), Type: ph.lineType === 'MOBILE' ? 'Mobile' : ph.lineType === 'VOIP' ? 'VoIP' : 'Landline', Carrier: ph.carrier, FirstSeen: month(ph.firstSeen), LastSeen: month(ph.lastSeen) })),
    Relatives: p.relatives.map((r) => ({ Name: r.name, Dob: r.dateOfBirth ? usDate(r.dateOfBirth) : null })),
    Associates: p.associates.map((r) => ({ Name: r.name, Dob: r.dateOfBirth ? usDate(r.dateOfBirth) : null })),
    Vehicles: p.vehicles.map(vehicle),
  };
}

export function tloSimulator(truth: ProviderTruth): SimulatorDefinition {
  let transactions = 0;
  const purposeMissing = (body: Record<string, unknown>) => {
    const purpose = body.PermissiblePurpose as { DPPA?: unknown; GLBA?: unknown } | undefined;
    return !purpose || typeof purpose.DPPA !== 'string' || typeof purpose.GLBA !== 'string';
  };
  return {
    provider: 'TLO',
    authenticated: (headers, apiKey) => headers.authorization === `Bearer ${apiKey}`,
    errorBody: (status, message) => ({ Error: { Code: status, Message: message } }),
    answer(request: SimulatorRequest) {
      if (request.method !== 'POST') return null;
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (purposeMissing(body)) return { status: 400, body: { Error: { Code: 'PP_REQUIRED', Message: 'PermissiblePurpose DPPA and GLBA are required' } } };
      const transactionId = `TLO-${Date.now().toString(36).toUpperCase()}-${++transactions}`;
      if (request.path === '/v1/search/person') {
        if (typeof body.FirstName !== 'string' || typeof body.LastName !== 'string') return { status: 400, body: { Error: { Code: 'BAD_REQUEST', Message: 'FirstName and LastName are required' } } };
        const found = truth.personSearch('TLO', COVERAGE, { firstName: body.FirstName, lastName: body.LastName, dateOfBirth: isoOf(body.DateOfBirth) });
        return { status: 200, body: { TransactionId: transactionId, RecordCount: found.length, Persons: found.map((f, i) => person(f.person, f.score, `TLO${f.person.index ?? `X${i}`}`)) } };
      }
      if (request.path === '/v1/search/vehicle') {
        if (typeof body.Vin !== 'string') return { status: 400, body: { Error: { Code: 'BAD_REQUEST', Message: 'Vin is required' } } };
        const registrations = truth.registrationsOf(body.Vin).map(({ owner, vehicle: v }) => ({
          Vehicle: vehicle(v),
          Registrant: { Name: `${owner.firstName} ${owner.lastName}`, Dob: usDate(owner.dateOfBirth), Address: owner.addresses[0] ? `${owner.addresses[0].line1}, ${owner.addresses[0].city}, ${owner.addresses[0].state} ${owner.addresses[0].zip}` : null },
        }));
        return { status: 200, body: { TransactionId: transactionId, RecordCount: registrations.length, Registrations: registrations } };
      }
      return null;
    },
  };
}
