import type { AddressInfo } from 'node:net';
import nodePath from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import type { GraphQLFormattedError } from 'graphql';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { closeServer } from '../platform/http/closeServer';
import type { LogHandlerFailure } from '../platform/http/answerInternalError';
import { createServer, type TlsIdentity } from '../platform/http/createServer';
import type { VariableLimits } from '../platform/http/variablesOverLimit';
import { graphqlRequestHandler, writeJson } from '../platform/http/graphqlRequestHandler';
import { reusingContextSigner } from '../platform/identity/subgraphContextToken';
import { createCallSigner } from '../platform/identity/subgraphCallSignature';
import { createGatewayMetrics } from '../platform/observability/metrics';
import { composeSupergraph, type SubgraphEndpoint } from '../schema/composeSupergraph';
import { listen, type RunningService } from '../subgraphs/serveSubgraph';
import type { Revalidation } from './stages/trustedDocuments/revalidateTrustedDocuments';
import type { GatewayContext } from './GatewayContext';
import { gatewayPipeline, type GatewaySecurity } from './pipeline';
import { runStages } from './runStages';
import { serveExplorer } from './routes/serveExplorer';
import { serveConsole } from './routes/serveConsole';
import { issueConsoleSession, type DevelopmentSignIn } from './routes/issueConsoleSession';
import { tokenEndpointOrigin, type OidcSignIn } from './routes/OidcSignIn';
import { serveMetrics } from './routes/serveMetrics';
import { checkReadiness } from './routes/checkReadiness';
import { createSubgraphClient } from './subgraphClient';
import { formatClientError } from './errors/formatClientError';
import { KnownOperationTypesRule } from './validation/KnownOperationTypesRule';
import { OPERATION_LIMITS, type OperationLimitsTable } from '../policy/operationLimitsTable';
import { tokenCeiling } from './stages/operationLimits/limitsFor';
import type { RateLimit } from '../platform/config/loadLimitsConfig';
import { createSavedQueries, type SavedQueriesOptions } from './stages/savedQueries/createSavedQueries';

export type { GatewaySecurity } from './pipeline';

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
  /** Operation limits by role; default: policy/operationLimitsTable.ts. */
  operationLimits?: OperationLimitsTable;
  /** Requests per user (per replica); absent: none. */
  rateLimit?: RateLimit;
  /** Failed authentications per source address (per replica); absent: none. */
  unauthenticatedRateLimit?: RateLimit;
  /** Analysts' saved queries: runs through /graphql, exports at /exports, schedules (absent: none). */
  savedQueries?: SavedQueriesOptions;
  /** Published operations found invalid against the supergraph at start (marked, not served), for the operators' log. */
  logTrustedDocuments?: (invalid: Revalidation['invalid']) => void;
  /** The built web console served at /console; default console/dist. */
  consoleDir?: string;
  /** The console's development sign-in (local issuer); never in production [P9]. */
  developmentSignIn?: DevelopmentSignIn;
  /** The console's sign-in at the identity provider (authorization code with PKCE) [P9]. */
  oidcSignIn?: OidcSignIn;
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
  if (options.developmentSignIn && options.production) throw new Error('development sign-in is never offered in production');
  if (options.security === 'none' && options.production) throw new Error('the gateway never runs without its security stages in production');
  if (options.developmentSignIn && options.oidcSignIn) throw new Error('the console signs in either with the development issuer or with the identity provider, not both');
  const consoleRoute = serveConsole(options.consoleDir ?? nodePath.resolve(__dirname, '../console/dist'), options.oidcSignIn ? [tokenEndpointOrigin(options.oidcSignIn)] : []);
  const consoleSession = issueConsoleSession(options.developmentSignIn, options.oidcSignIn);
  const supergraphSdl = composeSupergraph(options.subgraphs);
  // [P14] an approved operation no longer valid against this supergraph is marked, never served.
  const revalidation = options.security === 'none' ? undefined : await options.security.partners?.revalidate?.(supergraphSdl);
  if (revalidation?.invalid.length) options.logTrustedDocuments?.(revalidation.invalid);
  const security = options.security;
  const signContext = security === 'none' ? undefined : reusingContextSigner(security.contextKey);
  const subgraphClient = createSubgraphClient({
    connections: 64,
    timeoutMs: options.subgraphTimeoutMs ?? 10_000,
    tls: options.subgraphCa ? { ca: options.subgraphCa } : undefined,
    signCall: security === 'none' ? undefined : createCallSigner(security.contextKey),
    signContext: signContext && ((context: GatewayContext) => signContext({ requestId: context.requestId, subject: context.subject, purpose: context.purpose })),
  });
  const gateway = new ApolloGateway({
    supergraphSdl,
    // Every subgraph call carries the signed context; without it a subgraph answers nothing.
    buildService: ({ name, url }) => subgraphClient.dataSource(name, url!),
  });
  const metrics = createGatewayMetrics();
  const limitsTable = options.operationLimits ?? OPERATION_LIMITS;
  let baseUrl = '';
  const savedQueries =
    security !== 'none' && options.savedQueries
      ? createSavedQueries(options.savedQueries, {
          supergraphSdl, audit: security.audit, authenticate: security.authenticate, findAuthorization: security.findAuthorization,
          maxBodyBytes: options.maxBodyBytes, graphqlUrl: () => `${baseUrl}/graphql`,
        })
      : null;
  const stages = runStages(
    security === 'none'
      ? []
      : gatewayPipeline({
          supergraphSdl,
          production: options.production,
          security,
          metrics,
          operationLimits: limitsTable,
          rateLimit: options.rateLimit,
          unauthenticatedRateLimit: options.unauthenticatedRateLimit,
          savedQueries: savedQueries?.stage,
        }),
  );
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
    plugins: [ApolloServerPluginLandingPageDisabled() as ApolloServerPlugin<GatewayContext>, ...(security === 'none' ? [] : [stages.plugin])],
  });
  await apollo.start();
  const handleGraphQL = graphqlRequestHandler<GatewayContext>(apollo, {
    maxBodyBytes: options.maxBodyBytes,
    variableLimits: options.variableLimits,
    context: (request, requestId, _text, body) => stages.context(request, requestId, body),
    ...(security === 'none' ? {} : { refused: stages.refused }),
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
      if (savedQueries && (path === '/exports' || path.startsWith('/exports/'))) return savedQueries.serveExports(request, response, path);
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
      if ((await consoleSession(path, request, response)) || consoleRoute(path, request, response)) return;
      writeJson(response, 404, { error: 'not found' });
    },
    options.tls,
    options.logHandlerFailure,
  );
  await listen(server, options.port, options.host);
  const { port } = server.address() as AddressInfo;
  baseUrl = `${options.tls ? 'https' : 'http'}://${options.host}:${port}`;
  // Scheduled runs: through the operation stages, with the owner's context built by the scheduler.
  await savedQueries?.start(async (request, contextValue) => void (await apollo.executeOperation(request, { contextValue })));
  return {
    name: 'gateway',
    port,
    url: `${options.tls ? 'https' : 'http'}://${options.host}:${port}/graphql`,
    supergraphSdl,
    async close() {
      savedQueries?.stop();
      // Drain: refuse new connections, let the requests in flight finish (and their audit events commit).
      await closeServer(server);
      await apollo.stop();
      await subgraphClient.close();
    },
  };
}
