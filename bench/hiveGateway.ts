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
import { loadConfig } from '../platform/config/loadConfig';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { CALL_SIGNATURE_HEADER } from '../platform/identity/subgraphCallSignature';
import { CONTEXT_HEADER } from '../platform/identity/subgraphContextToken';
import { composeSupergraph } from '../schema/composeSupergraph';
import { listen } from '../subgraphs/serveSubgraph';
import { signBaselineContext } from './baselineContext';

async function main(): Promise<void> {
  // Hive's fetch adds an abort listener per subgraph call to one signal per request: past ten
  // calls (the persons query makes more) Node warns of a leak that is none.
  setMaxListeners(100);
  const config = loadConfig();
  const port = Number(process.argv[2] ?? 4060);
  const { token, signCall } = await signBaselineContext(config);
  const runtime = createGatewayRuntime({
    supergraph: composeSupergraph(SUBGRAPH_NAMES.map((name) => ({ name, url: config.subgraphs[name].url }))),
    transports: {
      http: {
        getSubgraphExecutor: ({ transportEntry, fetch, getDisposeReason }) =>
          buildHTTPExecutor({ endpoint: transportEntry.location, fetch: signingFetch((fetch ?? globalThis.fetch) as Function, transportEntry.subgraph, signCall) as never, getDisposeReason }),
      },
    },
    // The one header every subgraph requires; nothing else is configured.
    propagateHeaders: { fromClientToSubgraphs: () => ({ [CONTEXT_HEADER]: token }) },
  });
  const server = createServer(runtime);
  await listen(server, port, config.host);
  process.send?.({ type: 'ready', service: 'hive-gateway', url: `http://${config.host}:${port}/graphql` });
}

/** Hive's fetch, with each call's signature over the exact body it sends (a plain-object `headers`). */
function signingFetch(fetch: Function, subgraph: string, signCall: (subgraph: string, body: string) => string) {
  return (url: string, init: { headers?: Record<string, string>; body?: unknown }, ...rest: unknown[]) =>
    fetch(url, { ...init, headers: { ...init.headers, [CALL_SIGNATURE_HEADER]: signCall(subgraph, String(init.body ?? '')) } }, ...rest);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
