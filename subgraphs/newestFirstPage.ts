import { badUserInput } from '../platform/errors/ErrorCode';
import type { Conditions } from '../platform/storage/Conditions';
import type { Database } from '../platform/storage/Database';
import { pageOf, toConnection, type Connection, type PageArgs, type SortKey } from './relayConnection';

/** What a list is sorted by: an instant (`...T...Z`) or a calendar day, then the record's id. */
export interface NewestFirst<Row> {
  /** Table or view, e.g. `arrest`, `criminal_warrant`. */
  relation: string;
  select: string;
  sortColumn: string;
  sortKind: 'instant' | 'date';
  idColumn: string;
  sortKeyOf: (row: Row) => SortKey;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One page of a record list, newest first, by keyset: the rows after the cursor under the
 * filters in `where`, and a `totalCount` under the same filters that runs only when asked.
 * A cursor whose sort value is not of the list's kind was not issued here: BAD_USER_INPUT,
 * never a database error.
 */
export async function newestFirstPage<Row, Node = Row>(
  db: Pick<Database, 'query'>,
  list: NewestFirst<Row>,
  where: Conditions,
  args: PageArgs,
  toNode?: (row: Row) => Node,
): Promise<Connection<Node>> {
  const page = pageOf(args);
  const after = page.after;
  if (after && !(typeof after[0] === 'string' && (list.sortKind === 'instant' ? ISO_INSTANT : ISO_DATE).test(after[0]) && !Number.isNaN(Date.parse(after[0])))) {
    throw badUserInput('after is not a cursor this API issued', { argument: 'after' });
  }
  const counted = where.clone();
  where.after(list.sortColumn, list.idColumn, after);
  const limit = where.param(page.limit);
  const rows = await db.query<Row>(
    `SELECT ${list.select} FROM ${list.relation} ${where.toSql()} ORDER BY ${list.sortColumn} DESC, ${list.idColumn} DESC LIMIT ${limit}`,
    where.params,
  );
  const totalCount = async () => {
    const [row] = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${list.relation} ${counted.toSql()}`, counted.params);
    return row?.count ?? 0;
  };
  return toConnection(rows, page, list.sortKeyOf, totalCount, toNode);
}
