import path from 'node:path';
import { loadSdl } from '../../schema/loadSdl';
import { readMigrations } from '../../platform/storage/migrate';
import type { SubgraphDefinition } from '../SubgraphDefinition';
import { createLoaders, type CallsLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seedCalls } from './seed';

/** 911 calls and 311 service requests [P1]: SDL in `schema/calls.graphql`, tables in the `calls` schema. */
export const calls: SubgraphDefinition<CallsLoaders> = {
  name: 'calls',
  dbSchema: 'calls',
  migrations: readMigrations(path.join(__dirname, 'migrations')),
  typeDefs: loadSdl('calls'),
  resolvers,
  createLoaders,
  seed: seedCalls,
};
