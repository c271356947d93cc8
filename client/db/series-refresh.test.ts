import { describe, expect, it } from 'vitest';
import { refreshSince } from './series-refresh';

/** A UTC midnight. */
const DAY0 = 1_748_217_600;

describe('which buckets a refresh asks for', () => {
  it('asks from the older of the newest stored bucket and the oldest change, including both', () => {
    // Buckets newer than `since` come back.
    expect(refreshSince(DAY0 + 900, DAY0 + 300)).toBe(DAY0 + 299);
    expect(refreshSince(DAY0 + 900, DAY0 + 1200)).toBe(DAY0 + 899);
    expect(refreshSince(DAY0 + 900, undefined)).toBe(DAY0 + 899);
  });
});
