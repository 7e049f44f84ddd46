import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Answers not yet finished, per server, so a drain can tell their connections to close. */
const inFlight = new WeakMap<Server, Set<ServerResponse>>();
const draining = new WeakSet<Server>();

/**
 * Wraps a request handler so the server can be drained by `closeServer`: every response is
 * tracked until it finishes, and once draining, answered with `Connection: close`.
 */
export function drainable(server: Server, handler: (request: IncomingMessage, response: ServerResponse) => void) {
  const responses = new Set<ServerResponse>();
  inFlight.set(server, responses);
  return (request: IncomingMessage, response: ServerResponse) => {
    responses.add(response);
    response.once('close', () => responses.delete(response));
    if (draining.has(server)) response.setHeader('connection', 'close');
    handler(request, response);
  };
}

/**
 * Stops taking connections and lets the requests in flight finish, then resolves. Node's own
 * `server.close()` is not enough: a keep-alive client that keeps sending keeps its connection
 * busy, so the server never closes. Here every answer from now on carries `Connection: close`,
 * idle connections are closed as they appear, and whatever still runs after `graceMs` is cut.
 */
export function closeServer(server: Server, graceMs = 8_000): Promise<void> {
  draining.add(server);
  for (const response of inFlight.get(server) ?? []) {
    if (!response.headersSent) response.setHeader('connection', 'close');
  }
  return new Promise<void>((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    sweep.unref();
    cut.unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
