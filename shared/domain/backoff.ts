// How long to wait before trying again after a failure: exponential, capped, with "equal jitter".
// One rule for the server's upstream retries and the browser's stream reconnects; each caller
// brings its own base and ceiling.

export interface BackoffOptions {
  /** Delay ceiling for the first retry; it doubles with each further one. */
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before retry `retry` (0 for the first). Half of the exponential step is fixed, so retries
 * really back off; half is random, so the many clients that failed together don't retry together.
 * A negative retry counts as the first; a random source out of [0, 1] is clamped.
 */
export function backoffDelay(retry: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(retry, 0), 30);
  const step = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (step / 2) * jitter);
}
