import { useEffect, useState } from 'react';
import { refusalOf } from '../api/refusalText';
import { RefusalNotice } from '../layout/RefusalNotice';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import type { Session } from '../session/Session';
import { createExport, downloadExport, type ExportOutcome, type SavedQueryExport } from './savedQueryApi';
import { formatInstant } from '../layout/formatInstant';

const FORMATS = ['CSV', 'JSON'] as const;

type State =
  | { step: 'idle' }
  | { step: 'running'; format: string; startedAt: number }
  | { step: 'done'; record: SavedQueryExport; note: string }
  | { step: 'refused'; outcome: Extract<ExportOutcome, { ok: false }> };

/**
 * Export buttons (CSV, JSON): the gateway runs every page as the runner with the declared
 * purpose and writes the file; the console shows progress until it is ready, then hands the
 * file to the browser. Each export and each download is an EXPORT audit event [P18]; earlier
 * exports of this query can be downloaded again until they expire.
 */
export function ExportPanel(props: {
  session: Session;
  purpose: DeclaredPurpose;
  savedQueryId: string;
  version: number;
  /** The form's variables, or null when a parameter has a problem (shown beside it). */
  variables: () => Record<string, unknown> | null;
  exports: SavedQueryExport[];
  onExported: () => void;
}) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (state.step !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [state.step]);

  const download = async (record: SavedQueryExport) => {
    const result = await downloadExport(props.session, record);
    if (!result.ok) return `the download was refused: ${result.message}`;
    return result.verified ? 'downloaded; its SHA-256 matches the one recorded in the audit trail' : 'downloaded, but its SHA-256 does not match the one recorded: do not use it';
  };

  const start = async (format: (typeof FORMATS)[number]) => {
    const variables = props.variables();
    if (!variables) return;
    setState({ step: 'running', format, startedAt: Date.now() });
    setNow(Date.now());
    const outcome = await createExport(props.session, props.purpose, { savedQueryId: props.savedQueryId, version: props.version, format, variables }).catch(
      (error: unknown): ExportOutcome => ({ ok: false, errors: [{ message: `the gateway could not be reached: ${String(error)}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }),
    );
    props.onExported();
    if (!outcome.ok) return setState({ step: 'refused', outcome });
    setState({ step: 'done', record: outcome.record, note: await download(outcome.record) });
  };

  const mine = props.exports.filter((e) => e.savedQueryId === props.savedQueryId);
  const refusal = state.step === 'refused' ? refusalOf(state.outcome.errors) : null;
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="meaning">Every page, with the parameters above and your declared purpose; the file is kept for you until it expires.</p>
      <div className="actions">
        {FORMATS.map((format) => (
          <button key={format} type="button" disabled={state.step === 'running'} onClick={() => void start(format)}>
            Export {format}
          </button>
        ))}
      </div>
      {state.step === 'running' && (
        <p role="status">
          <progress aria-label={`Export as ${state.format} running`} /> Exporting as {state.format}: the gateway is fetching every page ({Math.round((now - state.startedAt) / 1000)} s)…
        </p>
      )}
      {state.step === 'done' && (
        <p role="status" data-testid="export-done">
          Export {state.record.id} ready: {state.record.rowCount} rows as {state.record.format}; {state.note}.
        </p>
      )}
      {refusal && <RefusalNotice refusal={refusal} />}
      {mine.length > 0 && (
        <table>
          <caption>Your exports of this query (each download is recorded)</caption>
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Version</th>
              <th scope="col">Format</th>
              <th scope="col">Rows</th>
              <th scope="col">State</th>
              <th scope="col">Expires</th>
              <th scope="col">File</th>
            </tr>
          </thead>
          <tbody>
            {mine.map((record) => (
              <tr key={record.id}>
                <td>{formatInstant(record.createdAt)}</td>
                <td>{record.version}</td>
                <td>{record.format}</td>
                <td>{record.rowCount}</td>
                <td>{record.status.toLowerCase()}{record.failure ? `: ${record.failure}` : ''}</td>
                <td>{record.expiresAt.slice(0, 10)}</td>
                <td>
                  {record.status === 'READY' ? (
                    <button type="button" aria-label={`Download ${record.id} again`} onClick={() => void download(record).then((note) => setState({ step: 'done', record, note }))}>
                      Download
                    </button>
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
