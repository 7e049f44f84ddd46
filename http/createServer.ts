import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

/** A certificate and key in PEM: given, the service speaks HTTPS only [P10]. */
export interface TlsIdentity {
  cert: string | Buffer;
  key: string | Buffer;
}

export function createServer(handler: RequestListener, tls?: TlsIdentity): Server {
  const server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, handler) : createHttpServer(handler);
  server.keepAliveTimeout = 65_000;
  return server;
}
