import { describe, expect, it } from 'vitest';
import { bucketStart, isTimestep, TIMESTEP_SECONDS } from './timestep';

describe('timesteps', () => {
  it('know the four steps of the wiki timeseries and nothing else', () => {
    for (const step of ['5m', '1h', '6h', '24h']) expect(isTimestep(step)).toBe(true);
    for (const value of ['10m', '1d', '', 5, null, '5M']) expect(isTimestep(value)).toBe(false);
    expect(TIMESTEP_SECONDS['6h']).toBe(21_600);
  });

  it('floor a time to the UTC-aligned start of its bucket', () => {
    const at = (iso: string): number => Date.parse(iso) / 1000;
    const t = at('2025-05-26T07:02:12Z');
    expect(bucketStart(t, '5m')).toBe(at('2025-05-26T07:00:00Z'));
    expect(bucketStart(at('2025-05-26T06:55:00Z'), '5m')).toBe(at('2025-05-26T06:55:00Z'));
    expect(bucketStart(at('2025-05-26T06:59:59Z'), '1h')).toBe(at('2025-05-26T06:00:00Z'));
    expect(bucketStart(at('2025-05-26T05:59:59Z'), '6h')).toBe(at('2025-05-26T00:00:00Z'));
    expect(bucketStart(t, '6h')).toBe(at('2025-05-26T06:00:00Z'));
    expect(bucketStart(t, '24h')).toBe(at('2025-05-26T00:00:00Z'));
  });
});
