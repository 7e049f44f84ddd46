import { loadLimitsConfig } from '../loadLimitsConfig';

describe('loadLimitsConfig', () => {
  it.each([
    ['production: 600 a minute by default, a burst of 100', {}, true, { perMinute: 600, burst: 100 }],
    ['development: no rate limit by default', {}, false, undefined],
    ['RATE_LIMIT_PER_MINUTE sets the rate in any mode', { RATE_LIMIT_PER_MINUTE: '30' }, false, { perMinute: 30, burst: 10 }],
    ['RATE_LIMIT_BURST sets the burst', { RATE_LIMIT_PER_MINUTE: '30', RATE_LIMIT_BURST: '3' }, false, { perMinute: 30, burst: 3 }],
    ['0 switches it off, even in production', { RATE_LIMIT_PER_MINUTE: '0' }, true, undefined],
  ])('rate limit: %s', (_rule, env, production, expected) => {
    expect(loadLimitsConfig(env, { production }).rateLimit).toEqual(expected);
  });

  it('reads overrides of the operation limits table', () => {
    expect(loadLimitsConfig({ OPERATION_LIMITS: '{"ANALYST":{"cost":40000},"DEFAULT":{"depth":3}}' }, { production: false }).operationLimits).toEqual({
      ANALYST: { cost: 40000 },
      DEFAULT: { depth: 3 },
    });
  });

  it.each([
    ['not JSON', '{ANALYST'],
    ['an unknown role', '{"ANALYSTS":{"cost":1}}'],
    ['an unknown limit', '{"ANALYST":{"width":1}}'],
    ['a limit that is not a positive integer', '{"ANALYST":{"cost":-1}}'],
  ])('stops start-up on OPERATION_LIMITS with %s', (_what, value) => {
    expect(() => loadLimitsConfig({ OPERATION_LIMITS: value }, { production: false })).toThrow(/OPERATION_LIMITS/);
  });

  it('stops start-up on a negative rate', () => {
    expect(() => loadLimitsConfig({ RATE_LIMIT_PER_MINUTE: '-1' }, { production: false })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });
});
