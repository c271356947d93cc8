// When to try the stream again after it failed or closed: the shared backoff (shared/domain/backoff.ts)
// with the stream's own base and ceiling, so that every browser cut by one server restart does not
// come back in the same instant, and never sooner than the server asked.
import { backoffDelay, type BackoffOptions } from '../../shared/domain/backoff';

export const STREAM_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 30_000 };

/**
 * Delay before reconnect attempt `attempt` (1 for the first retry; less counts as 1).
 * `floorMs` is the server's own hint (a `timeout` event's retry_ms, a Retry-After): never sooner,
 * though never beyond the ceiling either.
 */
export function reconnectDelay(attempt: number, options: BackoffOptions = STREAM_BACKOFF, random: () => number = Math.random, floorMs = 0): number {
  return Math.max(backoffDelay(attempt - 1, options, random), Math.round(Math.min(floorMs, options.maxMs)));
}
