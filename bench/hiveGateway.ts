/**
 * The benchmark's third party (c): Hive Gateway's runtime (`@graphql-hive/gateway-runtime`)
 * with its default settings and no policy, over the same composed supergraph and subgraphs,
 * served with node:http in its own process. Development only.
 *
 * The runtime loads its HTTP transport (`@graphql-mesh/transport-http`) on demand, and that
 * package comes with the full `@graphql-hive/gateway`, not with the runtime we install. It is a
 * thin wrapper over `buildHTTPExecutor` from `@graphql-tools/executor-http` (installed with the
 * runtime): we hand the runtime the same executor, with its own fetch, and nothing else.
 */
import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import { loadConfig, SUBGRAPH_NAMES } from '../config/loadConfig';
import { CONTEXT_HEADER } from '../identity/subgraphContextToken';
import { composeSupergraph } from '../schema/composeSupergraph';
import { listen } from '../subgraphs/serveSubgraph';
import { signBaselineContext } from './baselineContext';

async function main(): Promise<void> {
  // Hive's fetch adds an abort listener per subgraph call to one signal per request: past ten
  // calls (the persons query makes more) Node warns of a leak that is none.
  setMaxListeners(100);
  const config = loadConfig();
  const port = Number(process.argv[2] ?? 4060);
  const token = await signBaselineContext(config);
  const runtime = createGatewayRuntime({
    supergraph: composeSupergraph(SUBGRAPH_NAMES.map((name) => ({ name, url: config.subgraphs[name].url }))),
    transports: {
      http: {
        getSubgraphExecutor: ({ transportEntry, fetch, getDisposeReason }) =>
          buildHTTPExecutor({ endpoint: transportEntry.location, fetch: fetch as never, getDisposeReason }),
      },
    },
    // The one header every subgraph requires; nothing else is configured.
    propagateHeaders: { fromClientToSubgraphs: () => ({ [CONTEXT_HEADER]: token }) },
  });
  const server = createServer(runtime);
  await listen(server, port, config.host);
  process.send?.({ type: 'ready', service: 'hive-gateway', url: `http://${config.host}:${port}/graphql` });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
