import { randomBytes } from 'node:crypto';
import { loadCommercialConfig } from '../loadCommercialConfig';

const BASE = { production: false, host: '127.0.0.1', gatewayPort: 4000, scheme: 'http' as const };
const PRODUCTION_ENV = Object.fromEntries(
  ['TLO', 'WHOOSTER', 'ACCURINT', 'SKOPENOW', 'LEADS_ONLINE'].flatMap((p) => [[`${p}_URL`, `https://${p.toLowerCase()}.example/api`], [`${p}_API_KEY`, `key-${p}`]]),
);

/** [P3, P10] real endpoints and keys are configuration only; production never falls back to a simulator. */
describe('loadCommercialConfig', () => {
  it('points every provider at its simulator in development, from SIMULATORS_PORT on', () => {
    const config = loadCommercialConfig({ SIMULATORS_PORT: '5101' }, BASE);
    expect([config.providers.TLO.url, config.providers.LEADS_ONLINE.url]).toEqual(['http://127.0.0.1:5101', 'http://127.0.0.1:5105']);
    expect([config.simulators.enabled, config.cacheKey]).toEqual([true, undefined]);
  });

  it('reads each provider\'s rate, accepted codes, cache time and patience', () => {
    const config = loadCommercialConfig({ TLO_RATE_CENTS: '99', TLO_DPPA: 'DPPA_B1,DPPA_B2', TLO_GLBA: 'GLBA_E8', TLO_CACHE_TTL_SECONDS: '0', TLO_TIMEOUT_MS: '750' }, BASE);
    expect(config.providers.TLO).toMatchObject({ rateCents: 99, acceptedDppa: ['DPPA_B1', 'DPPA_B2'], acceptedGlba: ['GLBA_E8'], cacheTtlSeconds: 0, http: { timeoutMs: 750 } });
  });

  it.each([
    ['an unknown DPPA code', { ACCURINT_DPPA: 'DPPA_B15' }, /ACCURINT_DPPA/],
    ['a negative rate', { WHOOSTER_RATE_CENTS: '-1' }, /WHOOSTER_RATE_CENTS/],
    ['a provider URL that is not one', { TLO_URL: 'not a url' }, /TLO_URL/],
    ['a cache key of the wrong length', { COMMERCIAL_CACHE_KEY: randomBytes(16).toString('base64') }, /COMMERCIAL_CACHE_KEY/],
  ])('stops start-up on %s, naming it', (_name, env, message) => {
    expect(() => loadCommercialConfig(env, BASE)).toThrow(message);
  });

  it('production: needs every provider\'s endpoint and key, and the cache key; simulators off', () => {
    const production = { ...BASE, production: true };
    expect(() => loadCommercialConfig({ COMMERCIAL_CACHE_KEY: randomBytes(32).toString('base64') }, production)).toThrow(/TLO_URL and TLO_API_KEY/);
    expect(() => loadCommercialConfig(PRODUCTION_ENV, production)).toThrow(/COMMERCIAL_CACHE_KEY/);
    const config = loadCommercialConfig({ ...PRODUCTION_ENV, COMMERCIAL_CACHE_KEY: randomBytes(32).toString('base64') }, production);
    expect([config.providers.SKOPENOW.url, config.simulators.enabled, config.cacheKey?.length]).toEqual(['https://skopenow.example/api', false, 32]);
  });
});
