import { z } from 'zod';
import type { OperationLimits } from '../../policy/operationLimitsTable';
import { ROLES } from '../../policy/vocabulary';

/** A token bucket: requests (or failures) per minute, and how many at once. */
export interface RateLimit {
  /** Requests a caller may send each minute, sustained. */
  perMinute: number;
  /** Requests a caller may send at once after a quiet spell (the bucket's size). */
  burst: number;
}

/**
 * The gateway's limits from the environment: the per-user rate limit, the per-address limit of
 * failed authentications, and overrides of the operation limits table
 * (policy/operationLimitsTable.ts), row by row, limit by limit.
 */
export interface LimitsConfig {
  /** Absent: no rate limit. */
  rateLimit?: RateLimit;
  /** Failed authentications per source address; absent: no limit. */
  unauthenticatedRateLimit?: RateLimit;
  /** `{ "ANALYST": { "cost": 40000 }, "DEFAULT": { ... } }`. */
  operationLimits: Record<string, Partial<OperationLimits>>;
}

const count = z.number().int().positive();
const Row = z.object({ depth: count, aliases: count, rootFields: count, tokens: count, cost: count }).partial().strict();
const Overrides = z.record(z.enum([...ROLES, 'DEFAULT'] as [string, ...string[]]), Row);

const EnvSchema = z.object({
  /** Requests per user per minute; 0 switches the limit off. Default: 600 in production, off otherwise. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).optional(),
  /** Requests a user may send at once. Default: a sixth of a minute's worth, at least 10. */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).optional(),
  /** Failed authentications per source address per minute (and at once); 0 switches the limit off. Default: 60. */
  RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  OPERATION_LIMITS: z.string().optional(),
});

export function loadLimitsConfig(env: NodeJS.ProcessEnv, options: { production: boolean }): LimitsConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const { RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST, RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE, OPERATION_LIMITS } = parsed.data;
  // Off by default outside production: one developer, or the benchmark, sends far more than a user would.
  const perMinute = RATE_LIMIT_PER_MINUTE ?? (options.production ? 600 : 0);
  let operationLimits: LimitsConfig['operationLimits'] = {};
  if (OPERATION_LIMITS) {
    let json: unknown;
    try {
      json = JSON.parse(OPERATION_LIMITS);
    } catch {
      throw new Error('invalid configuration: OPERATION_LIMITS must be JSON, e.g. {"ANALYST":{"cost":40000}}');
    }
    const overrides = Overrides.safeParse(json);
    if (!overrides.success) {
      throw new Error(`invalid configuration: OPERATION_LIMITS: ${overrides.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    }
    operationLimits = overrides.data;
  }
  return {
    ...(perMinute > 0 ? { rateLimit: { perMinute, burst: RATE_LIMIT_BURST ?? Math.max(10, Math.ceil(perMinute / 6)) } } : {}),
    // On in every mode: no developer or benchmark needs a minute of failed logons from one address.
    ...(RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE > 0
      ? { unauthenticatedRateLimit: { perMinute: RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE, burst: RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE } }
      : {}),
    operationLimits,
  };
}
