import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { nextCursor } from '../../../subgraphs/governance/workspace/ColumnMapping';
import { graphqlRequest, type GraphQLAnswer } from '../api/graphqlRequest';
import { refusalOf, withheldByPath } from '../api/refusalText';
import { useOperation } from '../api/useOperation';
import { formatInstant } from '../layout/formatInstant';
import { RefusalNotice } from '../layout/RefusalNotice';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import type { Session } from '../session/Session';
import { ExportPanel } from './ExportPanel';
import { ParameterForm } from './ParameterForm';
import { variablesFrom, type FormValue } from './parameterControl';
import { resultTable, type ResultTable } from './resultTable';
import { ResultView } from './ResultView';
import { RunHistory } from './RunHistory';
import {
  runSavedQuery, SAVED_QUERY, SAVED_QUERY_EXPORTS, SAVED_QUERY_RUNS, sharingOf,
  type SavedQueryDetail, type SavedQueryExport, type SavedQueryRun, type SavedQueryVersion,
} from './savedQueryApi';

type Run = { answer: GraphQLAnswer<Record<string, unknown>>; table: ResultTable | null; more: boolean };

/**
 * One saved query: what it asks, its versions, a parameter form generated from the operation's
 * variable types, Run (with the runner's declared purpose and rights [P5]), the rows with what
 * was withheld and why, the run history and exports [P18]. A broken query shows why and
 * offers no Run: it never runs against a schema it was not written for.
 */
export function SavedQueryPage({ session, purpose, savedQueryId }: { session: Session; purpose: DeclaredPurpose; savedQueryId: string }) {
  const result = useOperation<{ savedQuery: SavedQueryDetail | null }>(session, purpose, SAVED_QUERY, { id: savedQueryId });
  const query = result?.answer?.data?.savedQuery ?? null;
  const [versionNumber, setVersionNumber] = useState<number | null>(null);
  const [values, setValues] = useState<Record<string, FormValue>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [running, setRunning] = useState(false);
  const [run, setRun] = useState<Run | null>(null);
  const [runs, setRuns] = useState<SavedQueryRun[] | null>(null);
  const [exports, setExports] = useState<SavedQueryExport[]>([]);

  const refresh = useCallback(() => {
    void graphqlRequest<{ savedQueryRuns: SavedQueryRun[] | null }>(session, purpose, SAVED_QUERY_RUNS, { id: savedQueryId }).then((a) => setRuns(a.data?.savedQueryRuns ?? []));
    void graphqlRequest<{ savedQueryExports: SavedQueryExport[] | null }>(session, purpose, SAVED_QUERY_EXPORTS).then((a) => setExports(a.data?.savedQueryExports ?? []));
  }, [session, purpose, savedQueryId]);
  useEffect(refresh, [refresh]);

  if (!result || result.loading) return <main><p role="status">Loading the saved query…</p></main>;
  if (!query) {
    const refusal = refusalOf(result.answer.errors);
    const withheld = withheldByPath(result.answer.errors).get('savedQuery');
    return (
      <main aria-labelledby="query-title">
        <h1 id="query-title">Saved query {savedQueryId}</h1>
        {refusal ? <RefusalNotice refusal={refusal} /> : <p role="alert">{withheld ? `Saved queries are withheld: ${withheld}` : `No saved query ${savedQueryId} that you may run.`}</p>}
      </main>
    );
  }

  const version: SavedQueryVersion = query.versions.find((v) => v.version === (versionNumber ?? query.currentVersion)) ?? query.versions[0]!;
  // `$after` is the paging cursor the export walks with, not a question the user answers.
  const parameters = version.parameters.filter((p) => !(version.columns.pageInfo && p.name === 'after'));
  const variables = () => {
    const read = variablesFrom(parameters, values);
    setProblems(read.problems);
    return Object.keys(read.problems).length ? null : read.variables;
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const vars = variables();
    if (!vars) return;
    setRunning(true);
    const answer = await runSavedQuery(session, purpose, query.id, version.version, vars);
    setRun({ answer, table: answer.data ? resultTable(answer.data, answer.errors, version.columns) : null, more: answer.data ? nextCursor(answer.data, version.columns) !== null : false });
    setRunning(false);
    refresh();
  };
  const refusal = run ? refusalOf(run.answer.errors) : null;
  const owner = query.ownerId === session.userId ? 'you' : query.ownerId;

  return (
    <main aria-labelledby="query-title">
      <h1 id="query-title">
        {query.name} <span className="meaning">({query.id})</span>
      </h1>
      <p>{query.description || 'No description.'}</p>
      <dl className="identity">
        <div><dt>Owner</dt><dd>{owner}</dd></div>
        <div><dt>Current version</dt><dd>{query.currentVersion}</dd></div>
        <div><dt>Tags</dt><dd>{query.tags.join(', ') || '—'}</dd></div>
        <div><dt>Sharing</dt><dd>{sharingOf(query.shares)}</dd></div>
        <div>
          <dt>Suggested purpose</dt>
          <dd>{query.suggestedPurpose ?? '—'} <span className="meaning">(only a suggestion: each run carries the purpose you declared [P5])</span></dd>
        </div>
      </dl>

      {query.broken ? (
        <section role="alert" className="refusal" aria-labelledby="broken-title" data-testid="broken">
          <h2 id="broken-title">This saved query is broken</h2>
          <p>It no longer validates against the schema in force: {query.brokenReason}</p>
          <p className="detail">It will not run or export until its owner revises it: nothing runs against a schema it was not written for.</p>
        </section>
      ) : (
        <>
          <form onSubmit={(e) => void submit(e)} aria-labelledby="run-title" noValidate>
            <h2 id="run-title">Run</h2>
            {query.versions.length > 1 && (
              <>
                <label htmlFor="saved-version">Version to run</label>
                <select
                  id="saved-version"
                  value={version.version}
                  onChange={(e) => {
                    setVersionNumber(Number(e.target.value));
                    setValues({});
                    setProblems({});
                  }}
                >
                  {query.versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      version {v.version}
                      {v.version === query.currentVersion ? ' (current)' : ''}: {v.changeNote}
                    </option>
                  ))}
                </select>
              </>
            )}
            {parameters.length === 0 && <p>This query has no parameters.</p>}
            <ParameterForm parameters={parameters} values={values} problems={problems} onChange={(name, value) => setValues({ ...values, [name]: value })} />
            <div className="actions">
              <button type="submit" disabled={running}>
                Run
              </button>
            </div>
          </form>
          {running && <p role="status">Running…</p>}
          {run && (
            <section aria-labelledby="results-title">
              <h2 id="results-title">Results</h2>
              {refusal && <RefusalNotice refusal={refusal} />}
              {run.table && <ResultView table={run.table} more={run.more} />}
            </section>
          )}
          <ExportPanel session={session} purpose={purpose} savedQueryId={query.id} version={version.version} variables={variables} exports={exports} onExported={refresh} />
        </>
      )}

      <section aria-labelledby="history-title">
        <h2 id="history-title">Run history</h2>
        <RunHistory runs={runs} />
      </section>

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <table>
          <caption>Every version, newest first; a version never changes, and a run names the one it used</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Author</th>
              <th scope="col">Saved</th>
              <th scope="col">Change note</th>
            </tr>
          </thead>
          <tbody>
            {query.versions.map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{v.authorId}</td>
                <td>{formatInstant(v.createdAt)}</td>
                <td>{v.changeNote}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <details>
          <summary>The operation of version {version.version}</summary>
          <pre>{version.document}</pre>
        </details>
      </section>
    </main>
  );
}
