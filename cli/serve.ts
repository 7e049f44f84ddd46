/**
 * Runs one service in this process: a subgraph (`serve.ts calls`), the gateway
 * (`serve.ts gateway`) or the commercial providers' simulators (`serve.ts simulators`).
 * `npm start` runs one of these per service; each tells its parent (over IPC, when there is
 * one) that it is ready and where.
 */
import { COMMERCIAL_SUBGRAPH, loadConfig, RECORD_SUBGRAPHS, type Config, type RecordSubgraphName } from '../platform/config/loadConfig';
import { createLogger } from '../platform/observability/logger';
import { loadOrCreateSecret } from '../platform/identity/localSecret';
import type { RunningService } from '../subgraphs/serveSubgraph';

export interface ReadyMessage {
  type: 'ready';
  service: string;
  url: string;
}

/**
 * Each service loads only its own modules: a subgraph restarted by `npm start` is back sooner
 * without loading the gateway's planner, and the gateway without the simulators.
 */
async function serveOne(service: string, config: Config): Promise<RunningService> {
  const log = createLogger(service, config.logLevel);
  if (service === 'gateway') {
    const { startSecuredGateway } = await import('./startSecuredGateway');
    const started = await startSecuredGateway(
      config,
      (message) => log.info(message),
      (error) => log.warn({ error }, 'an error hidden from the client'),
    );
    log.info({ url: started.gateway.url, governance: started.governance.url }, 'gateway ready');
    return { ...started.gateway, close: started.close };
  }
  if (service === COMMERCIAL_SUBGRAPH) {
    const { startCommercialSubgraph } = await import('../subgraphs/commercial/startCommercialSubgraph');
    return startCommercialSubgraph(config, (message) => log.info(message));
  }
  if (service === 'simulators') {
    const { startSimulators } = await import('../simulators/startSimulators');
    const { providers, simulators } = config.commercial;
    const apiKeys = Object.fromEntries(Object.values(providers).map((p) => [p.provider, p.apiKey])) as Record<keyof typeof providers, string>;
    const running = await startSimulators({ world: { seed: config.seed, persons: config.persons }, host: config.host, port: simulators.port, apiKeys });
    const urls = Object.values(running.byProvider).map((simulator) => `${simulator.provider} ${simulator.url}`);
    log.info({ urls }, 'simulators ready');
    return { name: 'simulators', url: urls.join('  '), port: simulators.port, close: running.close };
  }
  if (!(RECORD_SUBGRAPHS as readonly string[]).includes(service)) throw new Error(`unknown service: ${service}`);
  const name = service as RecordSubgraphName;
  const [{ SUBGRAPHS }, { prepareDatabase }, { serveSubgraph }, { loadOrCreateKeyPair }] = await Promise.all([
    import('../subgraphs/catalog'),
    import('../subgraphs/prepareDatabase'),
    import('../subgraphs/serveSubgraph'),
    import('../platform/identity/localKeys'),
  ]);
  const definition = await SUBGRAPHS[name]();
  const subgraph = config.subgraphs[name];
  const prepared = await prepareDatabase(
    definition,
    { dataDir: config.dataDir, databaseUrl: subgraph.databaseUrl, statementTimeoutMs: config.statementTimeoutMs },
    { seed: config.seed, persons: config.persons },
    { progress: (message) => log.info(message), warn: (message) => log.warn(message) },
  );
  log.info({ engine: prepared.db.engine, migrated: prepared.migrated, seeded: prepared.seeded, world: prepared.world }, 'store ready');
  const running = await serveSubgraph(definition, prepared.db, {
    host: config.host,
    port: subgraph.port,
    maxBodyBytes: config.maxBodyBytes,
    production: config.env === 'production',
    // Only the gateway's signed context is trusted (in production, its public key from configuration).
    gatewayKeys: [config.gatewayContextPublicKey ?? (await loadOrCreateKeyPair(config.dataDir, 'gateway-context', 'EdDSA')).publicJwk],
    cursorKey: config.cursorKey ?? loadOrCreateSecret(config.dataDir, 'cursor', 32),
    tls: config.tls,
    logger: log,
  });
  log.info({ url: running.url }, 'subgraph ready');
  return {
    ...running,
    async close() {
      await running.close();
      await prepared.db.close();
    },
  };
}

async function main(): Promise<void> {
  const service = process.argv[2];
  if (!service) throw new Error(`usage: serve.ts <gateway|${[...RECORD_SUBGRAPHS, COMMERCIAL_SUBGRAPH, 'simulators'].join('|')}>`);
  const running = await serveOne(service, loadConfig());
  process.send?.({ type: 'ready', service, url: running.url } satisfies ReadyMessage);
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    // Drain in-flight requests, but never hang: a stuck close ends the process anyway.
    setTimeout(() => process.exit(1), 10_000).unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown);
}

main().catch((error: unknown) => {
  console.error(`${process.argv[2] ?? 'service'} failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
