import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { v7 as uuidv7 } from 'uuid';
import { REQUEST_ID_HEADER } from './answerInternalError';
import { BodyTooLargeError, readBody } from './readBody';
import { hasUnstorableText } from './unstorableText';
import { DEFAULT_VARIABLE_LIMITS, variablesOverLimit, type VariableLimits, type VariablesOverLimit } from './variablesOverLimit';

/** What a client is told when its request's audit record cannot be stored [P18]: here at the edge and by the gateway's audit stage alike. */
export const AUDIT_UNAVAILABLE_MESSAGE = 'the audit record of this request could not be stored: no answer is released without it';

export interface GraphQLHandlerOptions<Context extends BaseContext> {
  /**
   * Builds the per-request context (loaders, caller). Throwing a GraphQLError refuses the request.
   * `requestId` is the one the client receives in `x-request-id`; `body` the request body as
   * received (a subgraph checks the gateway's signature over it); `parsed` the same body as
   * JSON, the object Apollo reads the operation from once the context is built: a gateway stage
   * may set its `query` (a saved query's text, a trusted document's approved text [P14]).
   */
  context: (request: IncomingMessage, requestId: string, body: string, parsed: unknown) => Promise<Context>;
  maxBodyBytes: number;
  /**
   * A request refused here, before any context is built (the gateway audits it [P18]). The
   * answer waits for it; if it rejects, the answer is 503 AUDIT_UNAVAILABLE instead.
   */
  refused?: (request: IncomingMessage, requestId: string, reason: EdgeRefusal) => Promise<void>;
  /** How deep and large variables and extensions may be; default DEFAULT_VARIABLE_LIMITS. */
  variableLimits?: VariableLimits;
}

/**
 * Why a request was refused before its context: a body over the limit, not JSON, text no store
 * can hold, or variables nested too deep or too large.
 */
export type EdgeRefusal = 'BODY_TOO_LARGE' | 'INVALID_JSON' | 'UNSTORABLE_TEXT' | 'VARIABLES_TOO_DEEP' | 'VARIABLES_TOO_LARGE';

/**
 * Serves an Apollo Server on a plain Node HTTP request: no web framework in between, so the
 * gateway and every subgraph share one small, measurable path from socket to executor.
 */
export function graphqlRequestHandler<Context extends BaseContext>(
  server: ApolloServer<Context>,
  options: GraphQLHandlerOptions<Context>,
) {
  const variableLimits = options.variableLimits ?? DEFAULT_VARIABLE_LIMITS;
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // Every answer, refusals included, names its request: the client can quote it, and the
    // audit event of the request carries the same id [P18]. Time-ordered (UUIDv7): the audit's
    // index by request id grows at its end, like the log, instead of at random pages.
    const requestId = uuidv7();
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const refuse = async (status: number, reason: EdgeRefusal, message: string) => {
      try {
        await options.refused?.(request, requestId, reason);
      } catch {
        writeJson(response, 503, {
          errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: 'AUDIT_UNAVAILABLE' } }],
        });
        return;
      }
      writeJson(response, status, { errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
    };
    let body: unknown;
    let text = '';
    try {
      text = request.method === 'POST' ? await readBody(request, options.maxBodyBytes) : '';
      body = text ? JSON.parse(text) : undefined;
    } catch (error) {
      if (error instanceof BodyTooLargeError) await refuse(413, 'BODY_TOO_LARGE', error.message);
      else await refuse(400, 'INVALID_JSON', 'request body is not valid JSON');
      return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (hasUnstorableText(body, url.searchParams)) {
      await refuse(400, 'UNSTORABLE_TEXT', 'the operation contains U+0000 or an unpaired surrogate, which no GraphQL document needs');
      return;
    }
    // Before anything walks them (Apollo, the policy stages, the audit's hashing), and so before
    // any subgraph is called: nothing on the request path then recurses deeper than this.
    const overLimit = variablesOfRequest(body, url.searchParams, variableLimits);
    if (overLimit) {
      await refuse(400, overLimit.limit === 'depth' ? 'VARIABLES_TOO_DEEP' : 'VARIABLES_TOO_LARGE', overLimit.message);
      return;
    }
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
      // `body` is the object Apollo reads the operation from after the context is built.
      context: () => options.context(request, requestId, text, body),
    });
    response.statusCode = result.status ?? 200;
    for (const [name, value] of result.headers) response.setHeader(name, value);
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };
}


/** The first of a request's variables or extensions (POST body, batched or not, or GET parameters) over a limit. */
function variablesOfRequest(body: unknown, search: URLSearchParams, limits: VariableLimits): VariablesOverLimit | null {
  const operations = Array.isArray(body) ? body : [body];
  for (const operation of operations) {
    if (operation === null || typeof operation !== 'object') continue;
    for (const name of ['variables', 'extensions'] as const) {
      const over = variablesOverLimit(name, (operation as Record<string, unknown>)[name], limits);
      if (over) return over;
    }
  }
  for (const name of ['variables', 'extensions'] as const) {
    const text = search.get(name);
    if (text === null) continue;
    if (Buffer.byteLength(text) > limits.maxBytes) return { limit: 'bytes', message: `${name} over ${limits.maxBytes} bytes of JSON` };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue; // not JSON: Apollo refuses it with its own message
    }
    const over = variablesOverLimit(name, value, limits);
    if (over) return over;
  }
  return null;
}

export function writeJson(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
