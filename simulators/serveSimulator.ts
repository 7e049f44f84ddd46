import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommercialProvider } from '../subgraphs/commercial/providers/providerNames';
import { createServer } from '../platform/http/createServer';
import { readBody } from '../platform/http/readBody';
import { listen } from '../subgraphs/serveSubgraph';

/**
 * One commercial provider simulated as a real HTTP server: its own API shape and key check,
 * latency, a per-key rate limit (429 with Retry-After), occasional 5xx, and faults a test or a
 * benchmark can switch on (hang, reset connections, answer a status N times).
 */
export interface SimulatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface SimulatorResponse {
  status: number;
  body: unknown;
}

export interface SimulatorDefinition {
  provider: CommercialProvider;
  /** Whether the request carries `apiKey` the way this provider wants it. */
  authenticated(headers: IncomingHttpHeaders, apiKey: string): boolean;
  /** Answers a request (already authenticated); null: no such route. */
  answer(request: SimulatorRequest): SimulatorResponse | null;
  /** An error in this provider's own format. */
  errorBody(status: number, message: string): unknown;
}

export type SimulatorFault =
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'status'; status: number; retryAfterSeconds?: number; times?: number };

export interface SimulatorBehaviour {
  /** Each answer waits a uniform time in [min, max] ms. */
  latencyMs: readonly [number, number];
  /** Share of requests answered with a random 5xx. */
  errorRate: number;
  /** Requests per second per key (token bucket of `burst`); beyond: 429 with Retry-After. */
  rateLimit: { perSecond: number; burst: number };
  fault: SimulatorFault | null;
}

export interface RecordedSimulatorRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  at: number;
}

export interface RunningSimulator {
  provider: CommercialProvider;
  url: string;
  port: number;
  /** Every request received, answered or not. */
  requests: RecordedSimulatorRequest[];
  /** Changes the behaviour from now on (a fault, latency, rate limit). */
  behave(change: Partial<SimulatorBehaviour>): void;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  host: string;
  /** 0: a free port. */
  port: number;
  apiKey: string;
  behaviour: SimulatorBehaviour;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function serveSimulator(definition: SimulatorDefinition, options: SimulatorOptions): Promise<RunningSimulator> {
  let behaviour: SimulatorBehaviour = { ...options.behaviour };
  let faultUses = 0;
  const requests: RecordedSimulatorRequest[] = [];
  const buckets = new Map<string, { tokens: number; at: number }>();

  /** Seconds until the key may ask again, or 0 when it may now. */
  const throttled = (key: string): number => {
    const { perSecond, burst } = behaviour.rateLimit;
    const now = Date.now();
    const bucket = buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  };

  const server = createServer((request, response) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
      response.end(text);
    };
    // A failure (a body over the limit, a throw) is answered by createServer: 500, the simulator stays up.
    return (async () => {
      const url = new URL(request.url ?? '/', 'http://simulator');
      // Recorded on arrival: a caller that gives up while its body is still being read was still a request.
      const received: RecordedSimulatorRequest = { method: request.method ?? 'GET', path: url.pathname + url.search, headers: request.headers, body: undefined, at: Date.now() };
      requests.push(received);
      const text = request.method === 'POST' ? await readBody(request, 100_000) : '';
      let body: unknown = undefined;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return send(400, definition.errorBody(400, 'body is not JSON'));
      }
      received.body = body;
      const fault = behaviour.fault;
      if (fault?.kind === 'hang') return; // never answers; the caller's timeouts must end it
      if (fault?.kind === 'reset') return request.socket.destroy();
      if (fault?.kind === 'status' && (fault.times === undefined || faultUses < fault.times)) {
        faultUses++;
        const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
        return send(fault.status, definition.errorBody(fault.status, 'simulated fault'), headers);
      }
      if (!definition.authenticated(request.headers, options.apiKey)) return send(401, definition.errorBody(401, 'invalid or missing API key'));
      const wait = throttled(options.apiKey);
      if (wait > 0) return send(429, definition.errorBody(429, 'rate limit exceeded'), { 'retry-after': String(wait) });
      const [low, high] = behaviour.latencyMs;
      await sleep(low + Math.random() * (high - low));
      if (Math.random() < behaviour.errorRate) {
        const status = [500, 502, 503][Math.floor(Math.random() * 3)]!;
        return send(status, definition.errorBody(status, 'upstream temporarily unavailable'));
      }
      const answer = definition.answer({ method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers, body });
      if (!answer) return send(404, definition.errorBody(404, 'no such endpoint'));
      send(answer.status, answer.body);
    })();
  });
  await listen(server, options.port, options.host);
  const { port } = server.address() as AddressInfo;
  return {
    provider: definition.provider,
    url: `http://${options.host}:${port}`,
    port,
    requests,
    behave(change) {
      behaviour = { ...behaviour, ...change };
      if ('fault' in change) faultUses = 0;
      if ('rateLimit' in change) buckets.clear();
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung requests hold their connections: end them, or close never returns.
        server.closeAllConnections();
      });
    },
  };
}
