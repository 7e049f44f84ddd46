import path from 'node:path';
import { type ProviderConfig } from '../../platform/config/loadCommercialConfig';
import { COMMERCIAL_PROVIDERS, type CommercialProvider } from './providers/providerNames';
import { loadSdl } from '../../schema/loadSdl';
import { readMigrations } from '../../platform/storage/migrate';
import type { SubgraphDefinition } from '../SubgraphDefinition';
import { createCacheCipher } from './cacheCipher';
import { createLoaders, type CommercialLoaders } from './loaders';
import { createProviderClient, type ProviderClient } from './providers/providerClient';
import { createResolvers } from './resolvers';
import type { CommercialServices } from './runSearch';
import { seedCommercial } from './seed';

export interface CommercialSubgraphOptions {
  providers: Record<CommercialProvider, ProviderConfig>;
  /** [P10] AES-256 key of the provider-data cache. */
  cacheKey: Buffer;
  /** The clock (tests move it to expire the cache). */
  now?: () => Date;
  warn?: (message: string) => void;
}

export interface CommercialSubgraph extends SubgraphDefinition<CommercialLoaders> {
  /** The providers' HTTP clients (their circuits can be inspected). */
  clients: Record<CommercialProvider, ProviderClient>;
  /** Closes the providers' connection pools. */
  close(): Promise<void>;
}

/**
 * Commercial sources [P3]: TLO, Whooster, Accurint, SkopeNow and Leads Online behind one schema.
 * Unlike the record subgraphs it reads no synthetic records: it calls the providers (the
 * simulators in development) and keeps only seats, budgets, the ledger of searches and the
 * encrypted cache.
 */
export function createCommercialSubgraph(options: CommercialSubgraphOptions): CommercialSubgraph {
  const clients = Object.fromEntries(COMMERCIAL_PROVIDERS.map((p) => [p, createProviderClient(options.providers[p])])) as Record<CommercialProvider, ProviderClient>;
  const now = options.now ?? (() => new Date());
  const services: CommercialServices = { providers: options.providers, clients, cipher: createCacheCipher(options.cacheKey), now, warn: options.warn };
  return {
    name: 'commercial',
    dbSchema: 'commercial',
    migrations: readMigrations(path.join(__dirname, 'migrations')),
    typeDefs: loadSdl('commercial'),
    resolvers: createResolvers(services),
    createLoaders: (db) => createLoaders(db, now),
    seed: (db) => seedCommercial(db),
    clients,
    async close() {
      await Promise.all(Object.values(clients).map((client) => client.close()));
    },
  };
}
