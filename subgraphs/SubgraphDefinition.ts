import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { SubgraphName } from './names';
import type { Database } from '../platform/storage/Database';
import type { Migration } from '../platform/storage/migrate';
import type { World } from '../synthetic/world';
import type { SubgraphCallContext } from '../platform/identity/subgraphContextToken';
import type { PolicyContext } from '../policy/Subject';

/**
 * What every resolver of a subgraph receives: its store's handle, this request's loaders, and
 * who asks and why (from the gateway's signed context, the only caller a subgraph trusts).
 */
export interface SubgraphContext<Loaders> extends PolicyContext {
  db: Database;
  loaders: Loaders;
  caller: SubgraphCallContext;
  policy: PolicyContext;
}

/**
 * A record source as the framework sees it: its SDL (in `schema/<name>.graphql`), resolvers,
 * per-request DataLoaders, migrations and seeder. `serveSubgraph` turns one into a server;
 * adding a subgraph is adding one of these and a row in `catalog.ts`.
 */
export interface SubgraphDefinition<Loaders = unknown> {
  name: SubgraphName;
  /** PostgreSQL schema owning this subgraph's tables. */
  dbSchema: string;
  migrations: readonly Migration[];
  /** Releases what the definition holds besides its store (the commercial providers' connections). */
  close?(): Promise<void>;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<Loaders>>;
  /** New loaders for each request: batching and caching never cross requests. */
  createLoaders(db: Database): Loaders;
  /**
   * Its tables never change after seeding [P4] and its expensive searches read `db.forSearch()`:
   * on the embedded store they then run on a copy in a worker thread (platform/storage/searchReplica.ts).
   */
  searchReplica?: boolean;
  /** Fills the (empty) tables from the synthetic world. */
  seed(db: Database, world: World, progress: (message: string) => void): Promise<void>;
}
