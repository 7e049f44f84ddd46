import type { JWK } from 'jose';
import type { Config } from '../platform/config/loadConfig';
import type { SubgraphName } from './names';
import { loadOrCreateKeyPair } from '../platform/identity/localKeys';
import { loadOrCreateSecret } from '../platform/identity/localSecret';
import { createLogger } from '../platform/observability/logger';
import { prepareDatabase, type PreparedDatabase } from './prepareDatabase';
import { serveSubgraph, type RunningService } from './serveSubgraph';
import type { SubgraphDefinition } from './SubgraphDefinition';

export interface SubgraphServiceOptions {
  /** Start-up progress, for the operators' log. */
  log: (message: string) => void;
  /** A store already prepared (the governance store, which the gateway's process reads too); else prepared here. */
  prepared?: PreparedDatabase;
  /** The gateway's context keys to trust; default: production's configured key, else the one under DATA_DIR. */
  gatewayKeys?: readonly JWK[];
}

/**
 * One subgraph as a running service: its store opened, migrated and seeded on first start, and
 * its server, which trusts only the gateway's signed context [P5, P10]. Every subgraph of
 * `npm start` starts here; closing it drains the server, then closes the definition's own
 * resources and the store.
 */
export async function startSubgraphService<Loaders>(
  config: Config,
  name: SubgraphName,
  definition: SubgraphDefinition<Loaders>,
  options: SubgraphServiceOptions,
): Promise<RunningService & { prepared: PreparedDatabase }> {
  const target = config.subgraphs[name];
  const logger = createLogger(name, config.logLevel);
  const prepared =
    options.prepared ??
    (await prepareDatabase(
      definition,
      { dataDir: config.dataDir, databaseUrl: target.databaseUrl, statementTimeoutMs: config.statementTimeoutMs },
      { seed: config.seed, persons: config.persons },
      { progress: options.log, warn: (message) => logger.warn(message) },
    ));
  const gatewayKeys = options.gatewayKeys ?? [config.gatewayContextPublicKey ?? (await loadOrCreateKeyPair(config.dataDir, 'gateway-context', 'EdDSA')).publicJwk];
  const running = await serveSubgraph(definition, prepared.db, {
    host: config.host,
    port: target.port,
    maxBodyBytes: config.maxBodyBytes,
    production: config.env === 'production',
    gatewayKeys,
    // [P18] one key for every replica of the subgraph, so a cursor opens wherever it comes back.
    cursorKey: config.cursorKey ?? loadOrCreateSecret(config.dataDir, 'cursor', 32),
    tls: config.tls,
    logger,
  });
  return {
    ...running,
    prepared,
    async close() {
      await running.close();
      await definition.close?.();
      if (!options.prepared) await prepared.db.close();
    },
  };
}
