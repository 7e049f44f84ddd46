import type { GraphQLFormattedError } from 'graphql';
import { AuditLog } from '../subgraphs/governance/audit/AuditLog';
import { checkpointSigner } from '../subgraphs/governance/audit/checkpoints';
import { oversightLoaders } from '../subgraphs/governance/oversight/oversightResolvers';
import type { Config } from '../platform/config/loadConfig';
import { SUBGRAPH_NAMES } from '../platform/config/loadConfig';
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
  const definition = createGovernanceSubgraph({ onDirectoryChange, audit, reviewOverdueHours: config.audit.reviewOverdueHours });
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
    },
    tls: config.tls,
    subgraphCa: config.tls?.ca,
    logHiddenError,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    operationLimits: withOverrides(OPERATION_LIMITS, config.limits.operationLimits),
    rateLimit: config.limits.rateLimit,
    unauthenticatedRateLimit: config.limits.unauthenticatedRateLimit,
    developmentSignIn: localIssuerKey && config.env !== 'production' ? developmentSignIn(localIssuerKey) : undefined,
  });
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
