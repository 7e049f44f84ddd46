import { z } from 'zod';
import { clauseNumber } from '../../../policy/permissiblePurposes';
import type { LineType, PersonRecord, ReportedVehicle } from '../ProviderReport';
import type { ProviderAdapter } from './ProviderAdapter';
import { fromUsDate, readProviderBody, tenDigits, toUsDate } from './readProviderBody';

/**
 * TLO: person and vehicle searches, POSTed as PascalCase JSON with a bearer key; the
 * permissible purpose travels in the body as clause numbers (`{ "DPPA": "1", "GLBA": "5" }`).
 */
const nullable = <T extends z.ZodTypeAny>(type: T) => type.nullable().optional();
const Month = nullable(z.string().regex(/^\d{6}$/));
const Vehicle = z.object({
  Vin: z.string(), Plate: nullable(z.string()), PlateState: nullable(z.string()), Year: nullable(z.number()),
  Make: nullable(z.string()), Model: nullable(z.string()), Color: nullable(z.string()), RegistrationDate: nullable(z.string()),
});
const Relation = z.object({ Name: z.string(), Dob: nullable(z.string()) });
const Person = z.object({
  TloId: z.string(),
  Score: z.number(),
  Name: z.object({ First: z.string(), Middle: nullable(z.string()), Last: z.string() }),
  Aka: z.array(z.string()).default([]),
  Dob: nullable(z.string()),
  Addresses: z.array(z.object({ Street: z.string(), City: z.string(), State: z.string(), Zip: nullable(z.string()), FirstSeen: Month, LastSeen: Month })).default([]),
  Phones: z.array(z.object({ Number: z.string(), Type: z.string(), Carrier: nullable(z.string()), FirstSeen: Month, LastSeen: Month })).default([]),
  Relatives: z.array(Relation).default([]),
  Associates: z.array(Relation).default([]),
  Vehicles: z.array(Vehicle).default([]),
});
const PersonAnswer = z.object({ TransactionId: z.string(), Persons: z.array(Person) });
const VehicleAnswer = z.object({
  TransactionId: z.string(),
  Registrations: z.array(z.object({ Vehicle, Registrant: z.object({ Name: z.string(), Dob: nullable(z.string()), Address: nullable(z.string()) }) })),
});

const month = (yyyymm: string | null | undefined) => (yyyymm ? `${yyyymm.slice(0, 4)}-${yyyymm.slice(4)}` : null);
const LINE_TYPES: Record<string, LineType> = { Mobile: 'MOBILE', Landline: 'LANDLINE', VoIP: 'VOIP' };

function vehicle(v: z.infer<typeof Vehicle>): ReportedVehicle {
  return {
    vin: v.Vin, plate: v.Plate ?? null, plateState: v.PlateState ?? null, year: v.Year ?? null, make: v.Make ?? null,
    model: v.Model ?? null, color: v.Color ?? null, registeredOn: fromUsDate(v.RegistrationDate),
  };
}

function record(p: z.infer<typeof Person>): PersonRecord {
  const name = [p.Name.First, p.Name.Middle, p.Name.Last].filter(Boolean).join(' ');
  return {
    providerRecordId: p.TloId,
    matchScore: Math.max(0, Math.min(1, p.Score / 100)),
    names: [name, ...p.Aka],
    dateOfBirth: fromUsDate(p.Dob),
    addresses: p.Addresses.map((a) => ({ line1: a.Street, city: a.City, state: a.State, zip: a.Zip ?? null, firstSeen: month(a.FirstSeen), lastSeen: month(a.LastSeen), current: !a.LastSeen })),
    phones: p.Phones.map((ph) => ({ number: `+1${tenDigits(ph.Number)}`, lineType: LINE_TYPES[ph.Type] ?? 'LANDLINE', carrier: ph.Carrier ?? null, firstSeen: month(ph.FirstSeen), lastSeen: month(ph.LastSeen) })),
    relatives: p.Relatives.map((r) => ({ name: r.Name, dateOfBirth: fromUsDate(r.Dob) })),
    associates: p.Associates.map((r) => ({ name: r.Name, dateOfBirth: fromUsDate(r.Dob) })),
    vehicles: p.Vehicles.map(vehicle),
  };
}

export const tloAdapter: ProviderAdapter = {
  provider: 'TLO',
  kinds: ['PERSON', 'VEHICLE'],
  toRequest(query, purpose, apiKey) {
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', accept: 'application/json' };
    const PermissiblePurpose = { DPPA: clauseNumber(purpose.dppa), GLBA: clauseNumber(purpose.glba) };
    if (query.kind === 'PERSON') {
      const { firstName, lastName, dateOfBirth } = query.person;
      const body = { FirstName: firstName, LastName: lastName, ...(dateOfBirth ? { DateOfBirth: toUsDate(dateOfBirth) } : {}), PermissiblePurpose };
      return { method: 'POST', path: '/v1/search/person', headers, body: JSON.stringify(body) };
    }
    if (query.kind === 'VEHICLE') return { method: 'POST', path: '/v1/search/vehicle', headers, body: JSON.stringify({ Vin: query.vin, PermissiblePurpose }) };
    throw new Error(`TLO offers no ${query.kind} search`);
  },
  fromResponse(query, response) {
    if (query.kind === 'PERSON') {
      const answer = readProviderBody('TLO', response, PersonAnswer);
      return { kind: 'PERSON', reference: answer.TransactionId, records: answer.Persons.map(record) };
    }
    const answer = readProviderBody('TLO', response, VehicleAnswer);
    return {
      kind: 'VEHICLE',
      reference: answer.TransactionId,
      registrations: answer.Registrations.map((r) => ({ ...vehicle(r.Vehicle), registrantName: r.Registrant.Name, registrantDateOfBirth: fromUsDate(r.Registrant.Dob), registrantAddress: r.Registrant.Address ?? null })),
    };
  },
};
