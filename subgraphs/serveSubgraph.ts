import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Database } from '../platform/storage/Database';
import { createServer, type TlsIdentity } from '../platform/http/createServer';
import { DEFAULT_VARIABLE_LIMITS } from '../platform/http/variablesOverLimit';
import { closeServer } from '../platform/http/closeServer';
import { graphqlRequestHandler, writeJson } from '../platform/http/graphqlRequestHandler';
import type { SubgraphContext, SubgraphDefinition } from './SubgraphDefinition';
import { scalarResolvers } from './scalars';
import { applyRecordPolicy } from './recordPolicy';
import { sealCursors } from './sealCursors';
import { createCursorCipher } from '../platform/identity/cursorCipher';
import { randomBytes } from 'node:crypto';
import { refuseOversizedInput } from './refuseOversizedInput';
import type { IncomingMessage } from 'node:http';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { JWK } from 'jose';
import pino, { type Logger } from 'pino';
import { ermsError } from '../platform/errors/ErrorCode';
import { createGatewayCallVerifier } from '../platform/identity/createGatewayCallVerifier';
import { CALL_SIGNATURE_HEADER, CallRefusal, type CallRefusalReason } from '../platform/identity/subgraphCallSignature';
import { CONTEXT_HEADER, type SubgraphCallContext } from '../platform/identity/subgraphContextToken';
import { createSubgraphMetrics } from '../platform/observability/subgraphMetrics';
import { PolicyDenial } from '../policy/PolicyDenial';
import { policyContext, type PolicyContext } from '../policy/Subject';

export interface RunningService {
  name: string;
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  maxBodyBytes: number;
  /** Whether to mask internals in errors (production). */
  production: boolean;
  /** Public keys of the gateway: a request whose signed context does not verify is refused. */
  gatewayKeys: readonly JWK[];
  /** Serve HTTPS with this certificate [P10]. */
  tls?: TlsIdentity;
  /** Where refused calls are logged (absent: not logged). */
  logger?: Logger;
  /**
   * [P18] The 32-byte key page cursors are sealed with, the same for every replica of the
   * subgraph (DATA_DIR/keys/cursor.key, or configuration). Absent: a key of this process only,
   * so its cursors do not survive a restart.
   */
  cursorKey?: Buffer;
}

/**
 * Serves one subgraph over HTTP: `POST /graphql`, `GET /healthz` (answers when its store does)
 * and `GET /metrics` (Prometheus).
 */
