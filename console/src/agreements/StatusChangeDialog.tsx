import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ACTION_OF } from './agreementQueries';

/**
 * Confirms one lifecycle step of an agreement [P14], with the reason it is required to carry
 * (recorded in the agreement's history and the audit trail). A modal dialog: focus stays in it,
 * Escape cancels.
 */
export function StatusChangeDialog({ number, to, onConfirm, onCancel }: { number: string; to: string; onConfirm: (reason: string) => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) onConfirm(reason.trim());
  };
  const action = ACTION_OF[to] ?? to;
  return (
    <dialog
      ref={dialog}
      aria-labelledby="status-change-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={submit}>
        <h2 id="status-change-title">
          {action} agreement {number}?
        </h2>
        <p>
          The agreement becomes <strong>{to}</strong>; it applies to the partner’s next request. Who changed it and why go into its history and the audit trail.
        </p>
        <label htmlFor="status-change-reason">Reason (required)</label>
        <textarea id="status-change-reason" required maxLength={2000} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        <div className="actions">
          <button type="submit">
            {action}: confirm
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
