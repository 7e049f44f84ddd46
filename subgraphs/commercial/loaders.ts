import DataLoader from 'dataloader';
import type { CommercialProvider } from './providers/providerNames';
import type { Database } from '../../platform/storage/Database';
import { reserveCharges, type ChargeDecision, type ChargeRequest } from './chargeLedger';
import type { SearchResult } from './SearchResult';
import { readCacheRows, type CacheRow } from './searchCache';
import { seatsOf } from './seats';

/**
 * Per-request loaders: seats, cache rows and budget reservations of every search resolved in
 * one tick are fetched or written with one statement (one transaction) each, however many
 * providers and persons the operation asks for.
 */
export interface CommercialLoaders {
  seats: DataLoader<string, ReadonlySet<CommercialProvider>>;
  cache: DataLoader<string, CacheRow | null>;
  charges: DataLoader<ChargeRequest, ChargeDecision>;
  /** This request's searches by cache key: asked twice (aliases, the same person twice), searched and charged once. */
  searches: Map<string, Promise<SearchResult>>;
}

export function createLoaders(db: Database, now: () => Date): CommercialLoaders {
  return {
    seats: new DataLoader(async (userIds) => {
      const seats = await seatsOf(db, userIds, now().toISOString().slice(0, 10));
      return userIds.map((id) => seats.get(id) ?? new Set());
    }),
    cache: new DataLoader(async (keys) => {
      const rows = await readCacheRows(db, keys, now());
      const byKey = new Map(rows.map((row) => [row.key, row]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
    charges: new DataLoader((requests) => reserveCharges(db, requests, now()), { cache: false }),
    searches: new Map(),
  };
}
