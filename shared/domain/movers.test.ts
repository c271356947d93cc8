import { describe, expect, it } from 'vitest';
import { bucketPrice, rankMovers, summariseSeries } from './movers';

const bucket = (timestamp: number, high: number | null, low: number | null, volume = 10) => ({ timestamp, avgHighPrice: high, avgLowPrice: low, highPriceVolume: volume, lowPriceVolume: volume });

describe('movers', () => {
  it('prices a bucket at the middle of its averages, or the one side it has', () => {
    expect(bucketPrice(bucket(0, 110, 90))).toBe(100);
    expect(bucketPrice(bucket(0, null, 90))).toBe(90);
    expect(bucketPrice(bucket(0, null, null))).toBeNull();
  });

  it('compares the first and last priced buckets inside the period and adds up its volume', () => {
    const end = 10_000;
    const series = [bucket(end - 3600 - 300, 1, 1), bucket(end - 3600, 110, 90), bucket(end - 1800, null, null, 0), bucket(end, 121, 99)];
    expect(summariseSeries(7, series, '1h', end)).toEqual({ itemId: 7, startPrice: 100, endPrice: 110, volume: 40 });
    expect(summariseSeries(7, [bucket(end, 1, 1)], '1h', end)).toBeNull();
  });

  it('ranks risers and fallers, leaving out items under the minimum volume', () => {
    const ranked = rankMovers(
      [
        { itemId: 1, startPrice: 100, endPrice: 150, volume: 5 },
        { itemId: 2, startPrice: 100, endPrice: 120, volume: 500 },
        { itemId: 3, startPrice: 100, endPrice: 110, volume: 500 },
        { itemId: 4, startPrice: 100, endPrice: 80, volume: 500 },
        { itemId: 5, startPrice: 100, endPrice: 100, volume: 500 },
      ],
      100,
    );
    expect(ranked.risers.map((mover) => [mover.itemId, mover.change])).toEqual([
      [2, 0.2],
      [3, 0.1],
    ]);
    expect(ranked.fallers.map((mover) => mover.itemId)).toEqual([4]);
  });
});
