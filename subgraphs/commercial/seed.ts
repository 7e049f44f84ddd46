import type { Database } from '../../platform/storage/Database';
import { insertRows } from '../../platform/storage/insertRows';
import type { CommercialProvider } from './providers/providerNames';

/**
 * Seats and budgets of the seeded users (SPEC §5: `detective` is the investigator with
 * commercial seats). Held in this subgraph's store: licences and money are the commercial
 * sources' own business, not the directory's.
 */
export const SEED_SEATS: readonly [userId: string, providers: readonly CommercialProvider[]][] = [
  ['detective', ['TLO', 'WHOOSTER', 'ACCURINT', 'SKOPENOW', 'LEADS_ONLINE']],
  ['intel', ['TLO', 'ACCURINT', 'SKOPENOW']],
];

/** Monthly budgets in cents. */
export const SEED_BUDGETS: readonly [command: string, cents: number][] = [
  ['075 DET SQUAD', 50_000],
  ['INTELLIGENCE DIVISION', 100_000],
];

export async function seedCommercial(db: Database): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  const seats = SEED_SEATS.flatMap(([userId, providers]) => providers.map((provider) => [userId, provider, today, null]));
  await insertRows(db, 'seat', [
    { name: 'user_id', type: 'text' }, { name: 'provider', type: 'text' }, { name: 'granted_on', type: 'date' }, { name: 'expires_on', type: 'date' },
  ], seats);
  await insertRows(db, 'command_budget', [{ name: 'command', type: 'text' }, { name: 'monthly_budget_cents', type: 'int' }], SEED_BUDGETS);
}
