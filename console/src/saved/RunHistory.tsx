import type { SavedQueryRun } from './savedQueryApi';
import { formatInstant } from '../layout/formatInstant';

/**
 * Who ran this query, when, which version, why and with what outcome (never the variables'
 * values: only their hash is kept), each with its audit event [P18]. The owner sees everyone's
 * runs; anyone else their own.
 */
export function RunHistory({ runs }: { runs: SavedQueryRun[] | null }) {
  if (runs === null) return <p role="status">Loading the run history…</p>;
  if (!runs.length) return <p>No runs yet.</p>;
  return (
    <table>
      <caption>{runs.length === 1 ? 'The latest run' : `The latest ${runs.length} runs, newest first`}</caption>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Version</th>
          <th scope="col">Runner</th>
          <th scope="col">Purpose and case</th>
          <th scope="col">How</th>
          <th scope="col">Rows</th>
          <th scope="col">Duration</th>
          <th scope="col">Outcome</th>
          <th scope="col">Audit event</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} data-trigger={run.trigger}>
            <td>{formatInstant(run.startedAt)}</td>
            <td>{run.version}</td>
            <td>{run.runnerId}</td>
            <td>
              {run.purpose ?? '—'} <span className="meaning">{run.caseNumber ?? ''}</span>
            </td>
            <td>{run.trigger.toLowerCase()}</td>
            <td>{run.rowCount}</td>
            <td>{run.durationMs} ms</td>
            <td>
              {run.outcome}
              {run.errorCodes.length > 0 && <span className="meaning"> {run.errorCodes.join(', ')}</span>}
            </td>
            <td>{run.auditSeq ? `#${run.auditSeq}` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
