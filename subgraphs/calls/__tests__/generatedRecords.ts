import { call911At, type SyntheticCall911 } from '../../../synthetic/calls911';
import { serviceRequest311At, type SyntheticServiceRequest311 } from '../../../synthetic/serviceRequests311';
import { scaleOf, type World } from '../../../synthetic/world';
import type { GraphQLResponse, TestSubgraph } from '../../../test/harness/startTestSubgraph';

interface PageOfIds {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string } }[];
}

/** What the tests expect: every record of the test world, straight from the generators. */
export function allCalls911(world: World): SyntheticCall911[] {
  return Array.from({ length: scaleOf(world).calls911 }, (_, k) => call911At(world, k));
}

export function allServiceRequests311(world: World): SyntheticServiceRequest311[] {
  return Array.from({ length: scaleOf(world).serviceRequests311 }, (_, k) => serviceRequest311At(world, k));
}

const NEW_YORK_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' });

/** The New York calendar day of an instant, computed independently of the code under test (ICU). */
export const newYorkDate = (instant: string) => NEW_YORK_DAY.format(new Date(instant));

/** Newest first, ties by id descending: the order of every list in the subgraph. */
export function newestFirst<T extends { id: string }>(records: readonly T[], time: (record: T) => string): T[] {
  return [...records].sort((a, b) => time(b).localeCompare(time(a)) || b.id.localeCompare(a.id));
}

/** Follows a connection page by page and returns the ids in order, with the reported totalCount. */
export async function fetchAllIds(
  subgraph: TestSubgraph,
  field: 'calls911' | 'serviceRequests311',
  filter: Record<string, unknown>,
): Promise<{ ids: string[]; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const type = field === 'calls911' ? 'Call911Filter' : 'ServiceRequest311Filter';
    const response: GraphQLResponse<Record<string, PageOfIds>> = await subgraph.query(
      `query Page($filter: ${type}, $after: String) {
        ${field}(filter: $filter, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
      }`,
      { filter, after },
    );
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    const connection = response.data![field]!;
    totalCount = connection.totalCount;
    ids.push(...connection.edges.map((edge) => edge.node.id));
    if (!connection.pageInfo.hasNextPage) return { ids, totalCount };
    after = connection.pageInfo.endCursor;
  }
}
