import { z } from 'zod';
import { DPPA_CODES, GLBA_CODES, type DppaPurpose, type GlbaException } from '../../policy/permissiblePurposes';
import { COMMERCIAL_PROVIDERS, type CommercialProvider } from '../../subgraphs/commercial/providers/providerNames';

/**
 * The commercial providers' configuration [P3]: where each is, its key, what a search costs,
 * which permissible purposes it accepts, how long its answers may be cached, and how patiently
 * it is called. Real endpoints and keys are configuration only; without them (development) the
 * subgraph calls the bundled simulators.
 */

/** How a provider is called: one undici pool, timeouts, retries, a breaker and a concurrency limit. */
export interface ProviderHttpConfig {
  /** Keep-alive connections in the provider's pool. */
  connections: number;
  connectTimeoutMs: number;
  /** Each attempt: headers, then body, each within this. */
  timeoutMs: number;
  /** The whole search (queueing and retries included) within this. */
  deadlineMs: number;
  /** Searches in flight at once; more wait in a queue of `queue`, beyond that are refused. */
  concurrency: number;
  queue: number;
  /** Attempts in all (1: never retried). */
  maxAttempts: number;
  /** A 429 or 503 asking to wait longer than this is not retried. */
  maxRetryAfterMs: number;
  /** Consecutive failures that open the circuit, and how long it stays open before one trial. */
  breakerFailures: number;
  breakerHalfOpenAfterMs: number;
}

export interface ProviderConfig {
  provider: CommercialProvider;
  /** Base URL of the provider's API. */
  url: string;
  apiKey: string;
  /** What one search costs the department, in cents. */
  rateCents: number;
  /** The DPPA purposes (18 U.S.C. 2721(b)) and GLBA exceptions (15 U.S.C. 6802(e)) this provider accepts. */
  acceptedDppa: readonly DppaPurpose[];
  acceptedGlba: readonly GlbaException[];
  /** How long an answer may be served from the encrypted cache; 0: never cached. */
  cacheTtlSeconds: number;
  http: ProviderHttpConfig;
}

export interface SimulatorsConfig {
  /** Whether `npm start` runs the simulators (development default). */
  enabled: boolean;
  /** The first simulator's port; the others follow in provider order (TLO, WHOOSTER, ...). */
  port: number;
}

export interface CommercialConfig {
  providers: Record<CommercialProvider, ProviderConfig>;
  /** [P10] AES-256 key of the provider-data cache; absent in development (a key under DATA_DIR is made). */
  cacheKey?: Buffer;
  simulators: SimulatorsConfig;
}

type Defaults = Omit<ProviderConfig, 'provider' | 'url' | 'apiKey' | 'http'> & { http?: Partial<ProviderHttpConfig> };

/** Rates, accepted purposes and cache policy each provider ships with (override per provider). */
const PROVIDER_DEFAULTS: Record<CommercialProvider, Defaults> = {
  TLO: { rateCents: 150, acceptedDppa: ['DPPA_B1', 'DPPA_B4'], acceptedGlba: ['GLBA_E3', 'GLBA_E5', 'GLBA_E8'], cacheTtlSeconds: 86_400 },
  // Real-time carrier data: a cached answer would be stale by design.
  WHOOSTER: { rateCents: 35, acceptedDppa: ['DPPA_B1'], acceptedGlba: ['GLBA_E5', 'GLBA_E8'], cacheTtlSeconds: 0 },
  ACCURINT: { rateCents: 200, acceptedDppa: ['DPPA_B1', 'DPPA_B3', 'DPPA_B4'], acceptedGlba: ['GLBA_E3', 'GLBA_E5', 'GLBA_E8'], cacheTtlSeconds: 86_400 },
  // Open-source searches take longer: more patience, and an hour of cache.
  SKOPENOW: { rateCents: 500, acceptedDppa: ['DPPA_B1', 'DPPA_B4'], acceptedGlba: ['GLBA_E5'], cacheTtlSeconds: 3_600, http: { timeoutMs: 4_000, deadlineMs: 6_000 } },
  // Pawn transactions arrive daily: always asked afresh.
  LEADS_ONLINE: { rateCents: 25, acceptedDppa: ['DPPA_B1'], acceptedGlba: ['GLBA_E5', 'GLBA_E8'], cacheTtlSeconds: 0 },
};

const HTTP_DEFAULTS: ProviderHttpConfig = {
  connections: 16,
  connectTimeoutMs: 1_000,
  timeoutMs: 3_000,
  deadlineMs: 5_000,
  concurrency: 16,
  queue: 64,
  maxAttempts: 3,
  maxRetryAfterMs: 2_000,
  breakerFailures: 5,
  breakerHalfOpenAfterMs: 10_000,
};

