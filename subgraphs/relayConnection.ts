import { badUserInput } from '../platform/errors/ErrorCode';

/**
 * Relay cursor connections with keyset pagination: a cursor carries the sort key of the last
 * row seen, so page 1000 costs what page 1 costs. `totalCount` is a thunk: graphql-js calls it
 * only when a client asks for it.
 */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export type SortKey = readonly [string | number, string];

export interface Page {
  /** Rows to fetch: one more than asked, to know whether a next page exists. */
  limit: number;
  first: number;
  /** The sort key to continue after, or null for the first page. */
  after: SortKey | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageOf(args: PageArgs): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
  }
  return { first, limit: first + 1, after: args.after ? decodeCursor(args.after) : null };
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && ['string', 'number'].includes(typeof key[0]) && typeof key[1] === 'string') {
      return key as unknown as SortKey;
    }
  } catch {
    // fall through: any undecodable cursor is the client's error
  }
  throw badUserInput('after is not a cursor this API issued', { argument: 'after' });
}

export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}

export function toConnection<Row, Node = Row>(
  rows: readonly Row[],
  page: Page,
  sortKeyOf: (row: Row) => SortKey,
  totalCount: () => Promise<number>,
  toNode: (row: Row) => Node = (row) => row as unknown as Node,
): Connection<Node> {
  const visible = rows.slice(0, page.first);
  const edges = visible.map((row) => ({ cursor: encodeCursor(sortKeyOf(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}
