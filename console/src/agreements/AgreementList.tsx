import { useState } from 'react';
import { useOperation } from '../api/useOperation';
import { refusalOf, withheldByPath } from '../api/refusalText';
import { RefusalNotice } from '../layout/RefusalNotice';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import type { Session } from '../session/Session';
import { AGREEMENTS, when, type AgreementsData } from './agreementQueries';

const STATUSES = ['DRAFT', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'TERMINATED'];

/**
 * The written agreements with partner agencies [P14], for the Agency Privacy Officer and the
 * Legal Bureau: every agreement (by status), those expiring within 30 days, and what partners
 * asked of the department: open legal-process notices and pending redisclosure requests.
 */
export function AgreementList({ session, purpose, openAgreement }: { session: Session; purpose: DeclaredPurpose; openAgreement: (number: string) => void }) {
  const [status, setStatus] = useState('');
  const result = useOperation<AgreementsData>(session, purpose, AGREEMENTS, { status: status || null });
  const answer = result?.answer;
  const refusal = answer ? refusalOf(answer.errors) : null;
  const withheld = answer ? withheldByPath(answer.errors).get('agreements') : undefined;
  const link = (number: string) => (
    <a
      href={`/console/agreements/${encodeURIComponent(number)}`}
      onClick={(event) => {
        event.preventDefault();
        openAgreement(number);
      }}
    >
      {number}
    </a>
  );
  return (
    <main aria-labelledby="agreements-title">
      <h1 id="agreements-title">Partner agreements</h1>
      <div className="filter">
        <label htmlFor="agreement-status">Status</label>
        <select id="agreement-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">every status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      {result?.loading && <p role="status">Loading the agreements…</p>}
      {refusal && <RefusalNotice refusal={refusal} />}
      {withheld && (
        <p role="alert" className="refusal">
          The agreements are withheld: {withheld}
        </p>
      )}
      {answer?.data?.agreements && (
        <table>
          <caption>{answer.data.agreements.length} agreements{status ? ` ${status}` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Agreement</th>
              <th scope="col">Agency (ORI)</th>
              <th scope="col">Status</th>
              <th scope="col">Purposes</th>
              <th scope="col">In effect</th>
            </tr>
          </thead>
          <tbody>
            {answer.data.agreements.map((a) => (
              <tr key={a.number}>
                <td>{link(a.number)}</td>
                <td>
                  {a.agency.name} <span className="meaning">({a.agency.ori})</span>
                </td>
                <td>{a.status}</td>
                <td>{a.purposes.join(', ')}</td>
                <td>
                  {a.effectiveFrom.slice(0, 10)} to {a.expiresAt.slice(0, 10)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {answer?.data?.expiringAgreements && (
        <section aria-labelledby="expiring-title">
          <h2 id="expiring-title">Expiring within 30 days</h2>
          {answer.data.expiringAgreements.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul>
              {answer.data.expiringAgreements.map((a) => (
                <li key={a.number}>
                  {link(a.number)} {a.agency.name}: expires {when(a.expiresAt)} UTC
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {answer?.data?.openLegalProcessNotices && (
        <section aria-labelledby="notices-title">
          <h2 id="notices-title">Open legal-process notices</h2>
          {answer.data.openLegalProcessNotices.length === 0 ? (
            <p>None open.</p>
          ) : (
            <ul>
              {answer.data.openLegalProcessNotices.map((n) => (
                <li key={n.id}>
                  {link(n.agreementNumber)} {n.kind} received {n.receivedOn}, due <strong>{n.dueOn}</strong>: {n.description}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {answer?.data?.redisclosureRequests && (
        <section aria-labelledby="redisclosures-title">
          <h2 id="redisclosures-title">Redisclosure requests awaiting a decision</h2>
          {answer.data.redisclosureRequests.length === 0 ? (
            <p>None pending.</p>
          ) : (
            <ul>
              {answer.data.redisclosureRequests.map((r) => (
                <li key={r.id}>
                  {link(r.agreementNumber)} to {r.recipient} ({when(r.requestedAt)}): {r.records}. Why: {r.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </main>
  );
}
