import type { CommercialProvider } from './providers/providerNames';
import type { Database } from '../../platform/storage/Database';

/**
 * [P3] Commercial data is licensed per user: the providers each user holds a seat for on
 * `today` (a seat may be granted until a day). One statement for every user asked in a tick.
 */
export async function seatsOf(db: Database, userIds: readonly string[], today: string): Promise<Map<string, Set<CommercialProvider>>> {
  const rows = await db.query<{ user_id: string; provider: CommercialProvider }>(
    'SELECT user_id, provider FROM seat WHERE user_id = ANY($1::text[]) AND granted_on <= $2::date AND (expires_on IS NULL OR expires_on >= $2::date)',
    [userIds as string[], today],
  );
  const seats = new Map(userIds.map((id) => [id, new Set<CommercialProvider>()]));
  for (const row of rows) seats.get(row.user_id)?.add(row.provider);
  return seats;
}
