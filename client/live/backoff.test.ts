import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff';

const options = { baseMs: 1_000, maxMs: 30_000 };
const low = () => 0;
const high = () => 1;

describe('reconnect backoff', () => {
  it('waits about twice as long after each failed attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => reconnectDelay(attempt, options, high))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3, 4].map((attempt) => reconnectDelay(attempt, options, low))).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it('never waits longer than the ceiling however many attempts failed', () => {
    expect(reconnectDelay(6, options, high)).toBe(30_000);
    expect(reconnectDelay(500, options, high)).toBe(30_000);
    expect(reconnectDelay(500, options, low)).toBe(15_000);
  });

  it('spreads clients that failed together over half of each step', () => {
    const delays = Array.from({ length: 200 }, () => reconnectDelay(3, options));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(4_000);
    expect(new Set(delays).size).toBeGreaterThan(50);
  });

  it('honours the server asking for a longer wait, within the ceiling', () => {
    expect(reconnectDelay(1, options, low, 5_000)).toBe(5_000);
    expect(reconnectDelay(4, options, high, 5_000)).toBe(8_000);
    expect(reconnectDelay(1, options, low, 3_600_000)).toBe(30_000);
  });

  it('treats a zero or negative attempt as the first retry and ignores a random source out of range', () => {
    expect(reconnectDelay(0, options, high)).toBe(1_000);
    expect(reconnectDelay(-3, options, () => 7)).toBe(1_000);
    expect(reconnectDelay(1, options, () => -2)).toBe(500);
  });
});