/** Each simulator listens on `SIMULATORS_PORT` + its provider's position (TLO 4101 ... LEADS_ONLINE 4105). */
export const providerPortOffset = (provider: CommercialProvider) => COMMERCIAL_PROVIDERS.indexOf(provider);

const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().min(0);

function codes<Code extends string>(value: string | undefined, known: readonly Code[], name: string): Code[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((code) => code.trim()).filter(Boolean);
  const unknown = list.filter((code) => !(known as readonly string[]).includes(code));
  if (unknown.length) throw new Error(`invalid configuration: ${name}: unknown code ${unknown.join(', ')}`);
  return list as Code[];
}

function number(env: NodeJS.ProcessEnv, name: string, schema: z.ZodNumber | z.ZodType<number>): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`invalid configuration: ${name}: ${parsed.error.issues[0]?.message ?? 'not a number'}`);
  return parsed.data;
}

export interface CommercialBase {
  production: boolean;
  host: string;
  gatewayPort: number;
  scheme: 'http' | 'https';
}

export function loadCommercialConfig(env: NodeJS.ProcessEnv, base: CommercialBase): CommercialConfig {
  const simulatorsEnabled = (env.SIMULATORS ?? (base.production ? 'off' : 'on')) === 'on';
  if (!['on', 'off', undefined].includes(env.SIMULATORS)) throw new Error('invalid configuration: SIMULATORS must be on or off');
  const simulatorPort = number(env, 'SIMULATORS_PORT', z.coerce.number().int().min(0).max(65530)) ?? base.gatewayPort + 101;
  const globalHttp: ProviderHttpConfig = {
    ...HTTP_DEFAULTS,
    maxAttempts: number(env, 'COMMERCIAL_MAX_ATTEMPTS', positiveInt) ?? HTTP_DEFAULTS.maxAttempts,
    breakerFailures: number(env, 'COMMERCIAL_BREAKER_FAILURES', positiveInt) ?? HTTP_DEFAULTS.breakerFailures,
    breakerHalfOpenAfterMs: number(env, 'COMMERCIAL_BREAKER_HALF_OPEN_MS', positiveInt) ?? HTTP_DEFAULTS.breakerHalfOpenAfterMs,
  };
  const providers = {} as Record<CommercialProvider, ProviderConfig>;
  for (const provider of COMMERCIAL_PROVIDERS) {
    const defaults = PROVIDER_DEFAULTS[provider];
    const url = env[`${provider}_URL`];
    const apiKey = env[`${provider}_API_KEY`];
    // Fail closed: production never falls back to a simulator or a development key.
    if (base.production && (!url || !apiKey)) throw new Error(`invalid configuration: production needs ${provider}_URL and ${provider}_API_KEY`);
    if (url !== undefined && !z.string().url().safeParse(url).success) throw new Error(`invalid configuration: ${provider}_URL is not a URL`);
    const http = { ...globalHttp, ...defaults.http };
    providers[provider] = {
      provider,
      url: url ?? `${base.scheme}://${base.host}:${simulatorPort + providerPortOffset(provider)}`,
      // The simulators' development keys: they guard synthetic data only.
      apiKey: apiKey ?? `sim-${provider.toLowerCase()}-development-key`,
      rateCents: number(env, `${provider}_RATE_CENTS`, nonNegativeInt) ?? defaults.rateCents,
      acceptedDppa: codes(env[`${provider}_DPPA`], DPPA_CODES, `${provider}_DPPA`) ?? defaults.acceptedDppa,
      acceptedGlba: codes(env[`${provider}_GLBA`], GLBA_CODES, `${provider}_GLBA`) ?? defaults.acceptedGlba,
      cacheTtlSeconds: number(env, `${provider}_CACHE_TTL_SECONDS`, nonNegativeInt) ?? defaults.cacheTtlSeconds,
      http: {
        ...http,
        timeoutMs: number(env, `${provider}_TIMEOUT_MS`, positiveInt) ?? http.timeoutMs,
        deadlineMs: number(env, `${provider}_DEADLINE_MS`, positiveInt) ?? http.deadlineMs,
        concurrency: number(env, `${provider}_CONCURRENCY`, positiveInt) ?? http.concurrency,
      },
    };
  }
  return { providers, cacheKey: cacheKeyOf(env.COMMERCIAL_CACHE_KEY, base.production), simulators: { enabled: simulatorsEnabled, port: simulatorPort } };
}

function cacheKeyOf(value: string | undefined, production: boolean): Buffer | undefined {
  if (value === undefined || value === '') {
    if (production) throw new Error('invalid configuration: production needs COMMERCIAL_CACHE_KEY (32 bytes, base64) [P10]');
    return undefined;
  }
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('invalid configuration: COMMERCIAL_CACHE_KEY must be 32 bytes in base64 (AES-256)');
  return key;
}
