import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { AuditLog } from '../../subgraphs/governance/audit/AuditLog';
import type { SubgraphEndpoint } from '../../schema/composeSupergraph';
import { checkpointSigner } from '../../subgraphs/governance/audit/checkpoints';
import { RECORD_SUBGRAPHS, type RecordSubgraphName } from '../../subgraphs/names';
import { startGateway, type GatewayOptions, type GatewaySecurity, type RunningGateway } from '../../gateway/startGateway';
import { createAuthenticator } from '../../gateway/stages/authenticate/authenticate';
import { createGovernanceSubgraph } from '../../subgraphs/governance';
import { cachedSubjects } from '../../subgraphs/governance/directory/cachedSubjects';
import { DirectoryStore } from '../../subgraphs/governance/directory/DirectoryStore';
import { issueDevelopmentToken, type DevelopmentTokenRequest } from '../../platform/identity/issueDevelopmentToken';
import { createKeyPair, type KeyPair } from '../../platform/identity/localKeys';
import { AUDIENCE, createTokenVerifier, LOCAL_ISSUER } from '../../platform/identity/verifyBearerToken';
import type { Database } from '../../platform/storage/Database';
import { prepareDatabase } from '../../subgraphs/prepareDatabase';
import { serveSubgraph } from '../../subgraphs/serveSubgraph';
import { postGraphQL, startTestSubgraph, TEST_WORLD, type GraphQLResponse, type TestSubgraph } from './startTestSubgraph';
import { startRecordingProxy, type RecordedRequest } from './recordingProxy';
import { testContextKey } from './testContext';
import { partnerAccessFor } from '../../gateway/stages/partnerAgreement/partnerAccessFor';
import type { PartnerAccess } from '../../gateway/stages/partnerAgreement/PartnerAccess';
import { createTestStorage, type Backend } from './testDatabase';
import { developmentSignIn } from '../../cli/developmentSignIn';
import type { OidcSignIn } from '../../gateway/routes/OidcSignIn';

export interface Purpose {
  code: string;
  caseNumber?: string;
  justification?: string;
}

