import { describe, expect, it } from 'vitest';
import { hourAverages, isOffAverage, isThin, isUnstable } from './market-flags';

describe('thin', () => {
  it('flags a 5% or better return on fewer than 100 trades a day', () => {
    expect(isThin(0.3, 12)).toBe(true);
    expect(isThin(0.05, 99)).toBe(true);
    expect(isThin(0.3, null)).toBe(true);
  });

  it('leaves a busy item or a small return alone', () => {
    expect(isThin(0.3, 100)).toBe(false);
    expect(isThin(0.049, 5)).toBe(false);
    expect(isThin(null, 5)).toBe(false);
  });
});

describe('unstable', () => {
  it('flags a leg more than 15% off its 1-hour average', () => {
    expect(isOffAverage(116, 100)).toBe(true);
    expect(isOffAverage(84, 100)).toBe(true);
    expect(isOffAverage(115, 100)).toBe(false);
    expect(isUnstable({ high: 100, low: 50, avgHigh1h: 101, avgLow1h: 80 })).toBe(true);
  });

  it('does not flag what it cannot compare', () => {
    expect(isOffAverage(null, 100)).toBe(false);
    expect(isOffAverage(100, null)).toBe(false);
    expect(isUnstable({ high: 100, low: 90, avgHigh1h: null, avgLow1h: null })).toBe(false);
  });
});

describe('hourAverages', () => {
  const now = 1_760_000_000;
  it('averages each leg over the buckets of the last hour', () => {
    const buckets = [
      { timestamp: now - 7200, avgHighPrice: 500, avgLowPrice: 400 },
      { timestamp: now - 1800, avgHighPrice: 110, avgLowPrice: 100 },
      { timestamp: now - 600, avgHighPrice: 130, avgLowPrice: null },
    ];
    expect(hourAverages(buckets, now)).toEqual({ avgHigh1h: 120, avgLow1h: 100 });
  });

  it('takes a 1h bucket that started just over an hour ago, and nothing older', () => {
    expect(hourAverages([{ timestamp: now - 4000, avgHighPrice: 90, avgLowPrice: 80 }], now)).toEqual({ avgHigh1h: 90, avgLow1h: 80 });
    expect(hourAverages([{ timestamp: now - 9000, avgHighPrice: 90, avgLowPrice: 80 }], now)).toEqual({ avgHigh1h: null, avgLow1h: null });
  });
});
