import type { GraphQLError } from 'graphql';
import type { CommercialProvider } from './providers/providerNames';
import { fieldError } from '../../platform/errors/ErrorCode';
import type { ChargeDecision } from './chargeLedger';
import type { PermissiblePurposeDecision } from './permissiblePurpose';
import type { ProviderFailure } from './providers/ProviderFailure';

/**
 * The one place the commercial subgraph's refusals become errors a client can switch on. Each
 * is an error of its own field: the rest of the answer (other providers, internal records)
 * still arrives. Every one names the provider.
 */

export function permissiblePurposeRequired(provider: CommercialProvider, decision: Extract<PermissiblePurposeDecision, { allowed: false }>): GraphQLError {
  const why = decision.missing.length
    ? `send ${decision.missing.join(' and ')}`
    : `${provider} does not accept ${decision.notAccepted.join(' or ')}; it accepts ${decision.accepted.dppa.join(', ')} with ${decision.accepted.glba.join(', ')}`;
  return fieldError('PERMISSIBLE_PURPOSE_REQUIRED', `a ${provider} search needs a DPPA permissible purpose and a GLBA exception it accepts: ${why}`, {
    provider,
    ...(decision.missing.length ? { missing: decision.missing } : {}),
    ...(decision.notAccepted.length ? { notAccepted: decision.notAccepted } : {}),
    accepted: decision.accepted,
  });
}

export const seatRequired = (provider: CommercialProvider) =>
  fieldError('COMMERCIAL_SEAT_REQUIRED', `you hold no ${provider} seat: searches of a commercial provider are licensed per user`, { provider });

export function budgetExceeded(provider: CommercialProvider, refusal: Extract<ChargeDecision, { reserved: false }>): GraphQLError {
  const message = refusal.budgetCents === null
    ? `${refusal.command} has no commercial search budget`
    : `${refusal.command} has spent ${dollars(refusal.spentCents)} of its ${dollars(refusal.budgetCents)} monthly commercial budget; this ${provider} search costs ${dollars(refusal.priceCents)}`;
  return fieldError('COMMERCIAL_BUDGET_EXCEEDED', message, {
    provider, command: refusal.command, budgetCents: refusal.budgetCents, spentCents: refusal.spentCents, priceCents: refusal.priceCents,
  });
}

export function providerUnavailable(failure: ProviderFailure): GraphQLError {
  const retryAfterSeconds = failure.details.retryAfterMs === undefined ? undefined : Math.ceil(failure.details.retryAfterMs / 1000);
  return fieldError('PROVIDER_UNAVAILABLE', failure.message, {
    provider: failure.provider,
    reason: failure.reason,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
