import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { answerInternalError, type LogHandlerFailure, type RequestHandler } from './answerInternalError';
import { drainable } from './closeServer';

/** A certificate and key in PEM: given, the service speaks HTTPS only [P10]. */
export interface TlsIdentity {
  cert: string | Buffer;
  key: string | Buffer;
  /**
   * Ask each client for a certificate, without requiring one [P14]: a partner's agreement may
   * bind a certificate by its SHA-256, checked per request (gateway/stages/partnerAgreement/).
   */
  requestClientCertificate?: boolean;
}

/**
 * An HTTP(S) server that `closeServer` can drain gracefully, and that no request can bring
 * down: whatever the handler throws becomes a 500 for that request alone (answerInternalError).
 */
export function createServer(handler: RequestHandler, tls?: TlsIdentity, logFailure?: LogHandlerFailure): Server {
  const server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2', ...(tls.requestClientCertificate ? { requestCert: true, rejectUnauthorized: false } : {}) })
    : createHttpServer();
  server.on('request', drainable(server, answerInternalError(handler, logFailure)));
  server.on('clientError', answerClientError);
  server.keepAliveTimeout = 65_000;
  return server;
}

/**
 * A request Node's HTTP parser refuses (headers over 16 KiB, a malformed request line) gets a
 * coded JSON answer like any other bad input, instead of Node's bare status line.
 *
 * Not audited [P18], unlike the refusals of graphqlRequestHandler: there is no request yet (no
 * parsed headers, so no caller to name and no request id to answer with), only a socket's
 * address; auditing it fail-closed would make this synchronous parser callback wait on the
 * store, and no limit bounds how many such events one address could write.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify({ errors: [{ message: tooLarge ? 'request headers too large' : 'malformed HTTP request', extensions: { code: 'BAD_USER_INPUT' } }] });
  socket.end(
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
      `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
