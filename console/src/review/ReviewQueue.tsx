import { useState, type FormEvent } from 'react';
import type { Session } from '../session/Session';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import { graphqlRequest } from '../api/graphqlRequest';
import { useOperation } from '../api/useOperation';
import { refusalOf, withheldByPath, type Refusal } from '../api/refusalText';
import { RefusalNotice } from '../layout/RefusalNotice';
import { RecordsReleased } from '../audit/RecordsReleased';
import { formatInstant } from '../layout/formatInstant';

const QUEUE = `query ConsoleReviewQueue($unacknowledgedOnly: Boolean, $olderThanHours: Int, $flagged: Boolean) {
  usesToReview(unacknowledgedOnly: $unacknowledgedOnly, olderThanHours: $olderThanHours, flagged: $flagged, first: 50) { totalCount edges { node { ...Use } } }
  overdueReviews(first: 200) { totalCount edges { node { seq } } }
}
fragment Use on AuditEvent {
  seq occurredAt userId command purpose caseNumber justification operationName outcome guards flags fieldsRemoved records { type id } withheldRecords
  acknowledgement { by at comment }
}`;

const ACKNOWLEDGE = `mutation ConsoleAcknowledgeUse($seq: ID!, $comment: String!) { acknowledgeUse(seq: $seq, comment: $comment) { seq acknowledgement { by at comment } } }`;

interface Use {
  seq: string; occurredAt: string; userId: string | null; command: string | null; purpose: string | null; caseNumber: string | null; justification: string | null;
  operationName: string | null; outcome: string | null; guards: string[]; flags: string[]; fieldsRemoved: string[]; records: { type: string; id: string }[];
  withheldRecords: number; acknowledgement: { by: string; at: string; comment: string } | null;
}
interface QueueData {
  usesToReview: { totalCount: number; edges: { node: Use }[] } | null;
  overdueReviews: { totalCount: number; edges: { node: { seq: string } }[] } | null;
}

interface Filters {
  unacknowledgedOnly: boolean;
  flagged: '' | 'true' | 'false';
  olderThanHours: string;
}

const toVariables = (f: Filters) => ({
  unacknowledgedOnly: f.unacknowledgedOnly,
  flagged: f.flagged === '' ? null : f.flagged === 'true',
  olderThanHours: f.olderThanHours === '' ? null : Number(f.olderThanHours),
});

/**
 * The supervisor's review queue [P18]: "reasons for use must be discussed with a supervisor".
 * The uses of the people the reader supervises with the reasons they gave, what was released and
 * what withheld; each acknowledged once, with a comment, and then it leaves the queue. The
 * gateway decides whose uses these are; the screen only asks.
 */
export function ReviewQueue({ session, purpose }: { session: Session; purpose: DeclaredPurpose }) {
  const [draft, setDraft] = useState<Filters>({ unacknowledgedOnly: true, flagged: '', olderThanHours: '' });
  const [applied, setApplied] = useState<Filters>(draft);
  const [reloads, setReloads] = useState(0);
  const [said, setSaid] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };
  return (
    <main aria-labelledby="review-title">
      <h1 id="review-title">Review queue</h1>
      <p className="meaning">The uses of the people you supervise, with the reasons they gave. Acknowledge each with a comment once you have discussed it.</p>
      <form onSubmit={submit} aria-label="Filter the review queue" className="filters">
        <div className="filter">
          <label htmlFor="review-unacknowledged">
            <input id="review-unacknowledged" type="checkbox" checked={draft.unacknowledgedOnly} onChange={(e) => setDraft({ ...draft, unacknowledgedOnly: e.target.checked })} /> Unacknowledged only
          </label>
        </div>
        <div className="filter">
          <label htmlFor="review-flagged">Flags</label>
          <select id="review-flagged" value={draft.flagged} onChange={(e) => setDraft({ ...draft, flagged: e.target.value as Filters['flagged'] })}>
            <option value="">Every use</option>
            <option value="true">Flagged for review only</option>
            <option value="false">Not flagged only</option>
          </select>
        </div>
        <div className="filter">
          <label htmlFor="review-older">Older than (hours)</label>
          <input id="review-older" type="number" min={0} max={8760} value={draft.olderThanHours} onChange={(e) => setDraft({ ...draft, olderThanHours: e.target.value })} />
        </div>
        <button type="submit">Apply filters</button>
      </form>
      <p role="status">{said}</p>
      <QueueTable
        key={reloads}
        session={session}
        purpose={purpose}
        variables={toVariables(applied)}
        acknowledged={(use) => {
          setSaid(`Use ${use.seq} by ${use.userId ?? 'unknown'} acknowledged.`);
          setReloads((n) => n + 1);
        }}
      />
    </main>
  );
}

