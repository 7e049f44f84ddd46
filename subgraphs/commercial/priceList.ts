import type { SubgraphContext } from '../SubgraphDefinition';
import { costReport, monthOf } from './chargeLedger';
import type { CommercialLoaders } from './loaders';
import type { CommercialProvider } from './providers/providerNames';
import type { CommercialServices } from './runSearch';
import { SEARCH_FIELDS } from './searchFields';

export interface CommercialPrice {
  search: string;
  provider: CommercialProvider;
  costCents: number;
  seatHeld: boolean;
  cacheSeconds: number;
  acceptedDppa: readonly string[];
  acceptedGlba: readonly string[];
}

export interface PriceList {
  month: string;
  command: string;
  budgetCents: number | null;
  spentCents: number;
  remainingCents: number | null;
  prices: CommercialPrice[];
}

/**
 * [P3] What each search would cost the caller before it is run: the same rate `runSearch`
 * charges (the provider's configured `rateCents`, one source), whether the caller holds the
 * provider's seat, and what their command has left of its monthly budget, from the same
 * ledger the reservation reads. A search answered from the cache is not charged again.
 */
export async function priceList(context: SubgraphContext<CommercialLoaders>, services: CommercialServices): Promise<PriceList> {
  const { subject } = context.caller;
  const month = monthOf(services.now());
  const [seats, { byCommand }] = await Promise.all([context.loaders.seats.load(subject.id), costReport(context.db, month, subject.command)]);
  const spending = byCommand.find((row) => row.command === subject.command);
  const budgetCents = spending?.budgetCents ?? null;
  const spentCents = spending?.spentCents ?? 0;
  return {
    month: month.slice(0, 7),
    command: subject.command,
    budgetCents,
    spentCents,
    remainingCents: budgetCents === null ? null : budgetCents - spentCents,
    prices: SEARCH_FIELDS.flatMap(({ search, providers }) =>
      providers.map((provider) => {
        const config = services.providers[provider];
        return {
          search, provider, costCents: config.rateCents, seatHeld: seats.has(provider), cacheSeconds: config.cacheTtlSeconds,
          acceptedDppa: config.acceptedDppa, acceptedGlba: config.acceptedGlba,
        };
      }),
    ),
  };
}
