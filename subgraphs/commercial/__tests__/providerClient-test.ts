import { createServer, type AddressInfo } from 'node:net';
import { loadCommercialConfig, type ProviderConfig, type ProviderHttpConfig } from '../../../platform/config/loadCommercialConfig';
import { ProviderTruth } from '../../../simulators/providerTruth';
import { whoosterSimulator } from '../../../simulators/providers/whoosterSimulator';
import { serveSimulator, type RunningSimulator } from '../../../simulators/serveSimulator';
import { FAST_BEHAVIOUR } from '../../../simulators/startSimulators';
import { createProviderClient, parseRetryAfter, type ProviderClient } from '../providers/providerClient';
import { ProviderFailure } from '../providers/ProviderFailure';

/**
 * The HTTP client of one provider, against a real simulator: each failure mode, what is retried
 * (only what is safe), Retry-After honoured, the circuit breaker and the concurrency limit.
 */
const KEY = 'whooster-test-key';
const REQUEST = { method: 'GET' as const, path: '/v2/phone/7185550100?dppa=1&glba=5', headers: { 'x-api-key': KEY } };
/** Generous for answers (a loaded 2-core machine); the hang cases shorten the timeout themselves. */
const HTTP: Partial<ProviderHttpConfig> = {
  connectTimeoutMs: 1_000, timeoutMs: 2_000, deadlineMs: 5_000, maxAttempts: 3, maxRetryAfterMs: 1_500,
  breakerFailures: 3, breakerHalfOpenAfterMs: 300, concurrency: 4, queue: 4,
};
const HANG_TIMEOUT_MS = 300;

function configFor(url: string, http: Partial<ProviderHttpConfig> = {}): ProviderConfig {
  const base = loadCommercialConfig({}, { production: false, host: '127.0.0.1', gatewayPort: 4000, scheme: 'http' }).providers.WHOOSTER;
  return { ...base, url, apiKey: KEY, http: { ...base.http, ...HTTP, ...http } };
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderFailure) return error;
    throw error;
  }
  throw new Error('expected a ProviderFailure');
}

