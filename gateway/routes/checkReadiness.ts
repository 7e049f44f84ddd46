import { request, type Dispatcher } from 'undici';
import type { SubgraphEndpoint } from '../../schema/composeSupergraph';

export interface Readiness {
  ready: boolean;
  /**
   * `degraded`: the gateway serves, but the subgraphs in `down` do not answer (a restarting
   * one under `npm start`); fields from them fail while the others answer.
   */
  status: 'ready' | 'degraded';
  down: string[];
  subgraphs: Record<string, 'up' | 'down'>;
}

/** Ready when every subgraph answers its `/healthz` (which itself checks its store); degraded otherwise. */
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
  const down = results.filter(([, state]) => state === 'down').map(([name]) => name);
  return { ready: down.length === 0, status: down.length ? 'degraded' : 'ready', down, subgraphs: Object.fromEntries(results) };
}
