import { ermsError } from '../../../platform/errors/ErrorCode';
import type { OperationMeasure } from './measureOperation';
import { INTROSPECTION_LIMITS, type LimitName, type OperationLimits } from '../../../policy/operationLimitsTable';

/** A limit an operation is over: which, the operation's value, and the maximum. */
export interface ExceededLimit {
  limit: LimitName | 'introspectionDepth' | 'introspectionCost';
  value: number;
  maximum: number;
}

/** The first limit an operation is over, cheapest to explain first; null when within all. */
export function exceededLimit(measure: OperationMeasure & { tokens: number }, limits: OperationLimits): ExceededLimit | null {
  const checks: ExceededLimit[] = [
    { limit: 'tokens', value: measure.tokens, maximum: limits.tokens },
    { limit: 'depth', value: measure.depth, maximum: limits.depth },
    { limit: 'rootFields', value: measure.rootFields, maximum: limits.rootFields },
    { limit: 'aliases', value: measure.aliases, maximum: limits.aliases },
    { limit: 'cost', value: measure.cost, maximum: limits.cost },
    { limit: 'introspectionDepth', value: measure.introspectionDepth, maximum: INTROSPECTION_LIMITS.depth },
    { limit: 'introspectionCost', value: measure.introspectionCost, maximum: INTROSPECTION_LIMITS.cost },
  ];
  return checks.find((check) => check.value > check.maximum) ?? null;
}

const WHAT: Record<ExceededLimit['limit'], string> = {
  tokens: 'tokens',
  depth: 'levels of nested fields',
  rootFields: 'root fields',
  aliases: 'aliased fields',
  cost: 'estimated fields resolved',
  introspectionDepth: 'levels of nested introspection fields',
  introspectionCost: 'estimated introspection fields',
};

/** The refusal a client sees: QUERY_TOO_COMPLEX with `limit`, `value` and `maximum` (SPEC §5). */
export function tooComplex({ limit, value, maximum }: ExceededLimit) {
  const shown = Number.isFinite(value) && value < Number.MAX_SAFE_INTEGER ? Math.round(value) : Number.MAX_SAFE_INTEGER;
  return ermsError('QUERY_TOO_COMPLEX', `operation too complex: ${shown} ${WHAT[limit]}, at most ${maximum} for your roles; ask for less, or page through it`, {
    limit,
    value: shown,
    maximum,
  });
}
