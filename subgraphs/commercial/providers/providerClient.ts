import {
  BrokenCircuitError, bulkhead, BulkheadRejectedError, circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, retry,
  TaskCancelledError, timeout, TimeoutStrategy, wrap,
} from 'cockatiel';
import { Pool } from 'undici';
import type { ProviderConfig } from '../../../platform/config/loadCommercialConfig';
import { ProviderFailure } from './ProviderFailure';
import { RetryAfterBackoff } from './retryAfterBackoff';

/** One HTTP request to a provider, as its adapter builds it. */
export interface ProviderHttpRequest {
  method: 'GET' | 'POST';
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ProviderHttpResponse {
  status: number;
  body: string;
}

export interface ProviderClient {
  /** Sends one search; throws a ProviderFailure when the provider gives no usable answer in time. */
  send(request: ProviderHttpRequest): Promise<ProviderHttpResponse>;
  /** The circuit breaker's state (closed, open, half-open). */
  circuit(): 'CLOSED' | 'OPEN' | 'HALF_OPEN';
  close(): Promise<void>;
}

/** Connection errors raised before the request left: sending it again cannot make the provider do it twice. */
const NOT_SENT = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_ABORTED']);

/**
 * The HTTP client of one provider [P3], from a well-kept resilience library (cockatiel) over an
 * undici pool of its own, so one provider's trouble never reaches another's:
 *  - a timeout per attempt and a deadline for the whole search (queueing and retries included),
 *    each aborting the request in flight (undici's own header and body timeouts, coarser, stay as
 *    a backstop);
 *  - retries with exponential backoff and jitter, honouring `Retry-After`, **only where safe**:
 *    a 429 or a 503 (the provider did not do the search) and a connection that was never made.
 *    A timeout, a reset or a 500 is never retried: the provider may have run, and charged for,
 *    the search already;
 *  - a circuit breaker that opens after consecutive failures of the provider (timeouts, 5xx,
 *    connections), answering at once while open and trying one search when it half-opens;
 *  - a concurrency limit with a bounded queue (bulkhead): a hanging provider holds at most
 *    `concurrency` connections, and callers beyond the queue are refused at once.
 */
export function createProviderClient(config: ProviderConfig): ProviderClient {
  const { provider, http } = config;
  const origin = new URL(config.url);
  const basePath = origin.pathname.replace(/\/$/, '');
  const pool = new Pool(origin.origin, {
    connections: http.connections,
    connectTimeout: http.connectTimeoutMs,
    headersTimeout: http.timeoutMs + 1_000,
    bodyTimeout: http.timeoutMs + 1_000,
    keepAliveTimeout: 30_000,
  });

  // (cockatiel 3.2.1's is*Error helpers test the wrong marker: instanceof it is.)
  const failure = (error: unknown, withinMs = http.deadlineMs): ProviderFailure => {
    if (error instanceof ProviderFailure) return error;
    if (error instanceof BrokenCircuitError) return new ProviderFailure(provider, 'CIRCUIT_OPEN', `${provider} is failing: its circuit is open, no search is sent until it recovers`);
    if (error instanceof BulkheadRejectedError) return new ProviderFailure(provider, 'OVERLOADED', `too many ${provider} searches in progress`);
    const code = (error as { code?: string } | null)?.code ?? '';
    if (error instanceof TaskCancelledError || TIMEOUTS.has(code) || (error as Error | null)?.name === 'AbortError') {
      return new ProviderFailure(provider, 'TIMEOUT', `${provider} did not answer within ${withinMs} ms`);
    }
    if (NOT_SENT.has(code)) return new ProviderFailure(provider, 'CONNECTION_FAILED', `${provider} could not be reached`, { notSent: true });
    return new ProviderFailure(provider, 'CONNECTION_FAILED', `${provider}: the connection failed`);
  };

  const retryable = (error: Error) =>
    error instanceof ProviderFailure &&
    (error.details.retryAfterMs ?? 0) <= http.maxRetryAfterMs &&
    (error.reason === 'RATE_LIMITED' || (error.reason === 'PROVIDER_ERROR' && error.details.status === 503) || (error.reason === 'CONNECTION_FAILED' && !!error.details.notSent));
  // A rate limit says the provider is well, only busy: it does not count towards opening the circuit.
  const providerFault = (error: Error) =>
    error instanceof ProviderFailure && ['TIMEOUT', 'PROVIDER_ERROR', 'CONNECTION_FAILED'].includes(error.reason);

  const deadline = timeout(http.deadlineMs, TimeoutStrategy.Aggressive);
  const retries = retry(handleWhen(retryable), { maxAttempts: http.maxAttempts - 1, backoff: new RetryAfterBackoff() });
  const breaker = circuitBreaker(handleWhen(providerFault), { halfOpenAfter: http.breakerHalfOpenAfterMs, breaker: new ConsecutiveBreaker(http.breakerFailures) });
  const limit = bulkhead(http.concurrency, http.queue);
  const attemptTimeout = timeout(http.timeoutMs, TimeoutStrategy.Aggressive);
  const policy = wrap(deadline, retries, breaker, limit);

  /** One attempt within its own timeout; whatever it meets becomes a ProviderFailure the policies above can judge. */
  const attemptOnce = async (request: ProviderHttpRequest, signal: AbortSignal): Promise<ProviderHttpResponse> => {
    try {
      return await attemptTimeout.execute(({ signal: attemptSignal }) => attempt(request, attemptSignal), signal);
    } catch (error) {
      throw failure(error, http.timeoutMs);
    }
  };

  const attempt = async (request: ProviderHttpRequest, signal: AbortSignal): Promise<ProviderHttpResponse> => {
    let status: number;
    let retryAfter: string | string[] | undefined;
    let body: string;
    try {
      const response = await pool.request({ method: request.method, path: basePath + request.path, headers: request.headers, body: request.body, signal });
      status = response.statusCode;
      retryAfter = response.headers['retry-after'];
      body = await response.body.text();
    } catch (error) {
      throw failure(error, http.timeoutMs);
    }
    const retryAfterMs = parseRetryAfter(retryAfter);
    if (status === 429) throw new ProviderFailure(provider, 'RATE_LIMITED', `${provider} is rate limiting this department's searches`, { status, retryAfterMs });
    if (status >= 500) throw new ProviderFailure(provider, 'PROVIDER_ERROR', `${provider} answered ${status}`, { status, retryAfterMs });
    return { status, body };
  };

  return {
    async send(request) {
      try {
        return await policy.execute(({ signal }) => attemptOnce(request, signal));
      } catch (error) {
        throw failure(error);
      }
    },
    circuit() {
      const state = breaker.state;
      return state === CircuitState.Closed ? 'CLOSED' : state === CircuitState.HalfOpen ? 'HALF_OPEN' : 'OPEN';
    },
    async close() {
      // Searches still waiting on a hung provider do not hold the shutdown up for long.
      await Promise.race([pool.close(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      if (!pool.closed || !pool.destroyed) await pool.destroy();
    },
  };
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
