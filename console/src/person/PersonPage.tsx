import type { ReactNode } from 'react';
import type { Session } from '../session/Session';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import { useOperation } from '../api/useOperation';
import { refusalOf, withheldByPath } from '../api/refusalText';
import { RefusalNotice } from '../layout/RefusalNotice';
import { SourceBadge } from '../layout/SourceBadge';
import { PERSON_QUERY, type PersonData } from './personQuery';
import { Withheld } from './Withheld';

type Source = 'complaints-arrests' | 'calls' | 'warrants';
type Person = NonNullable<PersonData['person']>;

const IDENTITY: { field: keyof Person; label: string }[] = [
  { field: 'dateOfBirth', label: 'Date of birth' },
  { field: 'sex', label: 'Sex' },
  { field: 'race', label: 'Race' },
  { field: 'heightInches', label: 'Height (inches)' },
  { field: 'weightPounds', label: 'Weight (pounds)' },
  { field: 'eyeColor', label: 'Eye colour' },
  { field: 'hairColor', label: 'Hair colour' },
  { field: 'identifyingMarks', label: 'Identifying marks' },
  { field: 'nysid', label: 'NYSID' },
  { field: 'phone', label: 'Phone' },
  { field: 'homeAddress', label: 'Home address' },
  { field: 'placeOfBirth', label: 'Place of birth' },
  { field: 'citizenshipStatus', label: 'Citizenship status' },
  { field: 'alienRegistrationNumber', label: 'Alien registration number' },
];

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.join('; ') : '—';
  if (typeof value === 'object') {
    const address = value as { address?: string; borough?: string; precinct?: number };
    return `${address.address ?? ''}, ${address.borough ?? ''} (precinct ${address.precinct ?? '?'})`;
  }
  return String(value);
}

/** The person with their records from every source, each withheld field with its reason. */
export function PersonPage({ session, purpose, personId }: { session: Session; purpose: DeclaredPurpose; personId: string }) {
  const result = useOperation<PersonData>(session, purpose, PERSON_QUERY, { id: personId });
  if (!result || result.loading) return <main><p role="status">Loading the person…</p></main>;
  const { errors, data } = result.answer;
  const refusal = refusalOf(errors);
  const withheld = withheldByPath(errors);
  const person = data?.person;
  if (!person) {
    return (
      <main aria-labelledby="person-title">
        <h1 id="person-title">Person {personId}</h1>
        {refusal ? <RefusalNotice refusal={refusal} /> : <p>No person {personId} is on file for your role and purpose.</p>}
      </main>
    );
  }
  const reason = (field: string) => withheld.get(`person.${field}`);
  const section = <T,>(field: keyof Person, title: string, source: Source, rows: T[] | null, row: (item: T) => ReactNode) => (
    <section aria-labelledby={`section-${field}`} className="records">
      <h2 id={`section-${field}`}>
        {title} <SourceBadge source={source} />
      </h2>
      <Withheld reason={reason(field)}>
        {rows && rows.length ? <ul>{rows.map((item, i) => <li key={i}>{row(item)}</li>)}</ul> : <p>None on file.</p>}
      </Withheld>
    </section>
  );
  const withheldCount = [...withheld.keys()].filter((path) => path.startsWith('person.')).length;
  return (
    <main aria-labelledby="person-title">
      <h1 id="person-title">
        {person.fullName} <span className="meaning">({person.id})</span>
      </h1>
      <p role="status">{withheldCount === 0 ? 'Nothing withheld for your role and purpose.' : `${withheldCount} ${withheldCount === 1 ? 'field' : 'fields'} withheld for your role and purpose.`}</p>
      {refusal && <RefusalNotice refusal={refusal} />}
      <section aria-labelledby="identity-title">
        <h2 id="identity-title">
          Master person index <SourceBadge source="complaints-arrests" />
        </h2>
        <dl className="identity">
          {IDENTITY.map(({ field, label }) => (
            <div key={field} data-field={field}>
              <dt>{label}</dt>
              <dd>
                <Withheld reason={reason(field)}>{show(person[field])}</Withheld>
              </dd>
            </div>
          ))}
          <div data-field="names">
            <dt>Names on file</dt>
            <dd>
              <Withheld reason={reason('names')}>{(person.names ?? []).map((n) => `${n.name} (${n.kind.toLowerCase()})`).join('; ') || '—'}</Withheld>
            </dd>
          </div>
        </dl>
      </section>
      {section('arrests', 'Arrests', 'complaints-arrests', person.arrests, (a) => `${a.number} · ${a.arrestedAt.slice(0, 10)} · ${a.topCharge.lawCode} ${a.topCharge.description} · precinct ${a.precinct}`)}
      {section('complaints', 'Complaints', 'complaints-arrests', person.complaints, (c) => `${c.complaint.number} · ${c.complaint.reportedAt.slice(0, 10)} · ${c.role.toLowerCase()} · ${c.complaint.offense.description}`)}
      {section('collisions', 'Collisions', 'complaints-arrests', person.collisions, (c) => `${c.number} · ${c.occurredAt.slice(0, 10)} · ${c.borough} · ${c.personsInjured} injured`)}
      {section('calls911', '911 calls', 'calls', person.calls911, (c) => `${c.id} · ${c.receivedAt.slice(0, 10)} · ${c.incidentType} · priority ${c.priority}`)}
      {section('serviceRequests311', '311 service requests', 'calls', person.serviceRequests311, (r) => `${r.id} · ${r.createdAt.slice(0, 10)} · ${r.complaintType} · ${r.agency}`)}
      {section('warrants', 'Warrants', 'warrants', person.warrants, (w) => `${w.number} · ${w.type} · ${w.status} · issued ${w.issuedOn} · ${w.issuingCourt.name}`)}
      {section('ordersOfProtection', 'Orders of protection', 'warrants', person.ordersOfProtection, (o) => `${o.order.number} · ${o.role.toLowerCase()} · ${o.order.type} · ${o.order.status} · ${o.order.issuedOn} to ${o.order.expiresOn}`)}
    </main>
  );
}
