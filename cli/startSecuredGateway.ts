import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { AuditLog } from '../subgraphs/governance/audit/AuditLog';
import { checkpointSigner } from '../subgraphs/governance/audit/checkpoints';
import { oversightLoaders } from '../subgraphs/governance/oversight/oversightResolvers';
import type { Config } from '../platform/config/loadConfig';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { createGovernanceSubgraph } from '../subgraphs/governance';
import { cachedSubjects } from '../subgraphs/governance/directory/cachedSubjects';
import { DirectoryStore } from '../subgraphs/governance/directory/DirectoryStore';
import { loadOrCreateKeyPair } from '../platform/identity/localKeys';
import { createTokenVerifier, AUDIENCE, LOCAL_ISSUER } from '../platform/identity/verifyBearerToken';
import { prepareDatabase } from '../subgraphs/prepareDatabase';
import type { RunningService } from '../subgraphs/serveSubgraph';
import { startSubgraphService } from '../subgraphs/startSubgraphService';
import { createAuthenticator } from '../gateway/stages/authenticate/authenticate';
import { startGateway, type RunningGateway } from '../gateway/startGateway';
import { partnerAccessFor } from '../gateway/stages/partnerAgreement/partnerAccessFor';
import { withOverrides } from '../gateway/stages/operationLimits/limitsFor';
import { OPERATION_LIMITS } from '../policy/operationLimitsTable';
import { developmentSignIn } from './developmentSignIn';

/**
 * The gateway's process as `npm start` runs it: the governance store (directory) and its
 * subgraph, the token verifier (the identity provider's JWKS in production, the local
 * development issuer otherwise), and the gateway with every security stage.
 */
export async function startSecuredGateway(
  config: Config,
  log: (message: string) => void,
  logHiddenError?: (error: GraphQLFormattedError) => void,
): Promise<{ gateway: RunningGateway; governance: RunningService; close(): Promise<void> }> {
  const subjects = { invalidate: (_id: string) => undefined as void };
  const onDirectoryChange = (id: string) => subjects.invalidate(id);
  const agreementsChanged = { invalidate: (_number: string) => undefined as void };
  const onAgreementChange = (number: string) => agreementsChanged.invalidate(number);
  const prepared = await prepareDatabase(
    createGovernanceSubgraph({ onDirectoryChange }),
    { dataDir: config.dataDir, databaseUrl: config.subgraphs.governance.databaseUrl, statementTimeoutMs: config.statementTimeoutMs },
    { seed: config.seed, persons: config.persons },
    { progress: log },
  );
  const directory = cachedSubjects(new DirectoryStore(prepared.db), config.directoryCacheMs);
  subjects.invalidate = directory.invalidate;

  const contextKey = await loadOrCreateKeyPair(config.dataDir, 'gateway-context', 'EdDSA');
  // [P18] the chain's checkpoints are signed with a key the audit database does not hold.
  const audit = new AuditLog(prepared.db, {
    checkpoints: { signer: checkpointSigner(await loadOrCreateKeyPair(config.dataDir, 'audit-checkpoint', 'EdDSA')), everyEvents: config.audit.checkpointEveryEvents, everyMs: config.audit.checkpointEveryMs },
  });
  // Saved queries are validated against the supergraph the gateway composes below.
  let apiSchema: GraphQLSchema | null = null;
  const definition = createGovernanceSubgraph({
    onDirectoryChange, onAgreementChange, audit, reviewOverdueHours: config.audit.reviewOverdueHours, apiSchema: () => apiSchema,
  });
  // [P14] partner agencies: agreements, approved operations (and internal clients that opted in).
  const partners = partnerAccessFor(prepared.db, { trustedDocumentClients: config.trustedDocumentClients });
  agreementsChanged.invalidate = (number) => partners.agreements.invalidate(number);
  const resumed = await oversightLoaders(prepared.db).focusedAudits.resume();
  if (resumed) log(`focused audits: resumed ${resumed} left unfinished`);
  const localIssuerKey = config.oidc ? undefined : await loadOrCreateKeyPair(config.dataDir, 'local-issuer', 'ES256');
  const verify = config.oidc
    ? createTokenVerifier({ issuer: config.oidc.issuer, audience: config.oidc.audience, algorithms: config.oidc.algorithms, jwksUrl: config.oidc.jwksUrl })
    : createTokenVerifier({ issuer: LOCAL_ISSUER, audience: AUDIENCE, algorithms: ['ES256'], localIssuerKey });
  if (!config.oidc) log('authentication: local development issuer (npm run token); set OIDC_* for an identity provider');

  const governance = await startSubgraphService(config, 'governance', definition, { log, prepared, gatewayKeys: [contextKey.publicJwk] });
  const gateway = await startGateway({
    host: config.host,
    port: config.gatewayPort,
    subgraphs: SUBGRAPH_NAMES.map((name) => ({ name, url: config.subgraphs[name].url })),
    maxBodyBytes: config.maxBodyBytes,
    variableLimits: config.variableLimits,
    production: config.env === 'production',
    security: {
      authenticate: createAuthenticator(verify, directory),
      contextKey,
      audit,
      findAuthorization: (number) => new DirectoryStore(prepared.db).investigationAuthorization(number),
      partners,
    },
    logTrustedDocuments: (invalid) => invalid.forEach((d) => log(`trusted document ${d.owner}/${d.name} v${d.version} marked invalid: ${d.problem}`)),
    tls: config.tls ? { ...config.tls, requestClientCertificate: config.requestClientCertificate } : undefined,
    subgraphCa: config.tls?.ca,
    logHiddenError,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    operationLimits: withOverrides(OPERATION_LIMITS, config.limits.operationLimits),
    rateLimit: config.limits.rateLimit,
    unauthenticatedRateLimit: config.limits.unauthenticatedRateLimit,
    savedQueries: {
      db: prepared.db,
      exportsDir: config.savedQueries.exportsDir,
      exportTtlDays: config.savedQueries.exportTtlDays,
      subjectOf: (id) => new DirectoryStore(prepared.db).subject(id, false, false),
      scheduleEveryMs: config.savedQueries.schedulerEveryMs,
      seedLibrary: true,
      revalidated: ({ checked, broken, librarySeeded }) =>
        log(`saved queries: ${librarySeeded ? `${librarySeeded} examples added to the library; ` : ''}${checked} revalidated against the supergraph, ${broken} broken`),
    },
    developmentSignIn: localIssuerKey && config.env !== 'production' ? developmentSignIn(localIssuerKey) : undefined,
    oidcSignIn: config.oidc?.console && { issuer: config.oidc.issuer, ...config.oidc.console },
  });
  apiSchema = Supergraph.build(gateway.supergraphSdl).apiSchema().toGraphQLJSSchema();
  return {
    gateway,
    governance,
    async close() {
      await gateway.close();
      await governance.close();
      await audit.close();
      await prepared.db.close();
    },
  };
}
