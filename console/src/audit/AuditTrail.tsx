import { useState, type FormEvent } from 'react';
import type { Session } from '../session/Session';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import { useOperation } from '../api/useOperation';
import { refusalOf, withheldByPath } from '../api/refusalText';
import { RefusalNotice } from '../layout/RefusalNotice';
import { RecordsReleased } from './RecordsReleased';
import { FocusedAudits } from './FocusedAudits';
import { formatInstant } from '../layout/formatInstant';

const AUDIT_EVENTS = `query ConsoleAuditEvents($filter: AuditEventFilter, $first: Int) {
  auditEvents(filter: $filter, first: $first) {
    totalCount
    edges { node { seq occurredAt kind userId command purpose caseNumber justification operationName outcome guards flags fieldsRemoved records { type id } } }
  }
}`;

interface AuditData {
  auditEvents: {
    totalCount: number;
    edges: {
      node: {
        seq: string; occurredAt: string; kind: string; userId: string | null; command: string | null; purpose: string | null; caseNumber: string | null;
        justification: string | null; operationName: string | null; outcome: string | null; guards: string[]; flags: string[]; fieldsRemoved: string[];
        records: { type: string; id: string }[];
      };
    }[];
  } | null;
}

interface Filters {
  userId: string;
  purpose: string;
  guard: string;
  recordId: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { userId: '', purpose: '', guard: '', recordId: '', from: '', to: '' };

/** The filter as the schema takes it: blank boxes are no criterion. */
function toFilter(filters: Filters): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (filters.userId) filter.userId = filters.userId;
  if (filters.purpose) filter.purpose = filters.purpose;
  if (filters.guard) filter.guard = filters.guard;
  if (filters.recordId) filter.record = { type: 'Person', id: filters.recordId };
  if (filters.from) filter.from = new Date(filters.from).toISOString();
  if (filters.to) filter.to = new Date(filters.to).toISOString();
  return filter;
}

/**
 * The audit trail for oversight roles [P18]: who looked at what, when and why, newest first,
 * within the reader's scope (IAB and the Privacy Officer: everyone; an ICO: their command; a
 * supervisor: their people). Reading it is itself recorded.
 */
export function AuditTrail({ session, purpose }: { session: Session; purpose: DeclaredPurpose }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const result = useOperation<AuditData>(session, purpose, AUDIT_EVENTS, { filter: toFilter(applied), first: 50 });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };
  const input = (key: keyof Filters, label: string, type = 'text') => (
    <div className="filter">
      <label htmlFor={`audit-${key}`}>{label}</label>
      <input id={`audit-${key}`} type={type} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </div>
  );
  const refusal = result?.answer ? refusalOf(result.answer.errors) : null;
  const events = result?.answer?.data?.auditEvents;
  // [P18] outside oversight roles the policy removes the whole trail: say so, with its reason.
  const withheld = result?.answer ? withheldByPath(result.answer.errors).get('auditEvents') : undefined;
  return (
    <main aria-labelledby="audit-title">
      <h1 id="audit-title">Audit trail</h1>
      {!withheld && <FocusedAudits session={session} purpose={purpose} />}
      <h2>Events</h2>
      <form onSubmit={submit} aria-label="Filter the audit trail" className="filters">
        {input('userId', 'User')}
        {input('purpose', 'Purpose code')}
        {input('guard', 'Refused by guard (e.g. IMMIGRATION_ENFORCEMENT_BLOCKED)')}
        {input('recordId', 'Person released (id)')}
        {input('from', 'From', 'datetime-local')}
        {input('to', 'Until', 'datetime-local')}
        <button type="submit">Apply filters</button>
      </form>
      {result?.loading && <p role="status">Loading the audit trail…</p>}
      {refusal && <RefusalNotice refusal={refusal} />}
      {withheld && (
        <p role="alert" className="refusal">
          The audit trail is withheld: {withheld}
        </p>
      )}
      {events && (
        <table>
          <caption>{events.totalCount} events in your scope match; newest first, the latest 50 shown</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">User</th>
              <th scope="col">Purpose and case</th>
              <th scope="col">Justification</th>
              <th scope="col">Operation</th>
              <th scope="col">Outcome</th>
              <th scope="col">Records released</th>
            </tr>
          </thead>
          <tbody>
            {events.edges.map(({ node }) => (
              <tr key={node.seq} data-user={node.userId ?? ''}>
                <td>{formatInstant(node.occurredAt)}</td>
                <td>
                  {node.userId ?? '—'} <span className="meaning">{node.command ?? ''}</span>
                </td>
                <td>
                  {node.purpose ?? '—'} <span className="meaning">{node.caseNumber ?? ''}</span>
                </td>
                <td>{node.justification ?? '—'}</td>
                <td>{node.operationName ?? node.kind}</td>
                <td>
                  {node.outcome ?? '—'}
                  {node.guards.length > 0 && <span className="meaning"> refused by {node.guards.join(', ')}</span>}
                  {node.flags.length > 0 && <span className="meaning"> flagged {node.flags.join(', ')}</span>}
                  {node.fieldsRemoved.length > 0 && <span className="meaning"> withheld {node.fieldsRemoved.join(', ')}</span>}
                </td>
                <td>
                  <RecordsReleased records={node.records} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
