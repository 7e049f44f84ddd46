import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { Agent, type Dispatcher } from 'undici';
import { CALL_SIGNATURE_HEADER, type CallSigner } from '../platform/identity/subgraphCallSignature';
import { CONTEXT_HEADER } from '../platform/identity/subgraphContextToken';
import type { GatewayContext } from './GatewayContext';

export interface SubgraphClientOptions {
  /** Connections kept open per subgraph origin. */
  connections: number;
  timeoutMs: number;
  /** Extra TLS options for HTTPS subgraphs (a CA of our own, client certificates). */
  tls?: { ca?: string | Buffer };
  /** Signs each call for its subgraph and body [P5]; absent only for the unsecured benchmark baseline. */
  signCall?: CallSigner;
  /**
   * Signs the context (caller, purpose, request) a request's calls carry, at its first call: a
   * call happens only once every stage allowed the operation. Absent only for the baseline.
   */
  signContext?: (context: GatewayContext) => Promise<string>;
}

/**
 * The gateway's HTTP client to its subgraphs: undici with a keep-alive pool per origin and
 * bounded connect/header/body times. A subgraph that hangs costs at most `timeoutMs`.
 */
export function createSubgraphClient(options: SubgraphClientOptions) {
  const agent = new Agent({
    connections: options.connections,
    keepAliveTimeout: 30_000,
    connectTimeout: Math.min(options.timeoutMs, 5_000),
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: options.tls ? { ca: options.tls.ca } : undefined,
  });
  return {
    dispatcher: agent,
    dataSource: (name: string, url: string) => new SubgraphDataSource(name, url, agent, options.signCall, options.signContext),
    close: () => agent.close(),
  };
}

/** The incoming-operation kind of `GraphQLDataSourceRequestKind` (a const enum the package does not export as a value). */
const INCOMING_OPERATION = 'incoming operation';

/**
 * One subgraph, as @apollo/gateway calls it: the operation POSTed as JSON, with the signed
 * context and the request id, over the shared undici pool.
 *
 * In place of `RemoteGraphQLDataSource`, which builds node-fetch `Headers` and a `Request` (with
 * a body stream it never reads) on every call, for several calls a request. What it does with
 * the answer is kept: a non-2xx answer becomes the same error (`extensions.response` with
 * status and body, UNAUTHENTICATED on 401, FORBIDDEN on 403), which formatClientError reduces to
 * what a client may see; a body that is not a JSON object fails the fetch. Police records are never cacheable: every call sets the response's cache
 * policy to max-age 0, as a subgraph without a Cache-Control header does there.
 * Each call's signature covers the exact body sent and the subgraph's name: a captured call
 * cannot be replayed, sent to another subgraph or given another query.
 */
class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly origin: string;
  private readonly path: string;

  constructor(
    private readonly name: string,
    private readonly url: string,
    private readonly agent: Dispatcher,
    private readonly signCall: CallSigner | undefined,
    private readonly signContext: SubgraphClientOptions['signContext'],
  ) {
    const target = new URL(url);
    this.origin = target.origin;
    this.path = target.pathname + target.search;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { http: _http, ...payload } = options.request;
    if (!payload.query) throw new Error('Missing query');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const body = JSON.stringify(payload);
    if (options.kind === INCOMING_OPERATION) {
      const { context } = options;
      if (this.signContext) context.subgraphToken ??= this.signContext(context);
      if (context.subgraphToken) {
        const token = await context.subgraphToken;
        headers[CONTEXT_HEADER] = token;
        if (this.signCall) headers[CALL_SIGNATURE_HEADER] = this.signCall(this.name, body, token, context.requestId);
      }
      if (context.requestId) headers['x-request-id'] = context.requestId;
      context.audit?.subgraphs.add(this.name);
      const policy = options.incomingRequestContext.overallCachePolicy;
      if (policy && 'restrict' in policy) policy.restrict({ maxAge: 0 });
    }
    const response = await this.agent.request({ origin: this.origin, path: this.path, method: 'POST', headers, body });
    const text = await response.body.text();
    const contentType = String(response.headers['content-type'] ?? '');
    const json = contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json');
    if (response.statusCode < 200 || response.statusCode > 299) {
      const status = response.statusCode;
      throw new GraphQLError(`${status}: ${status}`, {
        extensions: {
          ...(status === 401 ? { code: 'UNAUTHENTICATED' } : status === 403 ? { code: 'FORBIDDEN' } : {}),
          response: { url: this.url, status, statusText: String(status), body: json ? parseOrText(text) : text },
        },
      });
    }
    const answer: unknown = json ? JSON.parse(text) : text;
    if (!answer || typeof answer !== 'object' || Array.isArray(answer)) throw new Error(`Expected JSON response body, but received: ${text}`);
    return answer as GatewayGraphQLResponse;
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
