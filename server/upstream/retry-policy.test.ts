import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, retryDelay } from './retry-policy';

const options = { baseMs: 500, maxMs: 30_000 };

describe('retry policy', () => {
  it('doubles the delay with each attempt, between half and all of the exponential value', () => {
    expect(backoffDelay(0, options, () => 0)).toBe(250);
    expect(backoffDelay(0, options, () => 1)).toBe(500);
    expect(backoffDelay(3, options, () => 0)).toBe(2000);
    expect(backoffDelay(3, options, () => 1)).toBe(4000);
  });

  it('never waits longer than the cap', () => {
    expect(backoffDelay(20, options, () => 1)).toBe(30_000);
  });

  it('reads Retry-After given in seconds or as an HTTP date', () => {
    const now = Date.parse('2025-05-26T07:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Mon, 26 May 2025 07:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 26 May 2025 06:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('waits what the server asked for instead of its own backoff', () => {
    expect(retryDelay(0, 5000, options, () => 0)).toBe(5000);
    expect(retryDelay(2, undefined, options, () => 0)).toBe(1000);
  });
});