function QueueTable(props: { session: Session; purpose: DeclaredPurpose; variables: Record<string, unknown>; acknowledged: (use: Use) => void }) {
  const result = useOperation<QueueData>(props.session, props.purpose, QUEUE, props.variables);
  if (!result || result.loading) return <p role="status">Loading the review queue…</p>;
  const { answer } = result;
  const refusal = refusalOf(answer.errors);
  const withheld = withheldByPath(answer.errors).get('usesToReview');
  const queue = answer.data?.usesToReview;
  const overdue = new Set((answer.data?.overdueReviews?.edges ?? []).map((e) => e.node.seq));
  if (refusal) return <RefusalNotice refusal={refusal} />;
  if (withheld || !queue) return <p role="alert" className="refusal">The review queue is withheld: {withheld ?? 'no answer'}</p>;
  return (
    <table>
      <caption>
        {queue.totalCount} uses to review, newest first (the latest 50 shown); {answer.data?.overdueReviews?.totalCount ?? 0} overdue
      </caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Purpose and case</th>
          <th scope="col">Justification</th>
          <th scope="col">Outcome and flags</th>
          <th scope="col">Released</th>
          <th scope="col">Withheld</th>
          <th scope="col">Review</th>
        </tr>
      </thead>
      <tbody>
        {queue.edges.map(({ node }) => (
          <tr key={node.seq} data-user={node.userId ?? ''} data-seq={node.seq}>
            <td>
              {formatInstant(node.occurredAt)}
              {overdue.has(node.seq) && <strong className="overdue"> overdue</strong>}
            </td>
            <td>
              {node.userId ?? '—'} <span className="meaning">{node.command ?? ''}</span>
            </td>
            <td>
              {node.purpose ?? '—'} <span className="meaning">{node.caseNumber ?? ''}</span>
            </td>
            <td>{node.justification ?? '—'}</td>
            <td>
              {node.operationName ?? ''} {node.outcome ?? '—'}
              {node.guards.length > 0 && <span className="meaning"> refused by {node.guards.join(', ')}</span>}
              {node.flags.length > 0 && <strong className="flag"> flagged {node.flags.join(', ')}</strong>}
            </td>
            <td>
              <RecordsReleased records={node.records} />
              {node.withheldRecords > 0 && <span className="meaning"> and {node.withheldRecords} sealed or juvenile records not named to you</span>}
            </td>
            <td>{node.fieldsRemoved.length ? node.fieldsRemoved.join(', ') : '—'}</td>
            <td>{node.acknowledgement ? <Acknowledged acknowledgement={node.acknowledgement} /> : <AcknowledgeForm {...props} use={node} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const Acknowledged = ({ acknowledgement }: { acknowledgement: NonNullable<Use['acknowledgement']> }) => (
  <span>
    acknowledged by {acknowledgement.by}: “{acknowledgement.comment}”
  </span>
);

/** One acknowledgement: a comment of at least three characters, as the gateway requires. */
function AcknowledgeForm({ session, purpose, use, acknowledged }: { session: Session; purpose: DeclaredPurpose; use: Use; acknowledged: (use: Use) => void }) {
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const id = `ack-${use.seq}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    const answer = await graphqlRequest<{ acknowledgeUse: { seq: string } | null }>(session, purpose, ACKNOWLEDGE, { seq: use.seq, comment });
    setSending(false);
    const refused = refusalOf(answer.errors);
    if (refused || !answer.data?.acknowledgeUse) {
      setRefusal(refused ?? { code: 'FIELD_NOT_AUTHORIZED', title: 'Not acknowledged', detail: withheldByPath(answer.errors).get('acknowledgeUse') ?? 'no answer' });
      return;
    }
    acknowledged(use);
  };
  return (
    <form onSubmit={submit} aria-label={`Acknowledge use ${use.seq}`}>
      <label htmlFor={id}>Comment</label>
      <textarea id={id} className="comment" rows={2} required minLength={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      <button type="submit" disabled={sending}>
        Acknowledge
      </button>
      {refusal && (
        <p role="alert" className="refusal">
          {refusal.title}: {refusal.detail}
        </p>
      )}
    </form>
  );
}
