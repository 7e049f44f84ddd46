/**
 * Runs one service in this process: a subgraph (`serve.ts calls`), the gateway
 * (`serve.ts gateway`) or the commercial providers' simulators (`serve.ts simulators`).
 * `npm start` runs one of these per service; each tells its parent (over IPC, when there is
 * one) that it is ready and where.
 */
import { loadConfig, type Config } from '../platform/config/loadConfig';
import { COMMERCIAL_SUBGRAPH, RECORD_SUBGRAPHS, type RecordSubgraphName } from '../subgraphs/names';
import { createLogger } from '../platform/observability/logger';
import type { RunningService } from '../subgraphs/serveSubgraph';
import { answerHelp } from './answerHelp';

answerHelp(`
usage: tsx cli/serve.ts <gateway|complaints-arrests|calls|warrants|commercial|simulators>

Runs one service in this process (npm start runs one per service).
`);

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
    const [{ createCommercialSubgraph }, { startSubgraphService }, { loadOrCreateSecret }] = await Promise.all([
      import('../subgraphs/commercial'),
      import('../subgraphs/startSubgraphService'),
      import('../platform/identity/localSecret'),
    ]);
    // [P10] production's key comes from configuration; the embedded default keeps one under DATA_DIR.
    const cacheKey = config.commercial.cacheKey ?? loadOrCreateSecret(config.dataDir, 'commercial-cache', 32);
    const definition = createCommercialSubgraph({ providers: config.commercial.providers, cacheKey, warn: (message) => log.warn(message) });
    return startSubgraphService(config, COMMERCIAL_SUBGRAPH, definition, { log: (message) => log.info(message) });
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
  const [{ SUBGRAPHS }, { startSubgraphService }] = await Promise.all([import('../subgraphs/catalog'), import('../subgraphs/startSubgraphService')]);
  const running = await startSubgraphService(config, name, await SUBGRAPHS[name](), { log: (message) => log.info(message) });
  const { db, migrated, seeded, world } = running.prepared;
  log.info({ engine: db.engine, migrated, seeded, world, url: running.url }, 'subgraph ready');
  return running;
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
