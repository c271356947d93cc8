// When to try the stream again after it failed or closed. Exponential, capped, with jitter so
// that every browser cut by one server restart does not come back in the same instant.

export interface BackoffOptions {
  /** Delay ceiling for the first retry; it doubles with each failed attempt. */
  baseMs: number;
  maxMs: number;
}

export const STREAM_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 30_000 };

/**
 * Delay before reconnect attempt `attempt` (1 for the first retry). "Equal jitter": half of the
 * exponential step is fixed, half is random, so the delay grows reliably yet clients spread out.
 * `floorMs` is the server's own hint (a `timeout` event's retry_ms, a Retry-After): never sooner.
 */
export function reconnectDelay(attempt: number, options: BackoffOptions = STREAM_BACKOFF, random: () => number = Math.random, floorMs = 0): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const step = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const jitter = Math.min(Math.max(random(), 0), 1);
  const delay = step / 2 + (step / 2) * jitter;
  return Math.round(Math.max(delay, Math.min(floorMs, options.maxMs)));
}
