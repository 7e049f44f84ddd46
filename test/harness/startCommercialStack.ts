import { randomBytes } from 'node:crypto';
import { loadCommercialConfig, type ProviderConfig, type ProviderHttpConfig } from '../../platform/config/loadCommercialConfig';
import { COMMERCIAL_PROVIDERS, type CommercialProvider } from '../../subgraphs/commercial/providers/providerNames';
import type { SubgraphCallContext } from '../../platform/identity/subgraphContextToken';
import type { PermissiblePurpose } from '../../policy/permissiblePurposes';
import { FAST_BEHAVIOUR, startSimulators, type RunningSimulators } from '../../simulators/startSimulators';
import type { Database } from '../../platform/storage/Database';
import { createCommercialSubgraph, type CommercialSubgraph } from '../../subgraphs/commercial';
import { prepareDatabase } from '../../subgraphs/prepareDatabase';
import { serveSubgraph } from '../../subgraphs/serveSubgraph';
import type { World } from '../../synthetic/world';
import { startTestStack, type TestStack } from './startTestStack';
import { postSignedGraphQL, TEST_WORLD, type GraphQLResponse } from './startTestSubgraph';
import { ALL_TRAININGS, testContextKey } from './testContext';
import { createTestStorage, type Backend } from './testDatabase';

/**
 * The commercial subgraph and the five provider simulators on free ports, with short timeouts so
 * the failure suites stay fast; alone (subgraph suites, signed as the gateway would) or composed
 * into the whole secured stack (federation suites).
 */
export const TEST_API_KEYS: Record<CommercialProvider, string> = {
  TLO: 'test-tlo-key', WHOOSTER: 'test-whooster-key', ACCURINT: 'test-accurint-key', SKOPENOW: 'test-skopenow-key', LEADS_ONLINE: 'test-leads-key',
};

/** Short enough to keep the failure cases quick, long enough not to fail answers on a loaded 2-core machine. */
export const TEST_HTTP: Partial<ProviderHttpConfig> = {
  connectTimeoutMs: 1_000, timeoutMs: 1_500, deadlineMs: 3_000, breakerFailures: 3, breakerHalfOpenAfterMs: 500, maxRetryAfterMs: 1_500,
};

export interface CommercialTestOptions {
  world?: World;
  http?: Partial<ProviderHttpConfig>;
  providers?: Partial<Record<CommercialProvider, Partial<Omit<ProviderConfig, 'http'>>>>;
}

export interface TestCommercial {
  url: string;
  db: Database;
  simulators: RunningSimulators;
  subgraph: CommercialSubgraph;
  cacheKey: Buffer;
  /** Moves the subgraph's clock forward (cache expiry). */
  advanceClock(ms: number): void;
  queryAs<Data = any>(caller: SubgraphCallContext, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data> & { status: number }>;
  close(): Promise<void>;
}

export function testProviderConfigs(urls: Record<CommercialProvider, string>, options: CommercialTestOptions = {}): Record<CommercialProvider, ProviderConfig> {
  const defaults = loadCommercialConfig({}, { production: false, host: '127.0.0.1', gatewayPort: 4000, scheme: 'http' }).providers;
  return Object.fromEntries(COMMERCIAL_PROVIDERS.map((p) => [p, {
    ...defaults[p], url: urls[p], apiKey: TEST_API_KEYS[p], ...options.providers?.[p],
    http: { ...defaults[p].http, ...TEST_HTTP, ...options.http },
  }])) as Record<CommercialProvider, ProviderConfig>;
}

/** A caller as the gateway signs it: the seeded detective, investigating, with a permissible purpose (null: none). */
export function detectiveCaller(permissiblePurpose: PermissiblePurpose | null = { dppa: 'DPPA_B1', glba: 'GLBA_E5' }, subject: Partial<SubgraphCallContext['subject']> = {}): SubgraphCallContext {
  return {
    requestId: `test-${randomBytes(4).toString('hex')}`,
    subject: { id: 'detective', kind: 'USER', roles: ['DETECTIVE'], command: '075 DET SQUAD', assignment: 'DETECTIVE SQUAD', agency: { name: 'NYPD', ori: 'NY0303000' }, currentTrainings: ALL_TRAININGS, ...subject },
    purpose: { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123', ...(permissiblePurpose ? { permissiblePurpose } : {}) },
  };
}

export async function startTestCommercial(backend: Backend = 'pglite', options: CommercialTestOptions = {}): Promise<TestCommercial> {
  const world = options.world ?? TEST_WORLD;
  const simulators = await startSimulators({ world, host: '127.0.0.1', port: 0, apiKeys: TEST_API_KEYS, behaviour: () => FAST_BEHAVIOUR });
  const urls = Object.fromEntries(COMMERCIAL_PROVIDERS.map((p) => [p, simulators.byProvider[p].url])) as Record<CommercialProvider, string>;
  let offsetMs = 0;
  const cacheKey = randomBytes(32);
  const subgraph = createCommercialSubgraph({ providers: testProviderConfigs(urls, options), cacheKey, now: () => new Date(Date.now() + offsetMs) });
  const storage = await createTestStorage(backend);
  const { db } = await prepareDatabase(subgraph, storage.target, world);
  const service = await serveSubgraph(subgraph, db, { host: '127.0.0.1', port: 0, maxBodyBytes: 1_000_000, production: false, gatewayKeys: [(await testContextKey()).publicJwk] });
  return {
    url: service.url,
    db,
    simulators,
    subgraph,
    cacheKey,
    advanceClock: (ms) => {
      offsetMs += ms;
    },
    queryAs: async (caller, query, variables) => postSignedGraphQL(service.url, 'commercial', caller, query, variables),
    async close() {
      await service.close();
      await subgraph.close();
      await simulators.close();
      await db.close();
      await storage.drop();
    },
  };
}

/** The whole secured stack (gateway, record subgraphs, governance) with the commercial subgraph composed in. */
export async function startCommercialStack(
  backend: Backend = 'pglite',
  options: CommercialTestOptions = {},
  stackOptions: Parameters<typeof startTestStack>[2] = {},
): Promise<TestStack & { commercial: TestCommercial }> {
  const commercial = await startTestCommercial(backend, options);
  const stack = await startTestStack(backend, options.world ?? TEST_WORLD, stackOptions, [{ name: 'commercial', url: commercial.url }]);
  return {
    ...stack,
    commercial,
    async close() {
      await stack.close();
      await commercial.close();
    },
  };
}
