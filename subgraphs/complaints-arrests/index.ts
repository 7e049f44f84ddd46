import path from 'node:path';
import { loadSdl } from '../../schema/loadSdl';
import { readMigrations } from '../../platform/storage/migrate';
import type { SubgraphDefinition } from '../SubgraphDefinition';
import { createComplaintsArrestsLoaders, type ComplaintsArrestsLoaders } from './loaders';
import { complaintsArrestsResolvers } from './resolvers';
import { seedComplaintsArrests } from './seed';

/**
 * The department's own records [P1]: complaints, arrests, vehicle collisions and property
 * invoices, and the master indexes every other source links to (`Person`, `Location`,
 * `Vehicle`, `PropertyItem`). Read-only over its source [P4].
 */
export const complaintsArrests: SubgraphDefinition<ComplaintsArrestsLoaders> = {
  name: 'complaints-arrests',
  dbSchema: 'complaints_arrests',
  migrations: readMigrations(path.join(__dirname, 'migrations')),
  typeDefs: loadSdl('complaints-arrests'),
  resolvers: complaintsArrestsResolvers,
  createLoaders: createComplaintsArrestsLoaders,
  searchReplica: true,
  seed: seedComplaintsArrests,
};
