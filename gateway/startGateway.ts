import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import type { GraphQLFormattedError } from 'graphql';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { closeServer } from '../platform/http/closeServer';
import type { LogHandlerFailure } from '../platform/http/answerInternalError';
import { createServer, type TlsIdentity } from '../platform/http/createServer';
import type { VariableLimits } from '../platform/http/variablesOverLimit';
import { graphqlRequestHandler, writeJson } from '../platform/http/graphqlRequestHandler';
import { readPolicyMap } from '../directives/readPolicyMap';
import { ermsError, rateLimited } from '../platform/errors/ErrorCode';
import type { KeyPair } from '../platform/identity/localKeys';
import { reusingContextSigner } from '../platform/identity/subgraphContextToken';
import { createCallSigner } from '../platform/identity/subgraphCallSignature';
import { policyContext, type Subject } from '../policy/Subject';
import { composeSupergraph, type SubgraphEndpoint } from '../schema/composeSupergraph';
import type { GatewayContext } from './GatewayContext';
import { fieldPolicyPlugin } from './stages/fieldPolicy/fieldPolicyStage';
import { introspectionPlugin } from './stages/introspection/introspectionStage';
import { auditPlugin, refusalEvent, subjectOf } from './stages/audit/auditStage';
import { readRecordKeys } from './stages/audit/recordKeys';
import { SessionsSeen } from './stages/audit/SessionsSeen';
import { auditEdgeRefusal } from './stages/audit/auditEdgeRefusal';
import type { AuditLog } from '../subgraphs/governance/audit/AuditLog';
import { protectedCharacteristicsPlugin } from './stages/protectedCharacteristics/protectedCharacteristicsStage';
import { readProtectedCharacteristics } from '../directives/readProtectedCharacteristics';
import { inputBoundsPlugin } from './stages/operationLimits/inputBoundsStage';
import { readInputBounds } from '../directives/readInputBounds';
import { readPurpose } from './stages/purpose/readPurpose';
import { IDENTITY_HEADERS, PURPOSE_HEADERS, refuseRepeatedHeaders } from './stages/authenticate/refuseRepeatedHeaders';
import { enforceGuards, immigrationEnforcementGuard, politicalActivityGuard } from './stages/guards/requestGuards';
import { createGatewayMetrics, type GatewayMetrics } from '../platform/observability/metrics';
import type { InvestigationAuthorization } from '../subgraphs/governance/directory/DirectoryStore';
import { listen, type RunningService } from '../subgraphs/serveSubgraph';
import { serveExplorer } from './routes/serveExplorer';
import { serveMetrics } from './routes/serveMetrics';
import { checkReadiness } from './routes/checkReadiness';
import { createSubgraphClient } from './subgraphClient';
import { formatClientError } from './errors/formatClientError';
import { KnownOperationTypesRule } from './validation/KnownOperationTypesRule';
import { operationLimitsPlugin } from './stages/operationLimits/operationLimitsStage';
import { OPERATION_LIMITS, type OperationLimitsTable } from './stages/operationLimits/operationLimitsTable';
import { tokenCeiling } from './stages/operationLimits/limitsFor';
import { RateLimiter, type RateLimit } from './stages/rateLimit/RateLimiter';
import { UnauthenticatedRateLimit } from './stages/rateLimit/UnauthenticatedRateLimit';
import type { PartnerAccess } from './stages/partnerAgreement/PartnerAccess';
import type { Revalidation } from './stages/trustedDocuments/revalidateTrustedDocuments';
import { admitPartner } from './stages/partnerAgreement/admitPartner';
import { resolveTrustedDocument, type TrustedDocumentUsed } from './stages/trustedDocuments/resolveTrustedDocument';
import { isPartner } from '../policy/agreementScope';

export interface GatewayOptions {
  host: string;
  port: number;
  subgraphs: readonly SubgraphEndpoint[];
  maxBodyBytes: number;
  production: boolean;
  /** Per subgraph call: connect, headers and body each bounded by this. */
  subgraphTimeoutMs?: number;
  /**
   * Authentication, purpose and field policy. `'none'` serves the bare supergraph: only the
   * benchmark's baseline uses it, and production refuses it.
   */
  security: GatewaySecurity | 'none';
  /** Serve HTTPS with this certificate [P10]. */
  tls?: TlsIdentity;
  /** Errors whose detail the client is not shown (a subgraph down, an exception), for the operators' log. */
  logHiddenError?: (error: GraphQLFormattedError) => void;
  /** A request whose handler threw (answered 500 INTERNAL_SERVER_ERROR), for the operators' log; default stderr. */
  logHandlerFailure?: LogHandlerFailure;
  /** How deep and large a request's variables may be; default DEFAULT_VARIABLE_LIMITS. */
  variableLimits?: VariableLimits;
  /** A CA (PEM) to trust for HTTPS subgraphs with certificates of the department's own CA. */
  subgraphCa?: string | Buffer;
  /** Operation limits by role; default: gateway/stages/operationLimits/operationLimitsTable.ts. */
  operationLimits?: OperationLimitsTable;
  /** Requests per user (per replica); absent: none. */
  rateLimit?: RateLimit;
  /** Failed authentications per source address (per replica); absent: none. */
  unauthenticatedRateLimit?: RateLimit;
  /** Published operations found invalid against the supergraph at start (marked, not served), for the operators' log. */
  logTrustedDocuments?: (invalid: Revalidation['invalid']) => void;
}

