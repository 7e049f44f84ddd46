import type { CommercialProvider } from './providerNames';

/**
 * Why a provider gave no answer. `CIRCUIT_OPEN` and `OVERLOADED` are decided here without
 * calling the provider; the rest are what the call met.
 */
export type ProviderFailureReason =
  | 'TIMEOUT'
  | 'RATE_LIMITED'
  | 'PROVIDER_ERROR'
  | 'CONNECTION_FAILED'
  | 'CIRCUIT_OPEN'
  | 'OVERLOADED'
  /** The provider refused the request itself (4xx other than 429): our key, our request. */
  | 'REJECTED'
  /** An answer the adapter could not read. */
  | 'BAD_RESPONSE';

export class ProviderFailure extends Error {
  constructor(
    readonly provider: CommercialProvider,
    readonly reason: ProviderFailureReason,
    message: string,
    readonly details: {
      status?: number;
      /** The provider asked to wait this long before asking again. */
      retryAfterMs?: number;
      /** The request never reached the provider (safe to send again). */
      notSent?: boolean;
    } = {},
  ) {
    super(message);
  }
}
