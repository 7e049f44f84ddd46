import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * How the service behind the proxy behaves:
 * - `pass`: as itself;
 * - `down`: as if its process were killed: open connections are reset (a request in flight
 *   loses its answer) and new ones refused;
 * - `hang`: connections are accepted and read, and nothing is ever answered;
 * - `{ delayMs }`: every byte it sends arrives that much later.
 */
export type Fault = 'pass' | 'down' | 'hang' | { delayMs: number };

export interface FaultProxy {
  /** The URL to give the gateway instead of the service's own. */
  url: string;
  /** Where connections go (the service's own URL); until set, they are refused. */
  forwardTo(targetUrl: string): void;
  set(fault: Fault): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a service, on its own loopback port, that can make the service fail
 * the ways real ones do. At the TCP level, so the gateway's keep-alive pool meets resets and
 * refusals as it would from a dead process, not polite HTTP errors.
 */
export async function startFaultProxy(path = '/graphql'): Promise<FaultProxy> {
  let target: URL | undefined;
  let fault: Fault = 'pass';
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (!target) {
      client.destroy();
      return;
    }
    if (fault === 'hang') {
      client.resume(); // read and drop: the request is taken, the answer never comes
      return;
    }
    const delayMs = typeof fault === 'object' ? fault.delayMs : 0;
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    if (!delayMs) upstream.pipe(client);
    else upstream.on('data', (chunk: Buffer) => setTimeout(() => client.writable && client.write(chunk), delayMs));
  });
  await listenOn(server, 0);
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${path}`,
    forwardTo(targetUrl) {
      target = new URL(targetUrl);
    },
    async set(next) {
      const wasDown = fault === 'down';
      fault = next;
      if (next === 'down' && !wasDown) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const socket of sockets) socket.resetAndDestroy();
        });
      } else if (next !== 'down' && wasDown) {
        await listenOn(server, port);
      } else if (next === 'hang') {
        // Connections already open stop answering too, as a stuck process's would.
        for (const socket of sockets) socket.resetAndDestroy();
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listenOn(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
