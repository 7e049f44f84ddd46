import { useEffect, useState, type FormEvent } from 'react';
import { DPPA_PURPOSES, GLBA_EXCEPTIONS } from '../../../policy/permissiblePurposes';
import { graphqlRequest, type GraphQLAnswer } from '../api/graphqlRequest';
import { refusalOf, withheldByPath } from '../api/refusalText';
import { RefusalNotice } from '../layout/RefusalNotice';
import { SourceBadge } from '../layout/SourceBadge';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import type { Session } from '../session/Session';
import { COMMERCIAL_PRICES, dollars, priceKey, searchNeeds, searchOperation, searchTitle, type CommercialPrice, type PriceList } from './commercialQuery';
import { CostBeforeRunning } from './CostBeforeRunning';
import { ReportView } from './ReportView';

const SUBJECT_FIELDS = [
  { key: 'firstName', label: 'First name', type: 'text' },
  { key: 'lastName', label: 'Last name', type: 'text' },
  { key: 'dateOfBirth', label: 'Date of birth', type: 'date' },
  { key: 'phone', label: 'Phone', type: 'tel' },
  { key: 'serialNumber', label: 'Serial number', type: 'text' },
  { key: 'vin', label: 'VIN', type: 'text' },
] as const;
type Subject = Record<(typeof SUBJECT_FIELDS)[number]['key'], string>;
const NO_SUBJECT: Subject = { firstName: '', lastName: '', dateOfBirth: '', phone: '', serialNumber: '', vin: '' };

type Run = { chosen: CommercialPrice[]; answer: GraphQLAnswer<{ commercialSearch: Record<string, Record<string, never> | null> | null }> };

/**
 * Commercial search [P3] for the roles the access table gives the COMMERCIAL category: a
 * subject, the searches wanted, the permissible purpose (DPPA) and GLBA exception the providers
 * require, and the price of each search, the total and the command's remaining budget shown
 * before Run. Each answer says what it was charged; a provider that failed reads
 * "unavailable: <provider>" and costs nothing.
 */
