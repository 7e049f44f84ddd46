import { badUserInput } from '../../platform/errors/ErrorCode';
import type { Database, SqlParam } from '../../platform/storage/Database';
import { pageOf, toConnection, type Connection, type Page, type PageArgs, type SortKey } from '../relayConnection';
import { normalizeName } from './normalizeName';
import { selectPerson, type NameKind, type PersonRow } from './records';

/**
 * Fuzzy search of the master person index: trigram similarity (pg_trgm) between the searched
 * name and every name on file (primary, aliases, spelling variants), the best name per person,
 * ranked by score then person id.
 *
 * Scoring runs over distinct names (`name_form`, GIN trigram index, the `%` operator), then
 * reaches the persons who bear them. A common surname passes the threshold for thousands of
 * persons in a city-sized index, so a page reads as little as it can:
 * - it is looked for under a high threshold first: whoever passes it outranks everyone who does
 *   not, so a full page found there is exact; rare names and bad spellings, whose matches are
 *   few, fall through to the match threshold;
 * - under each threshold it reaches only the best-scoring names that hold enough persons to fill
 *   the page (`name_form.persons`), unless persons bearing several of them leave the page short.
 * GiST KNN ordering (`<->`) was measured too: about 0.8 s a page at a million persons.
 */

/**
 * Below this, names share little more than a common first name ("JOHN SMITH" / "JOHN GARCIA"
 * scores 0.28); a slip in each of two short names ("JON SMYTH" / "JOHN SMITH") still scores 0.31.
 */
export const MATCH_THRESHOLD = 0.3;
/** Thresholds tried in turn for a page; the last is the match threshold. */
const TIERS = [0.6, 0.45, MATCH_THRESHOLD] as const;
const MAX_NAME_LENGTH = 100;

export interface PersonMatch extends PersonRow {
  /** Exact similarity (float8), the first half of the cursor. */
  score: number;
  matchedName: string;
  matchedKind: NameKind;
}

export interface SearchPersonsArgs extends PageArgs {
  name: string;
  dateOfBirth?: string | null;
}

const KIND_RANK = `CASE n.kind WHEN 'PRIMARY' THEN 0 WHEN 'ALIAS' THEN 1 ELSE 2 END`;

/** Distinct names passing the `%` threshold, scored; `$1` is the normalized name. */
const FORMS = `SELECT normalized, similarity(normalized, $1)::float8 AS score, persons FROM name_form WHERE normalized % $1`;

/** Every name on file passing the threshold. */
const MATCHED_NAMES = `SELECT n.person_id, n.name, n.kind, f.score FROM (${FORMS}) f JOIN person_name n ON n.normalized = f.normalized`;

/** The names of persons born on `$2`: a handful of rows, scored without the trigram index. */
const MATCHED_NAMES_BORN_ON = `SELECT n.person_id, n.name, n.kind, similarity(n.normalized, $1)::float8 AS score
  FROM person_name n WHERE n.date_of_birth = $2::date AND similarity(n.normalized, $1) >= ${MATCH_THRESHOLD}`;

type Source = 'all names' | 'names to fill the page' | 'born on';

interface PageRow extends PersonMatch {
  /** Whether only the best-scoring names were read (the page may then be short of matches that exist). */
  bounded: boolean;
}

/**
 * A page of best matches per person, keyset after (`$k`::float8, `$k+1`). With 'names to fill
 * the page', names are read only down to the score where they hold `limit` persons past the
 * cursor; every name above that score is read too, so each person's best score is exact.
 * Always one row at least: `bounded` comes back even when the page is empty.
 */
