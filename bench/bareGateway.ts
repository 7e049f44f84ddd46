/**
 * The benchmark's baseline (a): `@apollo/gateway` with its default settings and no policy, over
 * the same subgraphs and supergraph, served by Apollo's standalone server. Development only.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { loadConfig } from '../platform/config/loadConfig';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { CALL_SIGNATURE_HEADER } from '../platform/identity/subgraphCallSignature';
import { CONTEXT_HEADER } from '../platform/identity/subgraphContextToken';
import { composeSupergraph } from '../schema/composeSupergraph';
import { signBaselineContext } from './baselineContext';

async function main(): Promise<void> {
  const config = loadConfig();
  const port = Number(process.argv[2] ?? 4050);
  const { token, signCall } = await signBaselineContext(config);
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph(SUBGRAPH_NAMES.map((name) => ({ name, url: config.subgraphs[name].url }))),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest: ({ request }) => {
          request.http?.headers.set(CONTEXT_HEADER, token);
          // The body RemoteGraphQLDataSource will send (no APQ): the query first, then the rest, without `http`.
          const { http: _http, query, ...rest } = request;
          request.http?.headers.set(CALL_SIGNATURE_HEADER, signCall(name, JSON.stringify({ query, ...rest })));
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port, host: config.host } });
  process.send?.({ type: 'ready', service: 'bare-gateway', url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
