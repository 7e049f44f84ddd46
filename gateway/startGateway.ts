import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { graphqlRequestHandler, writeJson } from '../http/graphqlRequestHandler';
import { composeSupergraph, type SubgraphEndpoint } from '../schema/composeSupergraph';
import { listen, type RunningService } from '../subgraphs/serveSubgraph';
import { serveExplorer } from './explorer/serveExplorer';
import { checkReadiness } from './readiness';
import { createSubgraphFetcher } from './subgraphFetcher';

export interface GatewayOptions {
  host: string;
  port: number;
  subgraphs: readonly SubgraphEndpoint[];
  maxBodyBytes: number;
  production: boolean;
  /** Per subgraph call: connect, headers and body each bounded by this. */
  subgraphTimeoutMs?: number;
}

export interface RunningGateway extends RunningService {
  supergraphSdl: string;
}

/**
 * The single entry point: composes the supergraph from the subgraphs' SDL, plans with
 * @apollo/gateway, and calls the subgraphs over undici keep-alive pools.
 * Routes: `/graphql`, `/healthz` (the process is up), `/readyz` (every subgraph reachable),
 * `/explorer` (GraphiQL, offline).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const supergraphSdl = composeSupergraph(options.subgraphs);
  const subgraphClient = createSubgraphFetcher({ connections: 64, timeoutMs: options.subgraphTimeoutMs ?? 10_000 });
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) => new RemoteGraphQLDataSource({ url, fetcher: subgraphClient.fetcher }),
  });
  const apollo = new ApolloServer<BaseContext>({
    gateway,
    // Stack traces and internals never reach a client, in any mode.
    includeStacktraceInErrorResponses: false,
    introspection: true,
    csrfPrevention: true,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const handleGraphQL = graphqlRequestHandler(apollo, { maxBodyBytes: options.maxBodyBytes, context: async () => ({}) });

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === '/graphql') {
      if (request.method === 'GET' && (request.headers.accept ?? '').includes('text/html')) {
        response.writeHead(302, { location: '/explorer' }).end();
        return;
      }
      handleGraphQL(request, response).catch(() => {
        if (!response.headersSent) writeJson(response, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        else response.end();
      });
      return;
    }
    if (path === '/healthz') return writeJson(response, 200, { status: 'ok' });
    if (path === '/readyz') {
      void checkReadiness(options.subgraphs).then((readiness) => writeJson(response, readiness.ready ? 200 : 503, readiness));
      return;
    }
    if (path === '/') {
      response.writeHead(302, { location: '/explorer' }).end();
      return;
    }
    if (serveExplorer(path, response)) return;
    writeJson(response, 404, { error: 'not found' });
  });
  server.keepAliveTimeout = 65_000;
  await listen(server, options.port, options.host);
  const { port } = server.address() as AddressInfo;
  return {
    name: 'gateway',
    port,
    url: `http://${options.host}:${port}/graphql`,
    supergraphSdl,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
      await subgraphClient.close();
    },
  };
}
