import type { JWK } from 'jose';
import type { RecordSubgraphName } from '../../subgraphs/names';
import type { SubgraphCallContext } from '../../platform/identity/subgraphContextToken';
import type { Database } from '../../platform/storage/Database';
import { SUBGRAPHS } from '../../subgraphs/catalog';
import { prepareDatabase } from '../../subgraphs/prepareDatabase';
import { serveSubgraph } from '../../subgraphs/serveSubgraph';
import type { World } from '../../synthetic/world';
import { createTestStorage, type Backend, type TestStorage } from './testDatabase';
import { AUDITOR, signedHeaders, testContextKey } from './testContext';

export interface GraphQLResponse<Data = any> {
  data?: Data;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestSubgraph {
  name: RecordSubgraphName;
  url: string;
  db: Database;
  world: World;
  /** POSTs a GraphQL operation to the subgraph over HTTP, signed as the gateway would for the test auditor. */
  query<Data = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<Data>>;
  /** The same, signed for another caller. */
  queryAs<Data = any>(caller: SubgraphCallContext, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data> & { status: number }>;
  close(): Promise<void>;
}

/** A small world that still has people with records in every source. */
export const TEST_WORLD: World = { seed: 7, persons: 400 };

/** Migrates, seeds and serves one subgraph on a free loopback port. */
export async function startTestSubgraph(
  name: RecordSubgraphName,
  backend: Backend = 'pglite',
  world: World = TEST_WORLD,
  storage?: TestStorage,
  /** More gateway keys to trust, besides this test process's (a gateway in a child process). */
  trustedGatewayKeys: readonly JWK[] = [],
): Promise<TestSubgraph> {
  const definition = await SUBGRAPHS[name]();
  const ownStorage = storage ?? (await createTestStorage(backend));
  const { db } = await prepareDatabase(definition, ownStorage.target, world);
  const service = await serveSubgraph(definition, db, {
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 1_000_000,
    production: false,
    gatewayKeys: [(await testContextKey()).publicJwk, ...trustedGatewayKeys],
  });
  return {
    name,
    url: service.url,
    db,
    world,
    query: async (query, variables, headers) => postSignedGraphQL(service.url, name, AUDITOR, query, variables, headers),
    queryAs: async (caller, query, variables) => postSignedGraphQL(service.url, name, caller, query, variables),
    async close() {
      await service.close();
      await db.close();
      if (!storage) await ownStorage.drop();
    },
  };
}

export async function postGraphQL<Data = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<Data> & { status: number }> {
  return postBody(url, JSON.stringify({ query, variables }), headers);
}

/** POSTs an operation to the subgraph `audience` as the gateway would for `caller`: context and call signed. */
export async function postSignedGraphQL<Data = any>(
  url: string,
  audience: string,
  caller: SubgraphCallContext,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<Data> & { status: number }> {
  const body = JSON.stringify({ query, variables });
  return postBody(url, body, { ...(await signedHeaders(caller, audience, body)), ...headers });
}

/** POSTs these exact bytes (what a signature covers). */
export async function postBody<Data = any>(url: string, body: string, headers: Record<string, string> = {}): Promise<GraphQLResponse<Data> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as GraphQLResponse<Data>) };
  } catch {
    throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 200)}`);
  }
}
