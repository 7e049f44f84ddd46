import { useEffect, useState, type FormEvent } from 'react';
import type { Session } from '../session/Session';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import { graphqlRequest } from '../api/graphqlRequest';
import { refusalOf, withheldByPath, type Refusal } from '../api/refusalText';
import { RefusalNotice } from '../layout/RefusalNotice';
import { saveFile } from '../api/saveFile';

const FIELDS = 'id requestedAt reason userId record { type id } from to status eventsScanned eventCount completedAt failure';
const LIST = `query ConsoleFocusedAudits { focusedAudits(first: 20) { ${FIELDS} } }`;
const ONE = `query ConsoleFocusedAudit($id: ID!) { focusedAudit(id: $id) { ${FIELDS} } }`;
const REQUEST = `mutation ConsoleRequestFocusedAudit($input: FocusedAuditInput!) { requestFocusedAudit(input: $input) { ${FIELDS} } }`;
const EXPORT = `mutation ConsoleExportFocusedAudit($id: ID!, $format: ExportFormat!) { exportFocusedAudit(id: $id, format: $format) { filename contentType content sha256 eventCount } }`;

interface FocusedAudit {
  id: string; requestedAt: string; reason: string; userId: string | null; record: { type: string; id: string } | null; from: string; to: string;
  status: 'REQUESTED' | 'RUNNING' | 'COMPLETED' | 'FAILED'; eventsScanned: number; eventCount: number; completedAt: string | null; failure: string | null;
}

const settled = (audit: FocusedAudit) => audit.status === 'COMPLETED' || audit.status === 'FAILED';
/** Followed every half second, for at most ten minutes: a run that long has stalled, and the list says so on reload. */
const POLL_MS = 500;
const MAX_POLLS = 1200;

