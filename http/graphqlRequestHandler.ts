import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { BodyTooLargeError, readBody } from './readBody';
import { hasUnstorableText } from './unstorableText';

export interface GraphQLHandlerOptions<Context extends BaseContext> {
  /**
   * Builds the per-request context (loaders, caller). Throwing a GraphQLError refuses the request.
   * `requestId` is the one the client receives in `x-request-id`.
   */
  context: (request: IncomingMessage, requestId: string) => Promise<Context>;
  maxBodyBytes: number;
}

/**
 * Serves an Apollo Server on a plain Node HTTP request: no web framework in between, so the
 * gateway and every subgraph share one small, measurable path from socket to executor.
 */
export function graphqlRequestHandler<Context extends BaseContext>(
  server: ApolloServer<Context>,
  options: GraphQLHandlerOptions<Context>,
) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // Every answer, refusals included, names its request: the client can quote it, and the
    // audit event of the request carries the same id [P18].
    const requestId = randomUUID();
    response.setHeader(REQUEST_ID_HEADER, requestId);
    let body: unknown;
    try {
      const text = request.method === 'POST' ? await readBody(request, options.maxBodyBytes) : '';
      body = text ? JSON.parse(text) : undefined;
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError;
      writeJson(response, tooLarge ? 413 : 400, {
        errors: [{ message: tooLarge ? error.message : 'request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }],
      });
      return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (hasUnstorableText(body, url.searchParams)) {
      writeJson(response, 400, {
        errors: [{ message: 'the operation contains U+0000 or an unpaired surrogate, which no GraphQL document needs', extensions: { code: 'BAD_USER_INPUT' } }],
      });
      return;
    }
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
      context: () => options.context(request, requestId),
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

export const REQUEST_ID_HEADER = 'x-request-id';

export function writeJson(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