export interface GatewaySecurity {
  /** Verifies the bearer token and loads the caller from the directory. */
  authenticate: (authorization: string | undefined) => Promise<Subject>;
  /** Signs the context every subgraph call carries. */
  contextKey: KeyPair;
  /** [P18] where every use is recorded; an answer leaves only once its event is committed. */
  audit: AuditLog;
  /** [P6] an investigation authorization in force, by number. */
  findAuthorization: (number: string) => Promise<InvestigationAuthorization | null>;
  /** [P14] partner agencies' agreements and approved operations; absent: every partner is refused. */
  partners?: PartnerAccess;
}

/**
 * Who asks, and why: authentication [P9], the immigration-enforcement guard on the raw purpose
 * headers [P15], the declared purpose [P5], then the guards that need it (Handschu [P6]).
 * All before the operation is even parsed.
 */
async function requestContext(
  security: GatewaySecurity,
  metrics: GatewayMetrics,
  logons: SessionsSeen,
  request: IncomingMessage,
  checkRate: (subject: Subject) => void,
  requestId: string,
  addressLimit: UnauthenticatedRateLimit | undefined,
  body: unknown,
): Promise<GatewayContext> {
  const sourceAddress = request.socket.remoteAddress ?? null;
  let subject: Subject | undefined;
  try {
    const authenticate = addressLimit ? countingFailures(security.authenticate, addressLimit, sourceAddress ?? 'unknown') : security.authenticate;
    return await admit(Object.assign({}, security, { authenticate }), metrics, logons, request, requestId, sourceAddress, (known) => (subject = known), checkRate, body);
  } catch (refusal) {
    // [P18] a refusal before the operation is parsed is a use too (logons seen included).
    const code = codeOf(refusal);
    // An address over its failed-authentication limit: its first refusal of each minute only,
    // so a flood cannot fill the trail (every refusal is counted in the metrics).
    // Without a subject, RATE_LIMITED can only come from that limit.
    if (code === 'RATE_LIMITED' && !subject && !addressLimit?.firstRefusalOfMinute(sourceAddress ?? 'unknown')) throw refusal;
    try {
      // [P14] a partner's refusal names its agreement, in force or not.
      const agreement = (refusal as { extensions?: { agreement?: unknown } }).extensions?.agreement;
      await security.audit.append(refusalEvent(request, requestId, subject, code, typeof agreement === 'string' ? { agreement } : {}));
    } catch {
      throw ermsError('AUDIT_UNAVAILABLE', 'the audit record of this request could not be stored: no answer is released without it');
    }
    throw refusal;
  }
}

const codeOf = (error: unknown): string => (error as { extensions?: { code?: string } }).extensions?.code ?? 'INTERNAL_SERVER_ERROR';

/**
 * Authentication whose failures count against the source address; once the address is over
 * its limit, a request that fails is refused with RATE_LIMITED instead.
 *
 * A request without an Authorization header cannot authenticate: it is counted and, over the
 * limit, refused before anything is done for it. A request with one is verified even over the
 * limit: refusing it unverified would be cheaper, but would lock out every valid user behind
 * the same address (a station's NAT) while one client floods. Verifying stays cheap enough:
 * a token seen before is cached, a malformed header fails on its shape, and only a forged or
 * expired well-formed token costs a signature check. Only UNAUTHENTICATED counts: FORBIDDEN
 * means the token verified (remote access not permitted) or the directory is down, neither the
 * caller's guessing.
 */
function countingFailures(
  authenticate: GatewaySecurity['authenticate'],
  limit: UnauthenticatedRateLimit,
  address: string,
): GatewaySecurity['authenticate'] {
  const failed = () => {
    const decision = limit.failed(address);
    if (decision.allowed) return;
    throw rateLimited(
      `too many failed authentications from this address: at most ${limit.limit.perMinute} a minute; retry in ${decision.retryAfterSeconds} s`,
      decision.retryAfterSeconds,
    );
  };
  return async (authorization) => {
    if (authorization === undefined) failed();
    try {
      return await authenticate(authorization);
    } catch (error) {
      if (authorization !== undefined && codeOf(error) === 'UNAUTHENTICATED') failed();
      throw error;
    }
  };
}