/** A `datetime-local` value (the browser's time zone, to the minute) `offsetMs` from now. */
const localInput = (offsetMs: number) => {
  const at = new Date(Date.now() + offsetMs);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * Focused audits [P18]: "requests for focused audits of computer activity from IAB, Commanding
 * Officers, ICOs". One is asked for here, followed to completion with a progress bar, and
 * exported as a file; an audit of someone outside the requester's scope is refused by the
 * gateway, and the refusal is shown in words.
 */
export function FocusedAudits({ session, purpose }: { session: Session; purpose: DeclaredPurpose }) {
  const [audits, setAudits] = useState<FocusedAudit[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [form, setForm] = useState({ userId: '', personId: '', from: localInput(-7 * 86_400_000), to: localInput(2 * 60_000), reason: '' });
  const [said, setSaid] = useState('');

  useEffect(() => {
    graphqlRequest<{ focusedAudits: FocusedAudit[] | null }>(session, purpose, LIST).then((answer) => setAudits(answer.data?.focusedAudits ?? []));
  }, [session, purpose]);

  const running = audits.filter((a) => !settled(a)).map((a) => a.id).join(',');
  // Follows every unfinished audit until it settles: one poll at a time, half a second apart.
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    const poll = async (polls: number) => {
      if (stopped || polls > MAX_POLLS) return;
      for (const id of running.split(',')) {
        const answer = await graphqlRequest<{ focusedAudit: FocusedAudit | null }>(session, purpose, ONE, { id });
        const fresh = answer.data?.focusedAudit;
        if (fresh && !stopped) setAudits((list) => list.map((a) => (a.id === fresh.id ? fresh : a)));
      }
      timer = setTimeout(() => poll(polls + 1), POLL_MS);
    };
    let timer = setTimeout(() => poll(1), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running, session, purpose]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const input = {
      ...(form.userId ? { userId: form.userId } : {}),
      ...(form.personId ? { record: { type: 'Person', id: form.personId } } : {}),
      from: new Date(form.from).toISOString(),
      to: new Date(form.to).toISOString(),
      reason: form.reason,
    };
    const answer = await graphqlRequest<{ requestFocusedAudit: FocusedAudit | null }>(session, purpose, REQUEST, { input });
    const audit = answer.data?.requestFocusedAudit;
    if (!audit) {
      const withheld = withheldByPath(answer.errors).get('requestFocusedAudit');
      setRefusal(refusalOf(answer.errors) ?? { code: 'FIELD_NOT_AUTHORIZED', title: 'Focused audits are withheld from you', detail: withheld ?? 'no answer' });
      return;
    }
    setSaid(`Focused audit ${audit.id} requested.`);
    setAudits((list) => [audit, ...list]);
  };

  const exportAudit = async (audit: FocusedAudit, format: 'CSV' | 'JSON') => {
    const answer = await graphqlRequest<{ exportFocusedAudit: { filename: string; contentType: string; content: string; eventCount: number } | null }>(session, purpose, EXPORT, { id: audit.id, format });
    const file = answer.data?.exportFocusedAudit;
    if (!file) {
      setRefusal(refusalOf(answer.errors) ?? { code: 'FIELD_NOT_AUTHORIZED', title: 'Not exported', detail: withheldByPath(answer.errors).get('exportFocusedAudit') ?? 'no answer' });
      return;
    }
    saveFile(file.filename, new Blob([file.content], { type: file.contentType }));
    setSaid(`Focused audit ${audit.id} exported as ${file.filename} (${file.eventCount} events); the export is recorded in the audit trail.`);
  };

  const field = (key: 'userId' | 'personId' | 'from' | 'to', label: string, type = 'text') => (
    <div className="filter">
      <label htmlFor={`focused-${key}`}>{label}</label>
      <input id={`focused-${key}`} type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </div>
  );
  return (
    <section aria-labelledby="focused-title">
      <h2 id="focused-title">Focused audits</h2>
      <form onSubmit={submit} aria-label="Request a focused audit" className="filters">
        {field('userId', 'Member of the service (id)')}
        {field('personId', 'Or a record released: person id')}
        {field('from', 'From', 'datetime-local')}
        {field('to', 'Until', 'datetime-local')}
        <div className="filter">
          <label htmlFor="focused-reason">Why the audit is needed</label>
          <textarea id="focused-reason" className="comment" rows={2} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
        </div>
        <button type="submit">Request focused audit</button>
      </form>
      {refusal && <RefusalNotice refusal={refusal} />}
      <p role="status">{said}</p>
      {audits.length > 0 && (
        <table>
          <caption>Your focused audits, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Audit</th>
              <th scope="col">Of</th>
              <th scope="col">Period</th>
              <th scope="col">Progress</th>
              <th scope="col">Export</th>
            </tr>
          </thead>
          <tbody>
            {audits.map((audit) => (
              <tr key={audit.id} data-audit={audit.id}>
                <td>
                  {audit.id} <span className="meaning">{audit.reason}</span>
                </td>
                <td>{audit.userId ? `user ${audit.userId}` : audit.record ? `${audit.record.type} ${audit.record.id}` : '—'}</td>
                <td>
                  {audit.from.slice(0, 16).replace('T', ' ')} to {audit.to.slice(0, 16).replace('T', ' ')}
                </td>
                <td>
                  <AuditProgress audit={audit} />
                </td>
                <td>
                  {audit.status === 'COMPLETED' ? (
                    <span className="actions">
                      <button type="button" onClick={() => exportAudit(audit, 'CSV')} aria-label={`Export focused audit ${audit.id} as CSV`}>
                        CSV
                      </button>
                      <button type="button" onClick={() => exportAudit(audit, 'JSON')} aria-label={`Export focused audit ${audit.id} as JSON`}>
                        JSON
                      </button>
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The run's progress: unknown until it settles (the trail's size is not known ahead), then full. */
function AuditProgress({ audit }: { audit: FocusedAudit }) {
  const id = `progress-${audit.id}`;
  const done = settled(audit);
  return (
    <>
      <span id={id}>Focused audit {audit.id}</span>{' '}
      {done ? <progress aria-labelledby={id} max={1} value={1} /> : <progress aria-labelledby={id} />}{' '}
      <span data-testid="audit-status">
        {audit.status}: {audit.eventsScanned} events scanned
        {audit.status === 'COMPLETED' && `, ${audit.eventCount} matching`}
        {audit.failure && ` (${audit.failure})`}
      </span>
    </>
  );
}