function pageSql(source: Source, page: Page, after: readonly [number, string] | null, keyParam: number): string {
  const cursorScore = `$${keyParam}::float8`;
  const keyset = after ? `WHERE m.score < ${cursorScore} OR (m.score = ${cursorScore} AND m.person_id > $${keyParam + 1})` : '';
  let matched: string;
  let bounded = 'false';
  if (source === 'born on') matched = MATCHED_NAMES_BORN_ON;
  else if (source === 'all names') matched = MATCHED_NAMES;
  else {
    matched = `SELECT n.person_id, n.name, n.kind, f.score FROM forms f JOIN person_name n ON n.normalized = f.normalized
      WHERE f.score >= coalesce((SELECT score FROM boundary), 0)`;
    bounded = '(SELECT score FROM boundary) IS NOT NULL';
  }
  const ctes = source === 'names to fill the page'
    ? `WITH forms AS MATERIALIZED (${FORMS}),
       boundary AS (SELECT max(score) AS score FROM (
         SELECT score, sum(persons) OVER (ORDER BY score DESC) AS running FROM forms ${after ? `WHERE score <= ${cursorScore}` : ''}
       ) r WHERE running >= ${page.limit}),`
    : 'WITH';
  return `${ctes}
    best AS (SELECT DISTINCT ON (n.person_id) n.person_id, n.name, n.kind, n.score
      FROM (${matched}) n ORDER BY n.person_id, n.score DESC, ${KIND_RANK}, n.name),
    page AS (SELECT * FROM best m ${keyset} ORDER BY m.score DESC, m.person_id LIMIT ${page.limit})
    SELECT ${bounded} AS bounded, m.score, m.name AS "matchedName", m.kind AS "matchedKind", ${selectPerson('p')}
    FROM (SELECT 1) one
    LEFT JOIN (page m JOIN person p ON p.id = m.person_id) ON true
    ORDER BY m.score DESC, m.person_id`;
}

/** `%` reads its threshold from a setting: set it for this statement's transaction only. */
function withThreshold<Row>(db: Database, threshold: number, sql: string, params: readonly SqlParam[]): Promise<Row[]> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(threshold)]);
    return tx.query<Row>(sql, params);
  });
}

const found = (rows: readonly PageRow[]) => rows.filter((row) => row.id !== null).length;

function scoreKey(key: SortKey | null): readonly [number, string] | null {
  if (key && (typeof key[0] !== 'number' || !Number.isFinite(key[0]))) {
    throw badUserInput('after is not a cursor this API issued', { argument: 'after' });
  }
  return key as readonly [number, string] | null;
}

export async function searchPersons(db: Database, args: SearchPersonsArgs): Promise<Connection<PersonMatch>> {
  const name = normalizeName(args.name);
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw badUserInput(`name must hold 1 to ${MAX_NAME_LENGTH} letters or digits`, { argument: 'name' });
  }
  const page = pageOf(args);
  const after = scoreKey(page.after);
  const keyParams: SqlParam[] = after ? [after[0], after[1]] : [];
  let rows: PageRow[] = [];
  let totalCount: () => Promise<number>;

  if (args.dateOfBirth) {
    const params = [name, args.dateOfBirth];
    rows = await db.query<PageRow>(pageSql('born on', page, after, 3), [...params, ...keyParams]);
    totalCount = async () => {
      const sql = `SELECT count(DISTINCT n.person_id)::int AS count FROM (${MATCHED_NAMES_BORN_ON}) n`;
      return (await db.query<{ count: number }>(sql, params))[0]?.count ?? 0;
    };
  } else {
    const params = [name, ...keyParams];
    // Past a cursor, scores are at most the cursor's: a threshold above it finds nothing new.
    const tiers = TIERS.filter((threshold) => !after || threshold <= after[0] || threshold === MATCH_THRESHOLD);
    for (const threshold of tiers) {
      rows = await withThreshold<PageRow>(db, threshold, pageSql('names to fill the page', page, after, 2), params);
      // Persons bearing several of the names read can leave the page short: then read every name passing.
      if (found(rows) < page.limit && rows[0]?.bounded) {
        rows = await withThreshold<PageRow>(db, threshold, pageSql('all names', page, after, 2), params);
      }
      if (found(rows) >= page.limit) break;
    }
    totalCount = async () => {
      const sql = `SELECT count(DISTINCT n.person_id)::int AS count
        FROM name_form f JOIN person_name n ON n.normalized = f.normalized WHERE f.normalized % $1`;
      return (await withThreshold<{ count: number }>(db, MATCH_THRESHOLD, sql, [name]))[0]?.count ?? 0;
    };
  }
  const matches: PersonMatch[] = rows.filter((row) => row.id !== null);
  return toConnection(matches, page, (row) => [row.score, row.id], totalCount);
}
