import { SUBGRAPH_NAMES, type SubgraphName } from '../../config/loadConfig';
import { startGateway, type RunningGateway } from '../../gateway/startGateway';
import { postGraphQL, startTestSubgraph, TEST_WORLD, type GraphQLResponse, type TestSubgraph } from './startTestSubgraph';
import { createTestStorage, type Backend } from './testDatabase';

export interface TestStack {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, TestSubgraph>;
  /** POSTs an operation to the gateway. */
  query<Data = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<Data> & { status: number }>;
  /** SQL statements run so far by every subgraph's store. */
  statements(): number;
  close(): Promise<void>;
}

/** Every subgraph (one shared throwaway database on PostgreSQL) and the gateway, on free ports. */
export async function startTestStack(backend: Backend = 'pglite', world = TEST_WORLD): Promise<TestStack> {
  const storage = await createTestStorage(backend);
  const started = await Promise.all(SUBGRAPH_NAMES.map((name) => startTestSubgraph(name, backend, world, storage)));
  const subgraphs = Object.fromEntries(started.map((s) => [s.name, s])) as Record<SubgraphName, TestSubgraph>;
  const gateway = await startGateway({
    host: '127.0.0.1',
    port: 0,
    subgraphs: started.map(({ name, url }) => ({ name, url })),
    maxBodyBytes: 1_000_000,
    production: false,
    subgraphTimeoutMs: 5_000,
    security: 'none',
  });
  return {
    gateway,
    subgraphs,
    query: (query, variables, headers) => postGraphQL(gateway.url, query, variables, headers),
    statements: () => started.reduce((sum, s) => sum + s.db.statementCount(), 0),
    async close() {
      await gateway.close();
      await Promise.all(started.map((s) => s.close()));
      await storage.drop();
    },
  };
}
