import { useState, type FormEvent } from 'react';
import type { Session } from '../session/Session';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import { useOperation } from '../api/useOperation';
import { refusalOf } from '../api/refusalText';
import { RefusalNotice } from '../layout/RefusalNotice';
import { SourceBadge } from '../layout/SourceBadge';

const SEARCH = `query ConsoleSearchPersons($name: String!) {
  searchPersons(name: $name, first: 10) {
    totalCount
    edges { score matchedName matchedKind node { id fullName dateOfBirth sex } }
  }
}`;

interface SearchData {
  searchPersons: {
    totalCount: number;
    edges: { score: number; matchedName: string | null; matchedKind: string; node: { id: string; fullName: string; dateOfBirth: string | null; sex: string } }[];
  } | null;
}

/** Fuzzy search of the master person index: spelling variants and aliases, ranked by score. */
export function PersonSearch({ session, purpose, openPerson }: { session: Session; purpose: DeclaredPurpose; openPerson: (id: string) => void }) {
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const result = useOperation<SearchData>(session, purpose, SEARCH, { name }, name === '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setName(text.trim());
  };
  const refusal = result?.answer ? refusalOf(result.answer.errors) : null;
  const found = result?.answer?.data?.searchPersons;
  return (
    <main aria-labelledby="search-title">
      <h1 id="search-title">Person search</h1>
      <form role="search" onSubmit={submit} aria-label="Search persons by name">
        <label htmlFor="search-name">Name (misspellings and aliases are found)</label>
        <input id="search-name" type="search" required maxLength={100} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit">Search</button>
      </form>
      {result?.loading && <p role="status">Searching…</p>}
      {refusal && <RefusalNotice refusal={refusal} />}
      {found && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">
            {found.totalCount} {found.totalCount === 1 ? 'person' : 'persons'} match “{name}” <SourceBadge source="complaints-arrests" />
          </h2>
          <table>
            <caption>Ranked by similarity of the best-matching name on file (score 0 to 1)</caption>
            <thead>
              <tr>
                <th scope="col">Score</th>
                <th scope="col">Name</th>
                <th scope="col">Matched name</th>
                <th scope="col">Date of birth</th>
                <th scope="col">Sex</th>
              </tr>
            </thead>
            <tbody>
              {found.edges.map((edge) => (
                <tr key={edge.node.id}>
                  <td>
                    <meter min={0} max={1} value={edge.score} aria-label={`score ${edge.score.toFixed(2)}`} /> {edge.score.toFixed(2)}
                  </td>
                  <td>
                    <a
                      href={`/console/person/${encodeURIComponent(edge.node.id)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        openPerson(edge.node.id);
                      }}
                    >
                      {edge.node.fullName}
                    </a>
                  </td>
                  <td>
                    {edge.matchedName ?? '—'} <span className="meaning">({edge.matchedKind.toLowerCase()})</span>
                  </td>
                  <td>{edge.node.dateOfBirth ?? '—'}</td>
                  <td>{edge.node.sex}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
