import type { Config } from '../../platform/config/loadConfig';
import { loadOrCreateKeyPair } from '../../platform/identity/localKeys';
import { loadOrCreateSecret } from '../../platform/identity/localSecret';
import { createLogger } from '../../platform/observability/logger';
import { prepareDatabase } from '../prepareDatabase';
import { serveSubgraph, type RunningService } from '../serveSubgraph';
import { createCommercialSubgraph } from '.';

/**
 * The commercial subgraph's process as `npm start` runs it: its store (seats, budgets, ledger,
 * cache), the providers' clients, and the server, which trusts only the gateway's signed context.
 */
export async function startCommercialSubgraph(config: Config, log: (message: string) => void): Promise<RunningService> {
  // [P10] production's key comes from configuration; the embedded default keeps one under DATA_DIR.
  const cacheKey = config.commercial.cacheKey ?? loadOrCreateSecret(config.dataDir, 'commercial-cache', 32);
  const definition = createCommercialSubgraph({ providers: config.commercial.providers, cacheKey, warn: log });
  const target = config.subgraphs.commercial;
  const prepared = await prepareDatabase(definition, { dataDir: config.dataDir, databaseUrl: target.databaseUrl }, { seed: config.seed, persons: config.persons }, { progress: log });
  const running = await serveSubgraph(definition, prepared.db, {
    host: config.host,
    port: target.port,
    maxBodyBytes: config.maxBodyBytes,
    production: config.env === 'production',
    gatewayKeys: [config.gatewayContextPublicKey ?? (await loadOrCreateKeyPair(config.dataDir, 'gateway-context', 'EdDSA')).publicJwk],
    cursorKey: config.cursorKey ?? loadOrCreateSecret(config.dataDir, 'cursor', 32),
    tls: config.tls,
    logger: createLogger(definition.name, config.logLevel),
  });
  return {
    ...running,
    async close() {
      await running.close();
      await definition.close();
      await prepared.db.close();
    },
  };
}
