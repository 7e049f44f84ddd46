import type { IncomingMessage, ServerResponse } from 'node:http';
import { v7 as uuidv7 } from 'uuid';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What the operators' log receives when a request handler fails. */
export type LogHandlerFailure = (detail: { requestId: string; method: string | undefined; path: string; error: unknown }) => void;

/** Request handlers may answer synchronously or by a promise. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<unknown>;

/** The default log: one JSON line on stderr, with the stack, for the operators only. */
const logToStderr: LogHandlerFailure = ({ requestId, method, path, error }) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'request handler failed', requestId, method, path, error: detail })}\n`);
};

/**
 * Wraps a request handler so that nothing it throws, synchronously or by a rejected promise,
 * reaches the process: the client gets 500 INTERNAL_SERVER_ERROR naming its request id, the
 * detail goes to the operators' log, and the service keeps serving everyone else (SPEC §7:
 * never a crash). A stream error on the request or the response (a client gone mid-body) is
 * handled here too, so no 'error' event is ever left without a listener.
 */
export function answerInternalError(handler: RequestHandler, log: LogHandlerFailure = logToStderr) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    request.on('error', ignoreClientGone);
    response.on('error', ignoreClientGone);
    const fail = (error: unknown) => {
      const requestId = String(response.getHeader(REQUEST_ID_HEADER) ?? uuidv7());
      try {
        log({ requestId, method: request.method, path: (request.url ?? '/').split('?')[0] ?? '/', error });
      } catch {
        // A failing log must not turn one failed request into a crash.
      }
      if (response.headersSent) {
        // Part of an answer already left: it cannot become an error answer; cut it.
        response.destroy();
        return;
      }
      const body = JSON.stringify({ errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
      try {
        response.writeHead(500, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          [REQUEST_ID_HEADER]: requestId,
        });
        response.end(body);
      } catch {
        response.destroy();
      }
    };
    try {
      const answered = handler(request, response);
      if (answered) answered.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

/** A client that hangs up mid-request is no failure of ours; the socket is already gone. */
function ignoreClientGone(): void {}
