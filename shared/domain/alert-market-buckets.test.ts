import { describe, expect, it } from 'vitest';
import { alertMarketItem, weightedAverages } from './alert-market-buckets';

const NOW = 1_800_000_000;
const bucket = (timestamp: number, avgHighPrice: number | null, highPriceVolume: number, avgLowPrice: number | null, lowPriceVolume: number) => ({ timestamp, avgHighPrice, highPriceVolume, avgLowPrice, lowPriceVolume });

describe('an item’s alert market from stored buckets', () => {
  it('takes the newest 5-minute window, the newest hour and the 24 hours ending with it, weighted by volume', () => {
    // The bucket 24 hours before the newest hour is outside its day, as on the server.
    const hours = [bucket(NOW - 3 * 3600, 100, 1, 90, 3), bucket(NOW - 3600, 110, 3, 80, 1), bucket(NOW - 25 * 3600, 999, 100, 999, 100)];
    const item = alertMarketItem({ high: 120, highTime: NOW - 10, low: 85, lowTime: NOW - 20 }, [bucket(NOW - 600, 1, 1, 1, 1), bucket(NOW - 300, 118, 4, 86, 2)], hours, NOW);
    expect(item).toEqual({
      high: 120,
      highTime: NOW - 10,
      low: 85,
      lowTime: NOW - 20,
      window5m: bucket(NOW - 300, 118, 4, 86, 2),
      avg1h: { high: 110, low: 80 },
      avg24h: { high: 107.5, low: 87.5 },
      volume24h: 8,
    });
  });

  it('leaves out what the device does not hold: no hour older than two hours, no averages without volume', () => {
    const hours = [bucket(NOW - 5 * 3600, 10, 1, 20, 1)];
    expect(alertMarketItem(null, [], hours, NOW)).toMatchObject({ high: null, low: null, window5m: null, avg1h: null, avg24h: null, volume24h: null });
    const item = alertMarketItem(null, [], [bucket(NOW - 3600, null, 0, 50, 2)], NOW);
    expect(item).toMatchObject({ avg1h: { high: null, low: 50 }, avg24h: { high: null, low: 50 }, volume24h: 2 });
    expect(alertMarketItem(null, [], [], NOW)).toMatchObject({ avg24h: null, volume24h: null });
    expect(weightedAverages([bucket(1, 10, 0, null, 0)])).toEqual({ high: null, low: null });
  });
});
