import { rateLimited } from '../../../platform/errors/ErrorCode';
import type { Stage } from '../Stage';
import type { RateLimit } from '../../../platform/config/loadLimitsConfig';
import { RateLimiter } from './RateLimiter';

/** Requests per user and replica (none when no limit is configured): first after authentication, so a caller over its rate costs nothing more. */
export function rateLimitStage(options: { limit: RateLimit | undefined; refused: () => void }): Stage {
  if (!options.limit) return { name: 'rateLimit' };
  const limit = options.limit;
  const limiter = new RateLimiter(limit);
  return {
    name: 'rateLimit',
    onRequest({ context }) {
      const decision = limiter.take(context.subject!.id);
      if (decision.allowed) return;
      options.refused();
      throw rateLimited(`too many requests: at most ${limit.perMinute} a minute; retry in ${decision.retryAfterSeconds} s`, decision.retryAfterSeconds);
    },
  };
}
