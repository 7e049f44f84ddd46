import { pageOf, toConnection, type Connection, type PageArgs, type SortKey } from './relayConnection';

/**
 * Lists of records that nest under another record (`Person.calls911`, `Vehicle.collisions`) are
 * bounded like top-level lists: at most `first` (default 20, at most 100, else BAD_USER_INPUT),
 * so the work one request can ask for is the product of its `first`s, which the gateway's cost
 * model counts before planning. Every key's rows are still fetched in one statement per batch
 * (DataLoader); the bound applies to what is answered and to everything resolved under it.
 */
export function firstRows<Row>(rows: readonly Row[], args: PageArgs): Row[] {
  return rows.slice(0, pageOf({ first: args.first }).first);
}

/**
 * The same list as a Relay connection, for a client that pages through a long history: the
 * cursor is the row's position key (`sortKeyOf`, in the list's own order), so the next page
 * starts after that row whatever was added since.
 */
export function nestedConnection<Row>(rows: readonly Row[], args: PageArgs, sortKeyOf: (row: Row) => SortKey): Connection<Row> {
  const page = pageOf(args);
  let start = 0;
  if (page.after) {
    const after = JSON.stringify(page.after);
    start = rows.findIndex((row) => JSON.stringify(sortKeyOf(row)) === after) + 1;
  }
  const total = rows.length;
  return toConnection(rows.slice(start, start + page.limit), page, sortKeyOf, async () => total);
}
