import type { Refusal } from '../api/refusalText';

/** A refused operation, in the policy's words rather than the error's JSON. */
export function RefusalNotice({ refusal }: { refusal: Refusal }) {
  return (
    <section role="alert" className="refusal" aria-labelledby="refusal-title" data-code={refusal.code}>
      <h2 id="refusal-title">{refusal.title}</h2>
      {refusal.policyWords && (
        <blockquote>
          <p>{refusal.policyWords}</p>
          <footer>NYPD Electronic Record Management Systems impact and use policy{refusal.clause ? ` [${refusal.clause}]` : ''}</footer>
        </blockquote>
      )}
      <p className="detail">The gateway said: {refusal.detail}</p>
      <p className="detail">Code {refusal.code}. Nothing was fetched; the attempt is recorded in the audit trail.</p>
    </section>
  );
}
