import path from 'node:path';
import { loadSdl } from '../../schema/loadSdl';
import { readMigrations } from '../../platform/storage/migrate';
import type { SubgraphDefinition } from '../SubgraphDefinition';
import { createLoaders, type WarrantsLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seedWarrants } from './seed';

/** Other agencies' records [P2]: judicial warrants, orders of protection, stolen property. */
export const warrants: SubgraphDefinition<WarrantsLoaders> = {
  name: 'warrants',
  dbSchema: 'warrants',
  migrations: readMigrations(path.join(__dirname, 'migrations')),
  typeDefs: loadSdl('warrants'),
  resolvers,
  createLoaders,
  seed: seedWarrants,
};
