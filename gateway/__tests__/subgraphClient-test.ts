import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { CONTEXT_HEADER } from '../../platform/identity/subgraphContextToken';
import { formatClientError } from '../errors/formatClientError';
import type { GatewayContext } from '../GatewayContext';
import { createSubgraphClient } from '../subgraphClient';
import { newAuditDraft } from '../stages/audit/AuditDraft';

/** What the fake subgraph answers next, and what it received. */
let answer: { status: number; contentType: string; body: string };
let received: { headers: IncomingHttpHeaders; body: string; url: string }[] = [];

describe('the gateway\'s client to a subgraph', () => {
  let server: Server;
  let url: string;
  const client = createSubgraphClient({ connections: 2, timeoutMs: 2_000 });

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body, url: request.url! });
        response.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql?x=1`;
  });
  afterAll(async () => {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received = [];
    answer = { status: 200, contentType: 'application/json', body: '{"data":{"person":{"id":"P1"}}}' };
  });

  const context = (): GatewayContext => ({ requestId: 'req-1', subgraphToken: Promise.resolve('signed.context.token'), audit: newAuditDraft() }) as GatewayContext;
  const call = (ctx: GatewayContext, restrict = jest.fn()) =>
    client.dataSource('complaints-arrests', url).process({
      kind: 'incoming operation',
      request: { query: 'query Q($id:ID!){person(id:$id){id}}', variables: { id: 'P1' }, operationName: 'Q' },
      context: ctx,
      incomingRequestContext: { overallCachePolicy: { restrict } },
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);

  it('POSTs the operation as JSON with the signed context and the request id, and notes the subgraph for the audit', async () => {
    const ctx = context();
    const restrict = jest.fn();
    const result = await call(ctx, restrict);
    expect(result).toEqual({ data: { person: { id: 'P1' } } });
    expect(received).toHaveLength(1);
    expect(received[0]!.url).toBe('/graphql?x=1');
    expect(received[0]!.headers).toMatchObject({ 'content-type': 'application/json', [CONTEXT_HEADER]: 'signed.context.token', 'x-request-id': 'req-1' });
    expect(JSON.parse(received[0]!.body)).toEqual({ query: 'query Q($id:ID!){person(id:$id){id}}', variables: { id: 'P1' }, operationName: 'Q' });
    expect([...ctx.audit.subgraphs]).toEqual(['complaints-arrests']);
    // Records are never cacheable.
    expect(restrict).toHaveBeenCalledWith({ maxAge: 0 });
  });

  it('sends no context header when the request has none (the subgraph then answers nothing)', async () => {
    await call({ requestId: 'req-2', audit: newAuditDraft() } as GatewayContext);
    expect(received[0]!.headers[CONTEXT_HEADER]).toBeUndefined();
  });

  it('turns a 4xx answer into an error the client sees only as the coded error inside it', async () => {
    answer = { status: 400, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'first must be between 0 and 100', extensions: { code: 'BAD_USER_INPUT' } }] }) };
    const error = await call(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.response).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] } });
    const shown = formatClientError({ production: true })((error as GraphQLError).toJSON());
    expect(shown).toEqual({ message: 'first must be between 0 and 100', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('reports a subgraph refusing the signed context (401) as UNAUTHENTICATED, shown to the client as an internal failure', async () => {
    answer = { status: 401, contentType: 'text/plain', body: 'no valid gateway context at db-host:5432' };
    const error = (await call(context()).catch((e: unknown) => e)) as GraphQLError;
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    const shown = formatClientError({ production: true })(error.toJSON());
    expect(shown.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(shown)).not.toMatch(/db-host|5432|127\.0\.0\.1/);
  });

  it('fails the fetch when a 2xx body is not a JSON object', async () => {
    answer = { status: 200, contentType: 'text/html', body: '<html>proxy error</html>' };
    await expect(call(context())).rejects.toThrow('Expected JSON response body');
    answer = { status: 200, contentType: 'application/json', body: '[1,2]' };
    await expect(call(context())).rejects.toThrow('Expected JSON response body');
  });
});
