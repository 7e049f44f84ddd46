import { z } from 'zod';
import { clauseNumber } from '../../../policy/permissiblePurposes';
import type { LineType, PersonRecord, ReportedVehicle } from '../ProviderReport';
import type { ProviderAdapter } from './ProviderAdapter';
import { readProviderBody } from './readProviderBody';

/**
 * Accurint: person and vehicle searches by GET with query parameters, HTTP Basic authentication
 * (the key as password), answers in a `response` envelope with `{ Year, Month, Day }` dates and
 * single-key list wrappers; the permissible purpose as `DPPAPurpose` and `GLBPurpose` numbers.
 */
const nullable = <T extends z.ZodTypeAny>(type: T) => type.nullable().optional();
const Ymd = nullable(z.object({ Year: z.number(), Month: z.number(), Day: z.number() }));
const Ym = nullable(z.object({ Year: z.number(), Month: z.number() }));
const listOf = <T extends z.ZodTypeAny>(key: string, item: T) => z.object({ [key]: z.array(item).default([]) }).optional();
const FullName = z.object({ Full: z.string() });
const Relation = z.object({ Name: FullName, DOB: Ymd });
const Vehicle = z.object({
  VIN: z.string(), LicensePlate: nullable(z.string()), LicenseState: nullable(z.string()), Year: nullable(z.number()),
  Make: nullable(z.string()), Model: nullable(z.string()), Color: nullable(z.string()),
});
const AccurintRecord = z.object({
  UniqueId: z.string(),
  MatchScore: z.number(),
  Name: z.object({ First: z.string(), Middle: nullable(z.string()), Last: z.string() }),
  DOB: Ymd,
  Akas: listOf('Aka', FullName),
  AddressHistory: listOf('Address', z.object({ StreetAddress1: z.string(), City: z.string(), State: z.string(), Zip5: nullable(z.string()), DateFirstSeen: Ym, DateLastSeen: Ym })),
  Phones: listOf('Phone', z.object({ Phone10: z.string(), PhoneType: z.string(), Carrier: nullable(z.string()) })),
  Relatives: listOf('Relative', Relation),
  Associates: listOf('Associate', Relation),
  Vehicles: listOf('Vehicle', Vehicle),
});
const Registration = z.object({
  Vehicle,
  Registrant: z.object({ Name: FullName, DOB: Ymd, Address: nullable(z.object({ StreetAddress1: z.string(), City: z.string(), State: z.string(), Zip5: nullable(z.string()) })) }),
});
const Header = z.object({ Status: z.literal(0), TransactionId: z.string() });
const PersonAnswer = z.object({ response: z.object({ Header, Records: z.object({ Record: z.array(AccurintRecord).default([]) }) }) });
const VehicleAnswer = z.object({ response: z.object({ Header, Registrations: z.object({ Record: z.array(Registration).default([]) }) }) });

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: z.infer<typeof Ymd>) => (d ? `${d.Year}-${pad(d.Month)}-${pad(d.Day)}` : null);
const month = (d: z.infer<typeof Ym>) => (d ? `${d.Year}-${pad(d.Month)}` : null);
const LINE_TYPES: Record<string, LineType> = { W: 'MOBILE', L: 'LANDLINE', V: 'VOIP' };

function vehicle(v: z.infer<typeof Vehicle>): ReportedVehicle {
  return { vin: v.VIN, plate: v.LicensePlate ?? null, plateState: v.LicenseState ?? null, year: v.Year ?? null, make: v.Make ?? null, model: v.Model ?? null, color: v.Color ?? null, registeredOn: null };
}

function record(r: z.infer<typeof AccurintRecord>): PersonRecord {
  return {
    providerRecordId: r.UniqueId,
    matchScore: Math.max(0, Math.min(1, r.MatchScore / 100)),
    names: [[r.Name.First, r.Name.Middle, r.Name.Last].filter(Boolean).join(' '), ...(r.Akas?.Aka ?? []).map((a) => a.Full)],
    dateOfBirth: day(r.DOB),
    addresses: (r.AddressHistory?.Address ?? []).map((a) => ({
      line1: a.StreetAddress1, city: a.City, state: a.State, zip: a.Zip5 ?? null, firstSeen: month(a.DateFirstSeen), lastSeen: month(a.DateLastSeen), current: !a.DateLastSeen,
    })),
    phones: (r.Phones?.Phone ?? []).map((p) => ({ number: `+1${p.Phone10}`, lineType: LINE_TYPES[p.PhoneType] ?? 'LANDLINE', carrier: p.Carrier ?? null, firstSeen: null, lastSeen: null })),
    relatives: (r.Relatives?.Relative ?? []).map((x) => ({ name: x.Name.Full, dateOfBirth: day(x.DOB) })),
    associates: (r.Associates?.Associate ?? []).map((x) => ({ name: x.Name.Full, dateOfBirth: day(x.DOB) })),
    vehicles: (r.Vehicles?.Vehicle ?? []).map(vehicle),
  };
}

export const accurintAdapter: ProviderAdapter = {
  provider: 'ACCURINT',
  kinds: ['PERSON', 'VEHICLE'],
  toRequest(query, purpose, apiKey) {
    const headers = { authorization: `Basic ${Buffer.from(`erms:${apiKey}`).toString('base64')}`, accept: 'application/json' };
    const params = new URLSearchParams({ DPPAPurpose: clauseNumber(purpose.dppa), GLBPurpose: clauseNumber(purpose.glba) });
    if (query.kind === 'PERSON') {
      params.set('FirstName', query.person.firstName);
      params.set('LastName', query.person.lastName);
      if (query.person.dateOfBirth) params.set('DOB', query.person.dateOfBirth.replace(/-/g, ''));
      return { method: 'GET', path: `/WsAccurint/SearchPerson?${params}`, headers };
    }
    if (query.kind === 'VEHICLE') {
      params.set('VIN', query.vin);
      return { method: 'GET', path: `/WsAccurint/SearchVehicle?${params}`, headers };
    }
    throw new Error(`Accurint offers no ${query.kind} search`);
  },
  fromResponse(query, response) {
    if (query.kind === 'PERSON') {
      const { response: answer } = readProviderBody('ACCURINT', response, PersonAnswer);
      return { kind: 'PERSON', reference: answer.Header.TransactionId, records: answer.Records.Record.map(record) };
    }
    const { response: answer } = readProviderBody('ACCURINT', response, VehicleAnswer);
    return {
      kind: 'VEHICLE',
      reference: answer.Header.TransactionId,
      registrations: answer.Registrations.Record.map((r) => {
        const a = r.Registrant.Address;
        return { ...vehicle(r.Vehicle), registrantName: r.Registrant.Name.Full, registrantDateOfBirth: day(r.Registrant.DOB), registrantAddress: a ? `${a.StreetAddress1}, ${a.City}, ${a.State} ${a.Zip5 ?? ''}`.trim() : null };
      }),
    };
  },
};
