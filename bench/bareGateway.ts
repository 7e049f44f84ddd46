/**
 * The benchmark's baseline: `@apollo/gateway` with its default settings and no policy, over the
 * same subgraphs and supergraph. Subgraphs answer only a signed gateway context, so the
 * baseline sends one context signed once for the whole run (its cost is therefore not counted
 * against the baseline). Development only: it refuses to run in production.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { loadConfig, SUBGRAPH_NAMES } from '../config/loadConfig';
import { loadOrCreateKeyPair } from '../identity/localKeys';
import { CONTEXT_HEADER, signSubgraphContext } from '../identity/subgraphContextToken';
import { composeSupergraph } from '../schema/composeSupergraph';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.env === 'production') throw new Error('the bare gateway is a benchmark baseline, never for production');
  const port = Number(process.argv[2] ?? 4050);
  const key = await loadOrCreateKeyPair(config.dataDir, 'gateway-context', 'EdDSA');
  const token = await signSubgraphContext(
    key,
    {
      requestId: 'benchmark-baseline',
      subject: { id: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 DET SQUAD', assignment: 'DETECTIVE SQUAD', agency: { name: 'NYPD', ori: 'NY0303000' } },
      purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: 'BENCH-1' },
    },
    3600,
  );
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph(SUBGRAPH_NAMES.map((name) => ({ name, url: config.subgraphs[name].url }))),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest: ({ request }) => {
          request.http?.headers.set(CONTEXT_HEADER, token);
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
