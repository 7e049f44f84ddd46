import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics (one registry per gateway, served at `/metrics`). */
export interface GatewayMetrics {
  registry: Registry;
  /** Every refusal by a legal guard, by guard, so oversight can report how often each fired. */
  guardRefusals: Counter<'guard'>;
  /** Uses flagged for the audit, by flag (FACIAL_RECOGNITION_PROBE, IMMIGRATION_TERM_REVIEW, POLITICAL_ACTIVITY_REVIEW). */
  flaggedUses: Counter<'flag'>;
  /** Requests refused by an operation limit or the rate limit, by limit (`cost`, `depth`, `rate`...). */
  limitRefusals: Counter<'limit'>;
  /** [P12] requests that opened sealed records under a statutory exception, by exception. */
  sealedRecordExceptions: Counter<'exception'>;
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'erms_gateway_' });
  const guardRefusals = new Counter({
    name: 'erms_guard_refusals_total',
    help: 'Requests refused by a legal guard of the use policy, by guard.',
    labelNames: ['guard'] as const,
    registers: [registry],
  });
  const flaggedUses = new Counter({
    name: 'erms_flagged_uses_total',
    help: 'Allowed uses flagged for the audit, by flag (an image used as a facial-recognition probe; an immigration or political term put before a supervisor for review).',
    labelNames: ['flag'] as const,
    registers: [registry],
  });
  const limitRefusals = new Counter({
    name: 'erms_limit_refusals_total',
    help: 'Requests refused as too complex (QUERY_TOO_COMPLEX) or too frequent (RATE_LIMITED), by limit.',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  const sealedRecordExceptions = new Counter({
    name: 'erms_sealed_record_exceptions_total',
    help: 'Requests admitted under a statutory exception that opens sealed records, by exception (each also flagged SEALED_RECORD_EXCEPTION for review).',
    labelNames: ['exception'] as const,
    registers: [registry],
  });
  return { registry, guardRefusals, flaggedUses, limitRefusals, sealedRecordExceptions };
}