export function CommercialSearch({ session, purpose }: { session: Session; purpose: DeclaredPurpose }) {
  const [list, setList] = useState<PriceList | null>(null);
  const [listAnswer, setListAnswer] = useState<GraphQLAnswer<{ commercialPrices: PriceList | null }> | null>(null);
  const [subject, setSubject] = useState<Subject>(NO_SUBJECT);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [dppa, setDppa] = useState('DPPA_B1');
  const [glba, setGlba] = useState('GLBA_E5');
  const [running, setRunning] = useState(false);
  const [run, setRun] = useState<Run | null>(null);
  const [priced, setPriced] = useState(0);

  // The prices and budget, again after every run: the budget shown is the ledger's, not a sum kept here.
  useEffect(() => {
    let current = true;
    graphqlRequest<{ commercialPrices: PriceList | null }>(session, purpose, COMMERCIAL_PRICES).then((answer) => {
      if (!current) return;
      setListAnswer(answer);
      setList(answer.data?.commercialPrices ?? null);
    });
    return () => {
      current = false;
    };
  }, [session.token, purpose, priced]);

  const selected = (list?.prices ?? []).filter((price) => chosen.has(priceKey(price)));
  const total = selected.reduce((sum, price) => sum + price.costCents, 0);
  const overBudget = list !== null && (list.remainingCents === null ? total > 0 : total > list.remainingCents);
  const notAccepted = selected.filter((price) => !price.acceptedDppa.includes(dppa) || !price.acceptedGlba.includes(glba));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (selected.length === 0 || overBudget) return;
    setRunning(true);
    const variables = { subject: Object.fromEntries(Object.entries(subject).filter(([, value]) => value.trim() !== '').map(([k, v]) => [k, v.trim()])) };
    const answer = await graphqlRequest<Run['answer']['data'] & object>(session, purpose, searchOperation(selected), variables, {
      'x-permissible-purpose': dppa,
      'x-glba-exception': glba,
    });
    setRun({ chosen: selected, answer });
    setRunning(false);
    setPriced((n) => n + 1);
  };

  const toggle = (key: string) => setChosen((before) => {
    const after = new Set(before);
    if (after.has(key)) after.delete(key);
    else after.add(key);
    return after;
  });

  const listRefusal = listAnswer ? refusalOf(listAnswer.errors) : null;
  const listWithheld = listAnswer ? withheldByPath(listAnswer.errors).get('commercialPrices') : undefined;
  return (
    <main aria-labelledby="commercial-title">
      <h1 id="commercial-title">
        Commercial search <SourceBadge source="commercial" />
      </h1>
      {!listAnswer && <p role="status">Loading prices…</p>}
      {listRefusal && <RefusalNotice refusal={listRefusal} />}
      {listWithheld && (
        <p role="alert" className="refusal">
          Commercial sources are withheld: {listWithheld}
        </p>
      )}
      {list && (
        <form onSubmit={submit} aria-label="Commercial search" className="commercial">
          <fieldset>
            <legend>Subject</legend>
            <div className="filters">
              {SUBJECT_FIELDS.map((field) => (
                <div className="filter" key={field.key}>
                  <label htmlFor={`subject-${field.key}`}>{field.label}</label>
                  <input
                    id={`subject-${field.key}`}
                    type={field.type}
                    maxLength={100}
                    value={subject[field.key]}
                    onChange={(e) => setSubject({ ...subject, [field.key]: e.target.value })}
                  />
                </div>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>Searches (each one charged on its own)</legend>
            {list.prices.map((price) => (
              <div className="choice" key={priceKey(price)}>
                <input
                  type="checkbox"
                  id={`search-${priceKey(price)}`}
                  checked={chosen.has(priceKey(price))}
                  disabled={!price.seatHeld}
                  onChange={() => toggle(priceKey(price))}
                  aria-describedby={`search-${priceKey(price)}-meaning`}
                />
                <label htmlFor={`search-${priceKey(price)}`}>
                  {searchTitle(price.search)} ({price.provider})
                </label>
                <span id={`search-${priceKey(price)}-meaning`} className="meaning">
                  {dollars(price.costCents)} a search · needs {searchNeeds(price.search)}
                  {price.cacheSeconds > 0 ? ` · a repeat within ${Math.round(price.cacheSeconds / 3600)} h is free` : ''}
                  {price.seatHeld ? '' : ` · you hold no ${price.provider} seat`}
                </span>
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>Permissible purpose (the providers refuse a search without one)</legend>
            <label htmlFor="commercial-dppa">DPPA permissible purpose (18 U.S.C. 2721(b))</label>
            <select id="commercial-dppa" value={dppa} onChange={(e) => setDppa(e.target.value)}>
              {Object.entries(DPPA_PURPOSES).map(([code, meaning]) => (
                <option key={code} value={code}>
                  {code}: {meaning}
                </option>
              ))}
            </select>
            <label htmlFor="commercial-glba">GLBA exception (15 U.S.C. 6802(e))</label>
            <select id="commercial-glba" value={glba} onChange={(e) => setGlba(e.target.value)}>
              {Object.entries(GLBA_EXCEPTIONS).map(([code, meaning]) => (
                <option key={code} value={code}>
                  {code}: {meaning}
                </option>
              ))}
            </select>
            {notAccepted.length > 0 && (
              <p role="alert" className="refusal">
                Not accepted by {notAccepted.map((p) => p.provider).join(', ')}: {notAccepted.map((p) => `${p.provider} accepts ${p.acceptedDppa.join('/')} and ${p.acceptedGlba.join('/')}`).join('; ')}.
              </p>
            )}
          </fieldset>
          <CostBeforeRunning list={list} chosen={selected} />
          <div className="actions">
            <button type="submit" disabled={selected.length === 0 || overBudget || running}>
              Run {selected.length === 1 ? '1 search' : `${selected.length} searches`} for {dollars(total)}
            </button>
          </div>
        </form>
      )}
      {running && <p role="status">Asking the providers…</p>}
      {run && <SearchResults run={run} />}
    </main>
  );
}

/** Each search's answer with what it was charged, or why it has none. */
function SearchResults({ run }: { run: Run }) {
  const { answer } = run;
  // A refusal of the whole operation has no path below commercialSearch; a failed search has its own.
  const refusal = refusalOf(answer.errors.filter((e) => (e.path?.length ?? 0) < 2));
  const results = answer.data?.commercialSearch ?? null;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      {refusal && <RefusalNotice refusal={refusal} />}
      {results &&
        run.chosen.map((price) => {
          const alias = priceKey(price);
          const report = results[alias] as (Record<string, never> & { costCents: number; cached: boolean }) | null | undefined;
          const error = answer.errors.find((e) => e.path?.[1] === alias);
          return (
            <section key={alias} aria-label={`${searchTitle(price.search)} (${price.provider})`} className="result" data-search={alias}>
              <h3>
                {searchTitle(price.search)} ({price.provider}){' '}
                {report && (
                  <span className="meaning" data-testid="charged">
                    {report.cached ? 'from the cache, not charged' : `charged ${dollars(report.costCents)}`}
                  </span>
                )}
              </h3>
              {report && <ReportView report={report} caption={`${price.provider}: what the provider returned`} />}
              {!report && error?.extensions?.code === 'PROVIDER_UNAVAILABLE' && (
                <p role="alert" className="refusal">
                  unavailable: {String(error.extensions.provider ?? price.provider)} (nothing charged)
                </p>
              )}
              {!report && error && error.extensions?.code !== 'PROVIDER_UNAVAILABLE' && (
                <p role="alert" className="refusal">
                  Refused ({error.extensions?.code}): {error.message}
                </p>
              )}
            </section>
          );
        })}
    </section>
  );
}