export async function serveSubgraph<Loaders>(
  definition: SubgraphDefinition<Loaders>,
  db: Database,
  options: ServeOptions,
): Promise<RunningService> {
  const schema = sealCursors(
    applyRecordPolicy(
      buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: { ...scalarResolvers, ...definition.resolvers } as never }]),
      definition.typeDefs,
      definition.name,
    ),
    createCursorCipher(options.cursorKey ?? randomBytes(32), definition.name),
  );
  const apollo = new ApolloServer<SubgraphContext<Loaders>>({
    schema,
    // Internals (stack traces, SQL) stay in the logs; the gateway passes subgraph errors through.
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (drain, then close the store): Apollo's own signal handlers would stop it twice and hang.
    stopOnTerminationSignals: false,
    csrfPrevention: false,
    // Inline traces feed Apollo Studio, which an air-gapped network never reaches; they cost every request.
    // Cache hints: records are never cached, and the hint plugin wraps every field a request resolves.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), partialAnswersAreOk, refuseOversizedInput(definition.typeDefs)],
    formatError: maskInternalError,
  });
  await apollo.start();
  // Each call is verified for this subgraph by name: a call signed for another is refused [P5].
  const verifyCall = createGatewayCallVerifier(options.gatewayKeys, definition.name);
  const metrics = createSubgraphMetrics();
  const log = options.logger ?? pino({ level: 'silent' });
  const handleGraphQL = graphqlRequestHandler(apollo, {
    maxBodyBytes: options.maxBodyBytes,
    // The gateway already bounded the client's variables; its own `_entities` representations
    // may be a long list, so only the nesting is bounded here, and the body limit bounds the size.
    variableLimits: { maxDepth: DEFAULT_VARIABLE_LIMITS.maxDepth, maxBytes: options.maxBodyBytes },
    context: async (request, _requestId, body) => {
      let caller: SubgraphCallContext;
      try {
        ({ caller } = await verifyCall({ contextToken: headerOf(request, CONTEXT_HEADER), signature: headerOf(request, CALL_SIGNATURE_HEADER), body }));
      } catch (error) {
        const reason: CallRefusalReason = error instanceof CallRefusal ? error.reason : 'malformed';
        metrics.contextRefusals.inc({ subgraph: definition.name, reason });
        log.warn({ reason, jti: (error as CallRefusal).jti, subject: (error as CallRefusal).subject, source: request.socket.remoteAddress }, 'gateway context refused');
        throw callRefusedError(reason);
      }
      // The context is itself the policy's view of the caller, so shield rules read it directly.
      const policy = policyContextOf(caller);
      // The caller's own lane of the store: one caller's heavy burst never queues in front of another's lookups.
      const callerDb = db.forCaller(caller.subject.id);
      return Object.assign(policy, { db: callerDb, loaders: definition.createLoaders(callerDb), caller, policy });
    },
  });
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    // A failure is answered by createServer: 500 INTERNAL_SERVER_ERROR, this process stays up.
    if (path === '/graphql') return handleGraphQL(request, response);
    // Internal, like the subgraph itself: the gateway's client-facing /metrics needs a token.
    if (path === '/metrics') {
      return metrics.registry.metrics().then((text) => {
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        response.end(text);
      });
    }
    if (path === '/healthz') {
      return db.query('SELECT 1').then(
        () => writeJson(response, 200, { status: 'ok', subgraph: definition.name }),
        () => writeJson(response, 503, { status: 'unavailable', subgraph: definition.name }),
      );
    }
    writeJson(response, 404, { error: 'not found' });
  }, options.tls);
  await listen(server, options.port, options.host);
  const { port } = server.address() as AddressInfo;
  return {
    name: definition.name,
    port,
    url: `${options.tls ? 'https' : 'http'}://${options.host}:${port}/graphql`,
    async close() {
      // Drain as the gateway does: a gateway that keeps its connection busy must not hold this up.
      await closeServer(server);
      await apollo.stop();
    },
  };
}

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * A refused call's answer: a short reason and no more. A context that is not the gateway's
 * (absent, forged, expired) is 401; the gateway's own, used for another call (another subgraph,
 * another body, a second time), is 403.
 */
function callRefusedError(reason: CallRefusalReason) {
  const unauthenticated = reason === 'missing' || reason === 'malformed' || reason === 'bad-signature' || reason === 'expired';
  return unauthenticated
    ? ermsError('UNAUTHENTICATED', `this subgraph answers only the gateway: signed context ${reason}`, { reason })
    : ermsError('FORBIDDEN', `signed context not valid for this call: ${reason}`, { reason });
}

/**
 * A field's refusal of bad input carries HTTP 400 for a client calling the gateway; inside an
 * answer that has data it must not fail the whole fetch (the gateway drops a non-2xx subgraph
 * answer, and every other field with it). An answer with data is a 200.
 */
const partialAnswersAreOk: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind === 'single' && response.body.singleResult.data) response.http.status = 200;
      },
    };
  },
};

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? undefined : value;
}

/** The policy's view of a caller known only through the gateway's signed context. */
function policyContextOf(caller: SubgraphCallContext): PolicyContext {
  return policyContext(
    { ...caller.subject, displayName: caller.subject.id, remote: false, mfa: false },
    caller.purpose ? { ...caller.purpose, justification: '' } : null,
  );
}

/**
 * What a client may learn from a failure: our own coded errors as they are; a value PostgreSQL
 * could not read (SQLSTATE class 22: a malformed cursor, date or number) as BAD_USER_INPUT;
 * anything else as an internal error, with no SQL, stack or host in it.
 */
export function maskInternalError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError) return formatted;
  if (original instanceof PolicyDenial) {
    return { message: `not authorized: ${original.message}`, path: formatted.path, extensions: { code: 'FIELD_NOT_AUTHORIZED', reason: original.reason } };
  }
  const sqlState = (original as { code?: unknown } | null)?.code;
  if (typeof sqlState === 'string' && sqlState.startsWith('22')) {
    return { message: 'an argument has a value the source cannot read', path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
