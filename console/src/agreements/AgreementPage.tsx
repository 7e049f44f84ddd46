import { useEffect, useState } from 'react';
import { graphqlRequest, type GraphQLAnswer } from '../api/graphqlRequest';
import { refusalOf, type Refusal } from '../api/refusalText';
import { RefusalNotice } from '../layout/RefusalNotice';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import type { Session } from '../session/Session';
import { ACTION_OF, AGREEMENT, CHANGE_STATUS, when, type AgreementDetail } from './agreementQueries';
import { StatusChangeDialog } from './StatusChangeDialog';

/** Lifecycle refusals (FORBIDDEN with a reason) in words: which rule of the lifecycle stopped it. */
const LIFECYCLE_REFUSALS: Record<string, string> = {
  SELF_APPROVAL: 'Refused: the person who drafted an agreement does not approve it (two people for every agreement)',
  TRANSITION: 'Refused: that is not a step of the agreement’s lifecycle from where it is now',
  PAST_EXPIRY: 'Refused: an agreement past its expiry cannot be activated',
};

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/**
 * One written agreement [P14]: its agency, terms, conditions and lifecycle history, and the
 * lifecycle steps open to it now, each behind a confirmation with a required reason.
 */
export function AgreementPage({ session, purpose, number }: { session: Session; purpose: DeclaredPurpose; number: string }) {
  const [version, setVersion] = useState(0);
  const [changing, setChanging] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [answer, setAnswer] = useState<GraphQLAnswer<{ agreement: AgreementDetail | null }> | null>(null);
  // Read again after every change: the status and history shown are the store's.
  useEffect(() => {
    let current = true;
    graphqlRequest<{ agreement: AgreementDetail | null }>(session, purpose, AGREEMENT, { number }).then((loaded) => current && setAnswer(loaded));
    return () => {
      current = false;
    };
  }, [session.token, purpose, number, version]);
  const agreement = answer?.data?.agreement;
  const loadRefusal = answer ? refusalOf(answer.errors) : null;

  const change = async (to: string, reason: string) => {
    setChanging(null);
    setRefusal(null);
    setDone(null);
    const outcome = await graphqlRequest<{ changeAgreementStatus: { status: string } | null }>(session, purpose, CHANGE_STATUS, { number, status: to, reason });
    const refused = refusalOf(outcome.errors);
    if (refused) {
      const reasonCode = String(outcome.errors[0]?.extensions?.reason ?? '');
      setRefusal(LIFECYCLE_REFUSALS[reasonCode] ? { ...refused, title: LIFECYCLE_REFUSALS[reasonCode]! } : refused);
      return;
    }
    setDone(`Agreement ${number} is now ${outcome.data?.changeAgreementStatus?.status ?? to}.`);
    setVersion((v) => v + 1);
  };

  return (
    <main aria-labelledby="agreement-title">
      <h1 id="agreement-title">Agreement {number}</h1>
      {!answer && <p role="status">Loading the agreement…</p>}
      {loadRefusal && <RefusalNotice refusal={loadRefusal} />}
      {answer && !loadRefusal && !agreement && <p role="alert">There is no agreement {number}.</p>}
      {refusal && <RefusalNotice refusal={refusal} />}
      {done && <p role="status" className="notice">{done}</p>}
      {agreement && (
        <>
          <p>
            Status <strong data-testid="agreement-status">{agreement.status}</strong> · drafted by {agreement.createdBy}
          </p>
          {agreement.nextStatuses.length > 0 ? (
            <div className="actions" role="group" aria-label="Lifecycle">
              {agreement.nextStatuses.map((to) => (
                <button type="button" key={to} onClick={() => setChanging(to)}>
                  {ACTION_OF[to] ?? to}
                </button>
              ))}
            </div>
          ) : (
            <p>The agreement is {agreement.status}: its lifecycle has ended.</p>
          )}
          <dl className="identity">
            <div><dt>Agency</dt><dd>{agreement.agency.name}</dd></div>
            <div><dt>ORI</dt><dd>{agreement.agency.ori}</dd></div>
            <div><dt>Kind</dt><dd>{agreement.agency.kind}</dd></div>
            <div><dt>In effect</dt><dd>{when(agreement.effectiveFrom)} to {when(agreement.expiresAt)} UTC</dd></div>
            <div><dt>Purposes</dt><dd>{agreement.purposes.join(', ')}</dd></div>
            <div><dt>Record systems</dt><dd>{agreement.systems.join(', ')}</dd></div>
            <div><dt>Categories</dt><dd>{agreement.categories.join(', ')}</dd></div>
            <div><dt>Daily request cap</dt><dd>{agreement.dailyRequestCap}</dd></div>
            <div><dt>OAuth client</dt><dd>{agreement.clientId ?? '—'}</dd></div>
            <div><dt>Partner users</dt><dd>{agreement.partnerUsers.join(', ') || '—'}</dd></div>
            <div><dt>Signatories</dt><dd>{agreement.signatories.map((s) => `${s.name}, ${s.title} (${s.signsFor.toLowerCase()})`).join('; ')}</dd></div>
            <div><dt>Signed document (SHA-256)</dt><dd className="hash">{agreement.documentSha256}</dd></div>
          </dl>
          <section aria-labelledby="conditions-title">
            <h2 id="conditions-title">Conditions</h2>
            <ul>
              <li>Confidentiality: {yesNo(agreement.conditions.confidentiality)}</li>
              <li>No redisclosure without the department’s approval: {yesNo(agreement.conditions.noRedisclosureWithoutApproval)}</li>
              <li>Notice of legal process received: {yesNo(agreement.conditions.legalProcessNotice)}</li>
            </ul>
          </section>
          <section aria-labelledby="operations-title">
            <h2 id="operations-title">Approved operations</h2>
            {agreement.approvedOperations.length === 0 ? (
              <p>None published: the partner can run nothing yet.</p>
            ) : (
              <ul>
                {agreement.approvedOperations.map((o) => (
                  <li key={`${o.name}-${o.version}`}>
                    {o.name} v{o.version}
                    {o.valid ? '' : ' (invalid against the current schema: not served)'}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="history-title">
            <h2 id="history-title">Lifecycle history</h2>
            <table>
              <caption>Every change of status, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">By</th>
                  <th scope="col">Change</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {agreement.history.map((h, i) => (
                  <tr key={i}>
                    <td>{when(h.changedAt)}</td>
                    <td>{h.changedBy}</td>
                    <td>{h.from ? `${h.from} → ${h.to}` : `created as ${h.to}`}</td>
                    <td>{h.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
      {changing && agreement && <StatusChangeDialog number={agreement.number} to={changing} onConfirm={(reason) => void change(changing, reason)} onCancel={() => setChanging(null)} />}
    </main>
  );
}
