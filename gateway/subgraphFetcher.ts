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
    const map = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) map.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    this.headers = map as unknown as FetcherHeaders;
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