async function admit(
  security: GatewaySecurity,
  metrics: GatewayMetrics,
  logons: SessionsSeen,
  request: IncomingMessage,
  requestId: string,
  sourceAddress: string | null,
  known: (subject: Subject) => void,
  checkRate: (subject: Subject) => void,
  body: unknown,
): Promise<GatewayContext> {
  refuseRepeatedHeaders(request, IDENTITY_HEADERS);
  const subject = await security.authenticate(request.headers.authorization);
  known(subject);
  // After authentication, so the refusal's audit event names the caller [P18].
  refuseRepeatedHeaders(request, PURPOSE_HEADERS);
  // First, so a caller over their rate costs nothing more; still audited as a refusal.
  checkRate(subject);
  // [P18] logons seen: the first request of each session this replica sees.
  if (subject.authentication && logons.firstTime(subject.authentication.sessionId)) {
    const sessionId = subject.authentication.sessionId;
    await security.audit
      .append({ kind: 'LOGON', requestId, userId: subject.id, event: { ...subjectOf({ subject, sourceAddress }), outcome: 'ALLOWED' } })
      .catch((error: unknown) => {
        logons.forget(sessionId);
        throw error;
      });
  }
  const count = (guard: string) => metrics.guardRefusals.inc({ guard });
  // [P15, P6, P18] terms without enforcement intent: allowed, and put before a supervisor.
  const flags: string[] = [];
  const flag = (name: string) => void (flags.includes(name) || flags.push(name));
  await enforceGuards([immigrationEnforcementGuard], { subject, headers: request.headers, purpose: null, flag }, count);
  const { purpose, missing } = readPurpose(request.headers);
  await enforceGuards([politicalActivityGuard(security.findAuthorization)], { subject, headers: request.headers, purpose, flag }, count);
  for (const name of flags) metrics.flaggedUses.inc({ flag: name });
  // [P14] a partner agency: its agreement in force, then only an operation approved for it.
  let trustedDocument: TrustedDocumentUsed | undefined;
  if (isPartner(subject)) {
    if (!security.partners) throw ermsError('AGREEMENT_SCOPE', 'partner access is not configured on this gateway', { reason: 'NO_AGREEMENT' });
    const admitted = await admitPartner(security.partners, subject, purpose, request);
    subject.agreement = admitted.scope;
    trustedDocument = await resolveTrustedDocument(body, { agreement: admitted.scope.number }, security.partners.findTrustedDocument);
    await admitted.countRequest();
  } else if (security.partners?.trustedDocumentClients?.has(subject.id)) {
    trustedDocument = await resolveTrustedDocument(body, { client: subject.id }, security.partners.findTrustedDocument);
  }
  return {
    ...(flags.length ? { flags } : {}),
    ...(trustedDocument ? { trustedDocument } : {}),
    requestId,
    sourceAddress,
    subject,
    purpose,
    missingPurposeHeaders: missing,
    policy: policyContext(subject, purpose),
  };
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
  if (options.security === 'none' && options.production) throw new Error('the gateway never runs without its security stages in production');
  const supergraphSdl = composeSupergraph(options.subgraphs);
  // [P14] an approved operation no longer valid against this supergraph is marked, never served.
  const revalidation = options.security === 'none' ? undefined : await options.security.partners?.revalidate?.(supergraphSdl);
  if (revalidation?.invalid.length) options.logTrustedDocuments?.(revalidation.invalid);
  const subgraphClient = createSubgraphClient({
    connections: 64,
    timeoutMs: options.subgraphTimeoutMs ?? 10_000,
    tls: options.subgraphCa ? { ca: options.subgraphCa } : undefined,
    signCall: options.security === 'none' ? undefined : createCallSigner(options.security.contextKey),
  });
  const gateway = new ApolloGateway({
    supergraphSdl,
    // Every subgraph call carries the signed context; without it a subgraph answers nothing.
    buildService: ({ name, url }) => subgraphClient.dataSource(name, url!),
  });
  const security = options.security;
  const metrics = createGatewayMetrics();
  const logons = new SessionsSeen();
  const signContext = security === 'none' ? null! : reusingContextSigner(security.contextKey);
  const limitsTable = options.operationLimits ?? OPERATION_LIMITS;
  const inputBounds = readInputBounds(supergraphSdl);
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  const addressLimit = options.unauthenticatedRateLimit
    ? new UnauthenticatedRateLimit(options.unauthenticatedRateLimit, () => metrics.limitRefusals.inc({ limit: 'unauthenticated-rate' }))
    : undefined;
  const checkRate = (subject: Subject) => {
    const decision = limiter?.take(subject.id);
    if (!decision || decision.allowed) return;
    metrics.limitRefusals.inc({ limit: 'rate' });
    throw rateLimited(`too many requests: at most ${options.rateLimit!.perMinute} a minute; retry in ${decision.retryAfterSeconds} s`, decision.retryAfterSeconds);
  };
  // The stages in request order, after authentication and the purpose headers (the context).
  const stages: ApolloServerPlugin<GatewayContext>[] =
    security === 'none'
      ? []
      : [
          introspectionPlugin({ production: options.production }),
          inputBoundsPlugin({ bounds: inputBounds, refused: () => metrics.limitRefusals.inc({ limit: 'input' }) }),
          operationLimitsPlugin({ table: limitsTable, inputBounds, refused: (limit) => metrics.limitRefusals.inc({ limit }) }),
          protectedCharacteristicsPlugin({
            marked: readProtectedCharacteristics(supergraphSdl),
            refused: () => metrics.guardRefusals.inc({ guard: 'PROTECTED_CHARACTERISTICS' }),
          }),
          fieldPolicyPlugin({
            policyMap: readPolicyMap(supergraphSdl),
            flagged: (flag) => metrics.flaggedUses.inc({ flag }),
            recordKeys: readRecordKeys(supergraphSdl),
            signSubgraphContext: (context) => signContext({ requestId: context.requestId, subject: context.subject, purpose: context.purpose }),
          }),
          // Last, so it records the answer as it will leave, and holds it until committed.
          auditPlugin(security.audit),
        ];
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Stack traces and internals never reach a client, in any mode.
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (drain, then close the store): Apollo's own signal handlers would stop it twice and hang.
    stopOnTerminationSignals: false,
    introspection: true,
    csrfPrevention: true,
    // The parser stops at the largest token limit of any role: no huge document is parsed in full.
    ...(security === 'none' ? {} : { parseOptions: { maxTokens: tokenCeiling(limitsTable) } }),
    // Production: no "Did you mean ...?" in validation errors (formatClientError strips the rest).
    hideSchemaDetailsFromClientErrors: options.production,
    formatError: formatClientError({ production: options.production, tokenCeiling: tokenCeiling(limitsTable), logHidden: options.logHiddenError }),
    validationRules: [KnownOperationTypesRule],
    plugins: [ApolloServerPluginLandingPageDisabled() as ApolloServerPlugin<GatewayContext>, ...stages],
  });
  await apollo.start();
  const handleGraphQL = graphqlRequestHandler<GatewayContext>(apollo, {
    maxBodyBytes: options.maxBodyBytes,
    variableLimits: options.variableLimits,
    context: security === 'none' ? async () => ({}) as GatewayContext : (request, requestId, _text, body) => requestContext(security, metrics, logons, request, checkRate, requestId, addressLimit, body),
    ...(security === 'none' ? {} : { refused: auditEdgeRefusal(security, addressLimit) }),
  });

  const server = createServer(
    async (request, response) => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      if (path === '/graphql') {
        if (request.method === 'GET' && (request.headers.accept ?? '').includes('text/html')) {
          response.writeHead(302, { location: '/explorer' }).end();
          return;
        }
        return handleGraphQL(request, response);
      }
      if (path === '/healthz') return writeJson(response, 200, { status: 'ok' });
      if (path === '/metrics') return serveMetrics(request, response, security === 'none' ? null : security, metrics);
      if (path === '/readyz') {
        const readiness = await checkReadiness(options.subgraphs, subgraphClient.dispatcher);
        return writeJson(response, readiness.ready ? 200 : 503, readiness);
      }
      if (path === '/') {
        response.writeHead(302, { location: '/explorer' }).end();
        return;
      }
      if (serveExplorer(path, response)) return;
      writeJson(response, 404, { error: 'not found' });
    },
    options.tls,
    options.logHandlerFailure,
  );
  await listen(server, options.port, options.host);
  const { port } = server.address() as AddressInfo;
  return {
    name: 'gateway',
    port,
    url: `${options.tls ? 'https' : 'http'}://${options.host}:${port}/graphql`,
    supergraphSdl,
    async close() {
      // Drain: refuse new connections, let the requests in flight finish (and their audit events commit).
      await closeServer(server);
      await apollo.stop();
      await subgraphClient.close();
    },
  };
}