describe('provider client: timeouts, retries, circuit breaker, concurrency limit', () => {
  let simulator: RunningSimulator;
  let client: ProviderClient;
  const open = (http: Partial<ProviderHttpConfig> = {}) => (client = createProviderClient(configFor(simulator.url, http)));
  const received = () => simulator.requests.length;

  beforeEach(async () => {
    simulator = await serveSimulator(whoosterSimulator(new ProviderTruth({ seed: 7, persons: 400 })), { host: '127.0.0.1', port: 0, apiKey: KEY, behaviour: FAST_BEHAVIOUR });
  });
  afterEach(async () => {
    await client?.close();
    await simulator.close();
  });

  it('answers through the pool', async () => {
    open();
    expect((await client.send(REQUEST)).status).toBe(200);
  });

  it('TIMEOUT: a hanging provider costs at most the timeout, and is not asked again (it may have charged)', async () => {
    open({ timeoutMs: HANG_TIMEOUT_MS });
    simulator.behave({ fault: { kind: 'hang' } });
    const started = Date.now();
    const failure = await failureOf(client.send(REQUEST));
    expect(failure.reason).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(HANG_TIMEOUT_MS + 1_200);
    expect(received()).toBe(1);
  });

  it('TIMEOUT: the deadline bounds the whole search, retries included', async () => {
    open({ deadlineMs: 700, timeoutMs: 5_000 });
    simulator.behave({ fault: { kind: 'hang' } });
    const started = Date.now();
    expect((await failureOf(client.send(REQUEST))).reason).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(700 + 1_200);
  });

  it('429 with Retry-After: waits as long as the provider asks, then asks again', async () => {
    open();
    simulator.behave({ fault: { kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 } });
    const started = Date.now();
    expect((await client.send(REQUEST)).status).toBe(200);
    expect(received()).toBe(2);
    const [first, second] = simulator.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('429 asking to wait longer than allowed: RATE_LIMITED at once, with the wait the provider asked for', async () => {
    open();
    simulator.behave({ fault: { kind: 'status', status: 429, retryAfterSeconds: 30 } });
    const failure = await failureOf(client.send(REQUEST));
    expect([failure.reason, failure.details.retryAfterMs]).toEqual(['RATE_LIMITED', 30_000]);
    expect(received()).toBe(1);
  });

  it('503: retried with backoff (the provider did not do the search)', async () => {
    open();
    simulator.behave({ fault: { kind: 'status', status: 503, times: 2 } });
    expect((await client.send(REQUEST)).status).toBe(200);
    expect(received()).toBe(3);
  });

  it('503 every time: PROVIDER_ERROR after the configured attempts', async () => {
    open();
    simulator.behave({ fault: { kind: 'status', status: 503 } });
    expect((await failureOf(client.send(REQUEST))).reason).toBe('PROVIDER_ERROR');
    expect(received()).toBe(3);
  });

  it('500 and a reset connection: not retried (the provider may have run and charged the search)', async () => {
    open();
    simulator.behave({ fault: { kind: 'status', status: 500 } });
    expect((await failureOf(client.send(REQUEST))).reason).toBe('PROVIDER_ERROR');
    simulator.behave({ fault: { kind: 'reset' } });
    expect((await failureOf(client.send(REQUEST))).reason).toBe('CONNECTION_FAILED');
    expect(received()).toBe(2);
  });

  it('a provider down (connection refused): retried, since nothing was sent, then CONNECTION_FAILED', async () => {
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', () => resolve()));
    const { port } = free.address() as AddressInfo;
    await new Promise((resolve) => free.close(resolve));
    client = createProviderClient(configFor(`http://127.0.0.1:${port}`));
    const failure = await failureOf(client.send(REQUEST));
    expect([failure.reason, failure.details.notSent]).toEqual(['CONNECTION_FAILED', true]);
  });

  it('circuit breaker: opens after consecutive failures, refuses without calling, half-opens and closes on success', async () => {
    open({ maxAttempts: 1 });
    simulator.behave({ fault: { kind: 'status', status: 500 } });
    for (let i = 0; i < 3; i++) expect((await failureOf(client.send(REQUEST))).reason).toBe('PROVIDER_ERROR');
    expect(client.circuit()).toBe('OPEN');
    const before = received();
    const started = Date.now();
    expect((await failureOf(client.send(REQUEST))).reason).toBe('CIRCUIT_OPEN');
    expect(Date.now() - started).toBeLessThan(300);
    expect(received()).toBe(before);
    simulator.behave({ fault: null });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await client.send(REQUEST)).status).toBe(200);
    expect(client.circuit()).toBe('CLOSED');
  });

  it('a rate limit does not open the circuit (the provider is well, only busy)', async () => {
    open({ maxAttempts: 1 });
    simulator.behave({ fault: { kind: 'status', status: 429, retryAfterSeconds: 60 } });
    for (let i = 0; i < 5; i++) expect((await failureOf(client.send(REQUEST))).reason).toBe('RATE_LIMITED');
    expect(client.circuit()).toBe('CLOSED');
  });

  it('concurrency limit: at most `concurrency` searches at the provider, a bounded queue, the rest refused at once', async () => {
    open({ concurrency: 2, queue: 1, timeoutMs: 400, breakerFailures: 100 });
    await client.send(REQUEST); // a warm connection, so the first hang is measured from its request
    simulator.behave({ fault: { kind: 'hang' } });
    const started = Date.now();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => failureOf(client.send(REQUEST)).then((f) => [f.reason, Date.now() - started] as const)));
    const overloaded = outcomes.filter(([reason]) => reason === 'OVERLOADED');
    const timedOut = outcomes.filter(([reason]) => reason === 'TIMEOUT');
    expect([overloaded.length, timedOut.length]).toEqual([2, 3]);
    // Refused at once: before any admitted search had even timed out.
    expect(Math.max(...overloaded.map(([, ms]) => ms))).toBeLessThan(Math.min(...timedOut.map(([, ms]) => ms)));
    // Two at once, then the queued one: never more than two connections held by the hung provider.
    expect(received()).toBe(1 + 3);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['seconds', '2', 2_000],
    ['an HTTP date', new Date(1_000_000 + 5_000).toUTCString(), 5_000],
    ['nothing', undefined, undefined],
    ['garbage', 'soon', undefined],
  ])('reads %s', (_name, value, expected) => {
    const parsed = parseRetryAfter(value, 1_000_000);
    if (expected === undefined) expect(parsed).toBeUndefined();
    else expect(Math.abs(parsed! - expected)).toBeLessThan(1_000);
  });
});
