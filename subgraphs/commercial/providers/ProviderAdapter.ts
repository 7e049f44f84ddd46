import type { CommercialProvider } from './providerNames';
import type { DppaPurpose, GlbaException } from '../../../policy/permissiblePurposes';
import type { ProviderReport } from '../ProviderReport';
import type { SearchKind, SearchQuery } from '../SearchQuery';
import type { ProviderHttpRequest, ProviderHttpResponse } from './providerClient';

/** The permissible purpose a search is made under: both are required before any provider is asked [P3]. */
export interface SearchPurpose {
  dppa: DppaPurpose;
  glba: GlbaException;
}

/**
 * One provider behind the shared schema: how a search becomes that provider's request (its
 * paths, parameters, authentication and way of stating the permissible purpose), and how its
 * answer becomes the shared shapes. Pure: no I/O, so each mapping is tested on its own.
 */
export interface ProviderAdapter {
  provider: CommercialProvider;
  /** The searches this provider offers. */
  kinds: readonly SearchKind[];
  toRequest(query: SearchQuery, purpose: SearchPurpose, apiKey: string): ProviderHttpRequest;
  /** Throws a ProviderFailure (REJECTED, BAD_RESPONSE) when the answer is a refusal or cannot be read. */
  fromResponse(query: SearchQuery, response: ProviderHttpResponse): ProviderReport;
}