export interface TestStack {
  gateway: RunningGateway;
  subgraphs: Record<RecordSubgraphName, TestSubgraph>;
  governanceDb: Database;
  directory: DirectoryStore;
  /** The audit trail the gateway writes, and the public key its checkpoints verify with. */
  audit: AuditLog;
  checkpointKey: KeyPair;
  /** A bearer token from the test issuer (a client-credentials token for a directory CLIENT [P14]). */
  token(userId: string, options?: Omit<DevelopmentTokenRequest, 'userId'>): Promise<string>;
  /** [P14] the gateway's partner access (agreements cache, approved operations). */
  partners: PartnerAccess;
  /** POSTs an operation to the gateway with whatever headers the test gives. */
  query<Data = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<Data> & { status: number }>;
  /** POSTs an operation as a seeded user, with a declared purpose (or none). */
  queryAs<Data = any>(userId: string, purpose: Purpose | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data> & { status: number }>;
  /** SQL statements run so far by every record subgraph's store. */
  statements(): number;
  /** Every request the gateway sent a subgraph (with `recordSubgraphRequests`). */
  subgraphRequests: RecordedRequest[];
  /** Where the gateway writes saved-query exports (removed on close). */
  exportsDir: string;
  close(): Promise<void>;
}

/** Gateway options a suite may set: production mode, limits. */
export type TestGatewayOptions = Partial<Pick<GatewayOptions, 'production' | 'maxBodyBytes' | 'operationLimits' | 'rateLimit' | 'unauthenticatedRateLimit' | 'tls'>>;

export const purposeHeaders = (purpose: Purpose | null): Record<string, string> =>
  purpose
    ? {
        'x-purpose': purpose.code,
        'x-case-number': purpose.caseNumber ?? '2025-075-000123',
        'x-justification': purpose.justification ?? 'Robbery pattern in the 75 precinct, test case',
      }
    : {};

/**
 * The whole product on free loopback ports: every record subgraph (on PostgreSQL, one shared
 * throwaway database), the governance subgraph with the seeded directory, and the gateway with
 * every security stage, trusting a test token issuer.
 */
export async function startTestStack(
  backend: Backend = 'pglite',
  world = TEST_WORLD,
  options: {
    directoryCacheMs?: number;
    recordSubgraphRequests?: boolean;
    reviewOverdueHours?: number;
    gateway?: TestGatewayOptions;
    /** [P14] the clock partner agreements are checked against (expiry tests); default the real one. */
    partnerClock?: () => Date;
    /** [P14] internal clients held to their published operations. */
    trustedDocumentClients?: string[];
    exportTtlDays?: number;
    maxExportRows?: number;
    scheduleEveryMs?: number;
    /** The console's development sign-in, sessions of `ttlSeconds` (default 30 minutes). */
    consoleSignIn?: { ttlSeconds?: number };
    /**
     * [P9] Trust this identity provider instead of the test issuer (its JWKS over HTTP), and let
     * the console sign in there with PKCE. `token()` then still mints test-issuer tokens, which
     * this gateway refuses: ask the provider for tokens.
     */
    identityProvider?: { issuer: string; jwksUrl: string; console: Omit<OidcSignIn, 'issuer'> };
  } = {},
  /** More subgraphs, already running, to compose in (the commercial subgraph: startCommercialStack.ts). */
  extraSubgraphs: readonly SubgraphEndpoint[] = [],
): Promise<TestStack> {
  const storage = await createTestStorage(backend);
  const started = await Promise.all(RECORD_SUBGRAPHS.map((name) => startTestSubgraph(name, backend, world, storage)));
  const subgraphs = Object.fromEntries(started.map((s) => [s.name, s])) as Record<RecordSubgraphName, TestSubgraph>;

  const invalidate = { current: (_id: string) => undefined as void };
  const onDirectoryChange = (id: string) => invalidate.current(id);
  const agreementChanged = { current: (_number: string) => undefined as void };
  const onAgreementChange = (number: string) => agreementChanged.current(number);
  const { db: governanceDb } = await prepareDatabase(createGovernanceSubgraph({ onDirectoryChange }), storage.target, world);
  const checkpointKey = await createKeyPair('audit-checkpoint', 'EdDSA');
  const audit = new AuditLog(governanceDb, { checkpoints: { signer: checkpointSigner(checkpointKey), everyEvents: 25 } });
  let apiSchema: GraphQLSchema | null = null;
  const governanceDefinition = createGovernanceSubgraph({ onDirectoryChange, onAgreementChange, audit, reviewOverdueHours: options.reviewOverdueHours, apiSchema: () => apiSchema });
  const exportsDir = mkdtempSync(path.join(os.tmpdir(), 'erms-exports-'));
  const partners: PartnerAccess = {
    ...partnerAccessFor(governanceDb, { trustedDocumentClients: options.trustedDocumentClients }),
    ...(options.partnerClock ? { now: options.partnerClock } : {}),
  };
  agreementChanged.current = (number) => partners.agreements.invalidate(number);
  const directory = new DirectoryStore(governanceDb);
  const subjects = cachedSubjects(directory, options.directoryCacheMs ?? 30_000);
  invalidate.current = subjects.invalidate;
  const contextKey = await testContextKey();
  const governance = await serveSubgraph(governanceDefinition, governanceDb, {
    host: '127.0.0.1', port: 0, maxBodyBytes: 1_000_000, production: false, gatewayKeys: [contextKey.publicJwk],
  });

  const subgraphRequests: RecordedRequest[] = [];
  const endpoints = [...started.map(({ name, url }) => ({ name, url })), ...extraSubgraphs, { name: 'governance', url: governance.url }];
  const proxies = options.recordSubgraphRequests
    ? await Promise.all(endpoints.map((endpoint) => startRecordingProxy(endpoint.name, endpoint.url, subgraphRequests)))
    : [];
  const routed = proxies.length ? endpoints.map((endpoint, i) => ({ name: endpoint.name, url: proxies[i]!.url })) : endpoints;

  const issuerKey = await createKeyPair('test-issuer', 'ES256');
  const idp = options.identityProvider;
  const verify = idp
    ? createTokenVerifier({ issuer: idp.issuer, audience: AUDIENCE, algorithms: ['ES256'], jwksUrl: idp.jwksUrl })
    : createTokenVerifier({ issuer: LOCAL_ISSUER, audience: AUDIENCE, algorithms: ['ES256'], localIssuerKey: issuerKey });
  const gateway = await startGateway({
    host: '127.0.0.1',
    port: 0,
    subgraphs: routed,
    maxBodyBytes: 1_000_000,
    production: false,
    subgraphTimeoutMs: 5_000,
    ...options.gateway,
    developmentSignIn: options.consoleSignIn ? developmentSignIn(issuerKey, options.consoleSignIn.ttlSeconds) : undefined,
    oidcSignIn: idp && { issuer: idp.issuer, ...idp.console },
    security: { authenticate: createAuthenticator(verify, subjects), contextKey, audit, findAuthorization: (number) => directory.investigationAuthorization(number), partners },
    // No scheduler unless a suite asks for one.
    savedQueries: {
      db: governanceDb, exportsDir, exportTtlDays: options.exportTtlDays ?? 30, maxExportRows: options.maxExportRows,
      subjectOf: (id) => directory.subject(id, false, false), scheduleEveryMs: options.scheduleEveryMs ?? 0,
    },
  });
  apiSchema = Supergraph.build(gateway.supergraphSdl).apiSchema().toGraphQLJSSchema();
  // A directory CLIENT gets what an identity provider's token endpoint issues it: client credentials.
  const token = async (userId: string, request: Omit<DevelopmentTokenRequest, 'userId'> = {}) =>
    issueDevelopmentToken(issuerKey, { userId, ...((await directory.user(userId).catch(() => null))?.kind === 'CLIENT' ? { clientCredentials: true } : {}), ...request });
  return {
    gateway,
    subgraphs,
    governanceDb,
    directory,
    audit,
    checkpointKey,
    token,
    partners,
    query: (query, variables, headers) => postGraphQL(gateway.url, query, variables, headers),
    queryAs: async (userId, purpose, query, variables) =>
      postGraphQL(gateway.url, query, variables, { authorization: `Bearer ${await token(userId)}`, ...purposeHeaders(purpose) }),
    statements: () => started.reduce((sum, s) => sum + s.db.statementCount(), 0),
    subgraphRequests,
    exportsDir,
    async close() {
      await gateway.close();
      await Promise.all(proxies.map((proxy) => proxy.close()));
      await governance.close();
      await audit.close();
      await governanceDb.close();
      await Promise.all(started.map((s) => s.close()));
      await storage.drop();
      rmSync(exportsDir, { recursive: true, force: true });
    },
  };
}
