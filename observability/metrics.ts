import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics (one registry per gateway, served at `/metrics`). */
export interface GatewayMetrics {
  registry: Registry;
  /** Every refusal by a legal guard, by guard, so oversight can report how often each fired. */
  guardRefusals: Counter<'guard'>;
  /** Uses flagged for the audit, by flag (FACIAL_RECOGNITION_PROBE). */
  flaggedUses: Counter<'flag'>;
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
    help: 'Allowed uses flagged for the audit, by flag (an image used as a facial-recognition probe).',
    labelNames: ['flag'] as const,
    registers: [registry],
  });
  return { registry, guardRefusals, flaggedUses };
}
