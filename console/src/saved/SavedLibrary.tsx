import { useState, type FormEvent } from 'react';
import { refusalOf, withheldByPath } from '../api/refusalText';
import { useOperation } from '../api/useOperation';
import { RefusalNotice } from '../layout/RefusalNotice';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import type { Session } from '../session/Session';
import { LIBRARY_PAGE, SAVED_QUERIES, sharingOf, type SavedQuerySummary } from './savedQueryApi';

type Whose = 'all' | 'mine' | 'shared';

/**
 * The saved queries the user may run: their own and those shared with their command or role
 * (docs/saved-queries.md). A broken one is marked with its reason: it no longer validates
 * against the supergraph and will not run until revised.
 */
export function SavedLibrary(props: {
  session: Session;
  purpose: DeclaredPurpose;
  /** Whether the user's roles have a workspace (null until their profile has loaded: nothing is asked till then). */
  workspace: boolean | null;
  openQuery: (id: string) => void;
}) {
  const { session, purpose, openQuery } = props;
  const [tagDraft, setTagDraft] = useState('');
  const [tag, setTag] = useState('');
  const [whose, setWhose] = useState<Whose>('all');
  const result = useOperation<{ savedQueries: SavedQuerySummary[] | null }>(session, purpose, SAVED_QUERIES, { tag: tag || null, mine: whose === 'mine' }, props.workspace !== true);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTag(tagDraft.trim().toLowerCase());
  };
  const answer = result?.answer;
  const refusal = answer ? refusalOf(answer.errors) : null;
  const withheld = answer ? withheldByPath(answer.errors).get('savedQueries') : undefined;
  const queries = (answer?.data?.savedQueries ?? []).filter((q) => whose !== 'shared' || q.ownerId !== session.userId);
  if (props.workspace === false) {
    // [P14, P16] administrators, vendors and partners have no workspace: nothing is asked for.
    return (
      <main aria-labelledby="saved-title">
        <h1 id="saved-title">Saved queries</h1>
        <p role="alert" className="refusal">
          Saved queries are for the roles that read records; yours do not, so there is nothing to list [P16].
        </p>
      </main>
    );
  }
  return (
    <main aria-labelledby="saved-title">
      <h1 id="saved-title">Saved queries</h1>
      <p className="meaning">Each run goes through the gateway with your identity, your declared purpose and your rights, whoever wrote the query [P5].</p>
      <form onSubmit={submit} aria-label="Filter saved queries" className="filters">
        <div className="filter">
          <label htmlFor="saved-tag">Tag</label>
          <input id="saved-tag" value={tagDraft} maxLength={50} onChange={(e) => setTagDraft(e.target.value)} />
        </div>
        <fieldset className="inline">
          <legend>Whose</legend>
          {(
            [
              ['all', 'All I may run'],
              ['mine', 'Mine'],
              ['shared', 'Shared with me'],
            ] as const
          ).map(([value, label]) => (
            <span key={value} className="option">
              <input type="radio" id={`saved-whose-${value}`} name="saved-whose" checked={whose === value} onChange={() => setWhose(value)} />
              <label htmlFor={`saved-whose-${value}`}>{label}</label>
            </span>
          ))}
        </fieldset>
        <button type="submit">Apply filters</button>
      </form>
      {(result?.loading || props.workspace === null) && <p role="status">Loading saved queries…</p>}
      {refusal && <RefusalNotice refusal={refusal} />}
      {withheld && (
        <p role="alert" className="refusal">
          Saved queries are withheld: {withheld}
        </p>
      )}
      {answer?.data?.savedQueries && (
        <table>
          <caption>
            {queries.length} saved {queries.length === 1 ? 'query' : 'queries'}
            {tag ? ` tagged “${tag}”` : ''}, newest first
            {answer.data.savedQueries.length === LIBRARY_PAGE ? ` (the latest ${LIBRARY_PAGE}: a tag finds older ones)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Tags</th>
              <th scope="col">Owner</th>
              <th scope="col">Version</th>
              <th scope="col">Sharing</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {queries.map((query) => (
              <tr key={query.id} data-saved-query={query.id}>
                <td>
                  <a
                    href={`/console/saved/${encodeURIComponent(query.id)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      openQuery(query.id);
                    }}
                  >
                    {query.name}
                  </a>{' '}
                  <span className="meaning">{query.id}</span>
                </td>
                <td>{query.description || '—'}</td>
                <td>{query.tags.join(', ') || '—'}</td>
                <td>{query.ownerId === session.userId ? 'you' : query.ownerId}</td>
                <td>{query.currentVersion}</td>
                <td>{sharingOf(query.shares)}</td>
                <td>{query.broken ? <span className="broken">broken: {query.brokenReason}</span> : 'validates'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
