import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { drainable } from './closeServer';

/** A certificate and key in PEM: given, the service speaks HTTPS only [P10]. */
export interface TlsIdentity {
  cert: string | Buffer;
  key: string | Buffer;
}

/** An HTTP(S) server that `closeServer` can drain gracefully. */
export function createServer(handler: RequestListener, tls?: TlsIdentity): Server {
  const server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }) : createHttpServer();
  server.on('request', drainable(server, handler));
  server.keepAliveTimeout = 65_000;
  return server;
}
