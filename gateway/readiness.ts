import { request, type Dispatcher } from 'undici';
import type { SubgraphEndpoint } from '../schema/composeSupergraph';

export interface Readiness {
  ready: boolean;
  subgraphs: Record<string, 'up' | 'down'>;
}

/** Ready when every subgraph answers its `/healthz` (which itself checks its store). */
export async function checkReadiness(subgraphs: readonly SubgraphEndpoint[], dispatcher?: Dispatcher, timeoutMs = 2000): Promise<Readiness> {
  const results = await Promise.all(
    subgraphs.map(async ({ name, url }) => {
      try {
        const health = new URL('/healthz', url);
        const response = await request(health, { dispatcher, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
        await response.body.dump();
        return [name, response.statusCode === 200 ? 'up' : 'down'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  return { ready: results.every(([, state]) => state === 'up'), subgraphs: Object.fromEntries(results) };
}
