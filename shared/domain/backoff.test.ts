import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const options = { baseMs: 1_000, maxMs: 8_000 };

describe('backoff', () => {
  it('doubles with each retry, between half and all of the step, up to the ceiling', () => {
    expect([0, 1, 2, 3, 4].map((retry) => backoffDelay(retry, options, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect([0, 1, 2, 3, 4].map((retry) => backoffDelay(retry, options, () => 0))).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
  });

  it('treats a negative retry as the first and clamps a random source out of range', () => {
    expect(backoffDelay(-2, options, () => 9)).toBe(1_000);
    expect(backoffDelay(0, options, () => -1)).toBe(500);
  });
});
