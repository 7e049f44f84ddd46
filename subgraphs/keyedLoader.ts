import DataLoader from 'dataloader';
import type { Database, SqlParam } from '../platform/storage/Database';

/**
 * DataLoaders over SQL keyed by one column. Each resolves every key collected in one tick with
 * one statement (`... = ANY($1)`), so a response's statement count does not grow with its size.
 * The SQL must select the key column as `key` and take the key array as `$1`.
 */

/** One row per key (or null): `SELECT id AS key, ... FROM t WHERE id = ANY($1::text[])`. */
export function oneByKey<Row extends { key: string }>(db: Database, sql: string): DataLoader<string, Row | null> {
  return new DataLoader(async (keys) => {
    const rows = await db.query<Row>(sql, [keys as string[]]);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Every row per key, in the SQL's order: `SELECT person_id AS key, ... WHERE person_id = ANY($1::text[]) ORDER BY ...`. */
export function manyByKey<Row extends { key: string }>(db: Database, sql: string): DataLoader<string, Row[]> {
  return new DataLoader(async (keys) => groupByKey<Row>(keys, await db.query<Row>(sql, [keys as string[]])));
}

export interface WindowArgs {
  since?: string | null;
  limit?: number | null;
}

/**
 * The newest `limit` rows per key since a date (premise history). Keys that share the same
 * (since, limit) are fetched together with a window function; distinct argument sets each cost
 * one statement, whatever the number of parents.
 *
 * `sql` takes `$1` keys, `$2` since (date or null), `$3` limit, and must select `key`, e.g.
 * `SELECT * FROM (SELECT location_id AS key, ..., row_number() OVER (PARTITION BY location_id
 *  ORDER BY reported_at DESC, number DESC) AS rank FROM complaint WHERE location_id = ANY($1::text[])
 *  AND ($2::date IS NULL OR reported_at >= $2::date)) ranked WHERE rank <= $3 ORDER BY key, rank`
 */
export function newestByKey<Row extends { key: string }>(
  db: Database,
  sql: string,
  maxLimit = 100,
): (key: string, args: WindowArgs) => Promise<Row[]> {
  const loaders = new Map<string, DataLoader<string, Row[]>>();
  return (key, args) => {
    const since = args.since ?? null;
    const limit = Math.max(0, Math.min(args.limit ?? 25, maxLimit));
    const group = `${since}|${limit}`;
    let loader = loaders.get(group);
    if (!loader) {
      loader = new DataLoader(async (keys) =>
        groupByKey<Row>(keys, await db.query<Row>(sql, [keys as string[], since, limit] as SqlParam[])),
      );
      loaders.set(group, loader);
    }
    return loader.load(key);
  };
}

function groupByKey<Row extends { key: string }>(keys: readonly string[], rows: readonly Row[]): Row[][] {
  const groups = new Map<string, Row[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(row.key)?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}
