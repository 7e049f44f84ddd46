import type { CommercialProvider } from './providerNames';
import { accurintAdapter } from './accurintAdapter';
import { leadsOnlineAdapter } from './leadsOnlineAdapter';
import type { ProviderAdapter } from './ProviderAdapter';
import { skopeNowAdapter } from './skopeNowAdapter';
import { tloAdapter } from './tloAdapter';
import { whoosterAdapter } from './whoosterAdapter';

/** One adapter per provider [P3]; adding a provider is adding an adapter and a row here. */
export const ADAPTERS: Record<CommercialProvider, ProviderAdapter> = {
  TLO: tloAdapter,
  WHOOSTER: whoosterAdapter,
  ACCURINT: accurintAdapter,
  SKOPENOW: skopeNowAdapter,
  LEADS_ONLINE: leadsOnlineAdapter,
};
