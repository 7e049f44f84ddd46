import type { CommercialProvider } from './providers/providerNames';
import type { ProviderReport } from './ProviderReport';

/** A provider's answer with what the search was: its id in the ledger, when, from the cache or not, its price. */
export type SearchResult = ProviderReport & {
  provider: CommercialProvider;
  searchId: string;
  retrievedAt: string;
  cached: boolean;
  costCents: number;
};
