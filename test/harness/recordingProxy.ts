import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

export interface RecordedRequest {
  subgraph: string;
  query: string;
  variables: unknown;
  /** The exact bytes sent (what the call signature covers). */
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A loopback proxy in front of a subgraph that keeps every request the gateway sends it, so a
 * test can prove what reached a subgraph (and what never did).
 */
export async function startRecordingProxy(subgraph: string, targetUrl: string, log: RecordedRequest[]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      const parsed = JSON.parse(body) as { query: string; variables?: unknown };
      log.push({ subgraph, query: parsed.query, variables: parsed.variables, body, headers: incoming.headers });
    } catch {
      log.push({ subgraph, query: body, variables: undefined, body, headers: incoming.headers });
    }
    const forwarded = await request(targetUrl, {
      method: 'POST',
      headers: Object.fromEntries(
        ['content-type', 'x-erms-context', 'x-erms-call-signature', 'x-request-id'].flatMap((name) => (typeof incoming.headers[name] === 'string' ? [[name, incoming.headers[name] as string]] : [])),
      ),
      body,
    });
    outgoing.writeHead(forwarded.statusCode, { 'content-type': String(forwarded.headers['content-type'] ?? 'application/json') });
    outgoing.end(await forwarded.body.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
