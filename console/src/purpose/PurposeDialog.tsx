import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DeclaredPurpose } from './DeclaredPurpose';
import { PURPOSE_CODES } from './purposeCodes';

/**
 * Declared purpose first [P5]: a modal dialog, opened before any record is fetched and whenever
 * the user changes purpose (a change is a new declaration, recorded with every later use).
 * Cancel is offered only when a purpose is already declared.
 */
export function PurposeDialog({ current, onDeclare, onCancel }: { current: DeclaredPurpose | null; onDeclare: (purpose: DeclaredPurpose) => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [code, setCode] = useState(current?.code ?? PURPOSE_CODES[0]!.code);
  const [caseNumber, setCaseNumber] = useState(current?.caseNumber ?? '');
  const [justification, setJustification] = useState(current?.justification ?? '');

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onDeclare({ code, caseNumber: caseNumber.trim(), justification: justification.trim() });
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby="purpose-title"
      aria-describedby="purpose-why"
      onCancel={(event) => {
        event.preventDefault();
        if (current) onCancel();
      }}
    >
      <form onSubmit={submit}>
        <h2 id="purpose-title">Declare your purpose</h2>
        <p id="purpose-why">
          Nothing is fetched until you say why. The purpose, case number and justification go with every request and into the audit trail; your supervisor reviews them [P5, P18].
        </p>
        <fieldset>
          <legend>Purpose</legend>
          {PURPOSE_CODES.map((purpose) => (
            <div className="choice" key={purpose.code}>
              <input type="radio" id={`purpose-${purpose.code}`} name="purpose" value={purpose.code} checked={code === purpose.code} onChange={() => setCode(purpose.code)} aria-describedby={`purpose-${purpose.code}-meaning`} />
              <label htmlFor={`purpose-${purpose.code}`}>{purpose.code}</label>
              <span id={`purpose-${purpose.code}-meaning`} className="meaning">{purpose.meaning}</span>
            </div>
          ))}
          <p className="meaning">Immigration enforcement is never a purpose: information is not shared in furtherance of immigration enforcement [P15].</p>
        </fieldset>
        <label htmlFor="purpose-case">Case or incident number</label>
        <input id="purpose-case" required maxLength={64} value={caseNumber} onChange={(e) => setCaseNumber(e.target.value)} />
        <label htmlFor="purpose-justification">Justification (10 to 1000 characters)</label>
        <textarea id="purpose-justification" required minLength={10} maxLength={1000} rows={3} value={justification} onChange={(e) => setJustification(e.target.value)} />
        <div className="actions">
          <button type="submit">Declare purpose</button>
          {current && (
            <button type="button" onClick={onCancel}>
              Keep the current purpose
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
