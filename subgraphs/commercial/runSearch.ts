import { randomUUID } from 'node:crypto';
import type { ProviderConfig } from '../../platform/config/loadCommercialConfig';
import type { CommercialProvider } from './providers/providerNames';
import type { SubgraphContext } from '../SubgraphDefinition';
import type { CacheCipher } from './cacheCipher';
import { completeCharge, failCharge, type ChargeRequest } from './chargeLedger';
import { budgetExceeded, permissiblePurposeRequired, providerUnavailable, seatRequired } from './commercialErrors';
import type { CommercialLoaders } from './loaders';
import type { SearchResult } from './SearchResult';
import { decidePermissiblePurpose } from './permissiblePurpose';
import type { ProviderReport } from './ProviderReport';
import { ADAPTERS } from './providers/adapters';
import type { ProviderClient } from './providers/providerClient';
import { ProviderFailure } from './providers/ProviderFailure';
import { cacheKeyOf, openCacheRow, writeCacheRow } from './searchCache';
import type { SearchQuery } from './SearchQuery';


/** What a commercial subgraph process holds for every request: the providers' configuration and clients, the cache cipher, a clock. */
export interface CommercialServices {
  providers: Record<CommercialProvider, ProviderConfig>;
  clients: Record<CommercialProvider, ProviderClient>;
  cipher: CacheCipher;
  now: () => Date;
  /** Told of cache writes that failed (the search itself succeeded). */
  warn?: (message: string) => void;
}

type Context = SubgraphContext<CommercialLoaders>;

/**
 * One commercial search [P3], in the order the policy asks:
 *  1. a DPPA permissible purpose and a GLBA exception this provider accepts;
 *  2. a seat for this provider;
 *  3. the encrypted cache, when the provider's policy allows one [P10] (not charged again);
 *  4. the price reserved against the command's monthly budget;
 *  5. the provider called through its adapter and client; no answer: nothing charged, and an
 *     error naming the provider, while the rest of the operation's answer still arrives.
 */
export function runSearch(context: Context, services: CommercialServices, provider: CommercialProvider, query: SearchQuery): Promise<SearchResult> {
  const config = services.providers[provider];
  const decision = decidePermissiblePurpose(config, context.caller.purpose?.permissiblePurpose);
  if (!decision.allowed) return Promise.reject(permissiblePurposeRequired(provider, decision));
  const key = cacheKeyOf(services.cipher, provider, query);
  const existing = context.loaders.searches.get(key);
  if (existing) return existing;
  const search = (async () => {
    if (!(await context.loaders.seats.load(context.caller.subject.id)).has(provider)) throw seatRequired(provider);
    const { caller } = context;
    const charge: ChargeRequest = {
      id: randomUUID(), requestId: caller.requestId, userId: caller.subject.id, command: caller.subject.command, provider, kind: query.kind,
      purpose: caller.purpose?.code ?? '', caseNumber: caller.purpose?.caseNumber ?? '', dppa: decision.purpose.dppa, glba: decision.purpose.glba,
      costCents: 0, cached: true,
    };
    if (config.cacheTtlSeconds > 0) {
      const row = await context.loaders.cache.load(key);
      const cached = row && openCacheRow(services.cipher, provider, row);
      if (cached) {
        // A cached answer is still a use, with its purpose, in the ledger: at no cost.
        await context.loaders.charges.load(charge);
        return { ...cached.report, provider, searchId: charge.id, retrievedAt: cached.retrievedAt, cached: true, costCents: 0 };
      }
    }
    const priced = { ...charge, costCents: config.rateCents, cached: false };
    const reservation = await context.loaders.charges.load(priced);
    if (!reservation.reserved) throw budgetExceeded(provider, reservation);
    let report: ProviderReport;
    try {
      const adapter = ADAPTERS[provider];
      report = adapter.fromResponse(query, await services.clients[provider].send(adapter.toRequest(query, decision.purpose, config.apiKey)));
    } catch (error) {
      const failure = error instanceof ProviderFailure ? error : new ProviderFailure(provider, 'BAD_RESPONSE', `${provider} answered in an unexpected way`);
      await failCharge(context.db, charge.id, failure.reason, services.now());
      throw providerUnavailable(failure);
    }
    const retrievedAt = services.now().toISOString();
    await completeCharge(context.db, charge.id, report.reference, services.now());
    if (config.cacheTtlSeconds > 0) {
      await writeCacheRow(context.db, services.cipher, provider, key, { report, retrievedAt }, config.cacheTtlSeconds, services.now()).catch(
        () => services.warn?.(`${provider}: an answer could not be cached`),
      );
    }
    return { ...report, provider, searchId: charge.id, retrievedAt, cached: false, costCents: config.rateCents };
  })();
  context.loaders.searches.set(key, search);
  return search;
}
