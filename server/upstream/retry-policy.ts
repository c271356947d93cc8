// How long to wait before the next attempt. Pure functions so the policy is unit-tested without
// clocks or sockets.
import { backoffDelay, type BackoffOptions } from '../../shared/domain/backoff';

// The backoff itself is the one shared with the browser's reconnects; named here for this module's callers.
export { backoffDelay, type BackoffOptions };

/** Retry-After as milliseconds: either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** The wait before retrying: the server's Retry-After when given (it knows best), else backoff. */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  return backoffDelay(attempt, options, random);
}
