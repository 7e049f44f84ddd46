import { Agent, request } from 'undici';
import type { GraphQLResponse } from './startTestSubgraph';

/** One answer the load client received. */
export interface ReceivedAnswer {
  status: number;
  requestId: string | null;
  body: GraphQLResponse;
  /** Milliseconds from the request's start to its whole answer. */
  ms: number;
}

export interface Load {
  answers: ReceivedAnswer[];
  /** Requests that got no HTTP answer at all (refused, reset, cut mid-way). */
  failures: { message: string }[];
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<void>;
}

/**
 * Keeps `concurrency` requests in flight against a URL (keep-alive connections, as a real
 * client pool), until stopped; keeps every answer with its `x-request-id`.
 */
export function driveLoad(url: string, headers: Record<string, string>, body: (i: number) => string, concurrency: number): Load {
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });
  const answers: ReceivedAnswer[] = [];
  const failures: { message: string }[] = [];
  let running = true;
  let sent = 0;
  const worker = async () => {
    while (running) {
      const startedAt = performance.now();
      try {
        const response = await request(url, {
          dispatcher: agent,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: body(sent++),
        });
        const text = await response.body.text();
        const requestId = response.headers['x-request-id'];
        answers.push({
          status: response.statusCode,
          requestId: typeof requestId === 'string' ? requestId : null,
          body: text ? (JSON.parse(text) as GraphQLResponse) : {},
          ms: performance.now() - startedAt,
        });
      } catch (error) {
        failures.push({ message: error instanceof Error ? error.message : String(error) });
        // A refused connection fails at once: do not spin.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  return {
    answers,
    failures,
    async stop() {
      running = false;
      await Promise.all(workers);
      await agent.close();
    },
  };
}

/** Resolves once `condition` holds, polling; rejects after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
