import { ExponentialBackoff, type IBackoff, type IBackoffFactory, type IRetryBackoffContext } from 'cockatiel';
import { ProviderFailure } from './ProviderFailure';

type Context = IRetryBackoffContext<unknown>;

/**
 * cockatiel's exponential backoff with decorrelated jitter, except that a provider's own
 * `Retry-After` is honoured as given: asking sooner would only be refused again.
 */
export class RetryAfterBackoff implements IBackoffFactory<Context> {
  constructor(private readonly fallback: IBackoffFactory<unknown> = new ExponentialBackoff({ initialDelay: 100, maxDelay: 2_000 })) {}

  next(context: Context): IBackoff<Context> {
    const exponential = this.fallback.next(context);
    const error = 'error' in context.result ? context.result.error : undefined;
    const asked = error instanceof ProviderFailure ? error.details.retryAfterMs : undefined;
    return {
      duration: asked ?? exponential.duration,
      next: (later: Context) => new RetryAfterBackoff(exponential).next(later),
    };
  }
}
