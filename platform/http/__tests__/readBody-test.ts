import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyTooLargeError, readBody } from '../readBody';

/** The request body as the gateway and the subgraphs read it: whole, bounded, never waited on forever. */
describe('readBody', () => {
  let server: Server;
  let port: number;
  let read: Promise<string>;
  beforeAll(async () => {
    server = createServer((request, response) => {
      read = readBody(request, 16);
      read.then((text) => response.end(`read:${text}`), (error: Error) => response.end(`refused:${error.constructor.name}`)).catch(() => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  /** Sends `chunks` one by one (chunked encoding, no declared length unless given); resolves with the answer or the socket's fate. */
  const send = (chunks: string[], headers: Record<string, string | number> = {}, abort = false) =>
    new Promise<string>((resolve) => {
      const request = httpRequest({ port, method: 'POST', headers }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
      });
      request.on('error', () => resolve('socket closed'));
      for (const chunk of chunks) request.write(chunk);
      if (abort) setTimeout(() => request.destroy(), 50);
      else request.end();
    });

  it('reads a body sent in several chunks as one text', async () => {
    expect(await send(['{"a":', '1}'])).toBe('read:{"a":1}');
  });

  it('refuses a declared length over the limit before reading anything', async () => {
    expect(await send(['x'.repeat(17)], { 'content-length': 17 })).toBe('refused:BodyTooLargeError');
  });

  it('stops reading a chunked body once it passes the limit', async () => {
    await send(['x'.repeat(10), 'x'.repeat(10)]);
    await expect(read).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('does not wait forever for a client that leaves in the middle of its body', async () => {
    await send(['{"a":'], {}, true);
    await expect(read).rejects.toThrow();
  });
});
