import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {}

/**
 * Reads a request body as text, refusing more than `limitBytes` (the request is destroyed then:
 * nothing more of it is read). Plain 'data' events: an async iterator over the stream costs
 * every request several objects and listeners more.
 */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<string> {
  const tooLarge = () => new BodyTooLargeError(`request body over ${limitBytes} bytes`);
  if (Number(request.headers['content-length'] ?? 0) > limitBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) return void chunks.push(chunk);
      done();
      request.destroy();
      reject(tooLarge());
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const done = () => {
      request.off('data', onData).off('end', onEnd).off('error', onError);
    };
    // A client gone before the end of its body makes the request emit 'error' ("aborted").
    request.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
