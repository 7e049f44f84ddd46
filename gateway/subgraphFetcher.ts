import type { Fetcher, FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, type Dispatcher } from 'undici';

export interface SubgraphFetcherOptions {
  /** Connections kept open per subgraph origin. */
  connections: number;
  timeoutMs: number;
  /** Extra TLS options for HTTPS subgraphs (a CA of our own, client certificates). */
  tls?: { ca?: string | Buffer };
}

/**
 * The gateway's HTTP client to its subgraphs: undici with a keep-alive pool per origin and
 * bounded connect/header/body times. A subgraph that hangs costs at most `timeoutMs`.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): { fetcher: Fetcher; dispatcher: Dispatcher; close(): Promise<void> } {
  const agent = new Agent({
    connections: options.connections,
    keepAliveTimeout: 30_000,
    connectTimeout: Math.min(options.timeoutMs, 5_000),
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: options.tls ? { ca: options.tls.ca } : undefined,
  });
  const fetcher: Fetcher = async (url, init = {}) => {
    const target = new URL(url);
    const response: Dispatcher.ResponseData = await agent.request({
      origin: target.origin,
      path: target.pathname + target.search,
      method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: init.headers,
      body: init.body,
      signal: init.signal,
    });
    return new BufferedResponse(url, response.statusCode, response.headers, await response.body.text());
  };
  return { fetcher, dispatcher: agent, close: () => agent.close() };
}

/**
 * A response's headers as the data sources read them (`content-type`, `cache-control`), over
 * the object undici already parsed: a WHATWG `Headers` validates every name and value again,
 * for each of the several subgraph answers of every request.
 */
class ResponseHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();

  constructor(raw: Record<string, string | string[] | undefined>) {
    for (const name in raw) {
      const value = raw[name];
      if (value !== undefined) this.map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string) {
    return this.map.get(name.toLowerCase()) ?? null;
  }

  has(name: string) {
    return this.map.has(name.toLowerCase());
  }

  set(name: string, value: string) {
    this.map.set(name.toLowerCase(), value);
  }

  append(name: string, value: string) {
    const known = this.get(name);
    this.set(name, known === null ? value : `${known}, ${value}`);
  }

  delete(name: string) {
    this.map.delete(name.toLowerCase());
  }

  entries() {
    return this.map.entries();
  }

  keys() {
    return this.map.keys();
  }

  values() {
    return this.map.values();
  }

  [Symbol.iterator]() {
    return this.map.entries();
  }
}

/** The part of a fetch `Response` the gateway's data sources read, over an already-read body. */
class BufferedResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly headers: FetcherHeaders;

  constructor(
    readonly url: string,
    readonly status: number,
    headers: Record<string, string | string[] | undefined>,
    private readonly body: string,
  ) {
    this.headers = new ResponseHeaders(headers);
  }

  get ok() {
    return this.status >= 200 && this.status < 300;
  }

  get statusText() {
    return String(this.status);
  }

  async text() {
    return this.body;
  }

  async json() {
    return JSON.parse(this.body);
  }

  async arrayBuffer() {
    return new TextEncoder().encode(this.body).buffer as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, Object.fromEntries(this.headers), this.body);
  }
}
