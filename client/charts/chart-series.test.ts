import { describe, expect, it } from 'vitest';
import type { Bucket } from '../../shared/protocol/api';
import { buildSeries } from './chart-series';
import { parseChartView } from './chart-range';

const bucket = (timestamp: number, high: number | null, low: number | null): Bucket => ({
  timestamp,
  avgHighPrice: high,
  avgLowPrice: low,
  highPriceVolume: high === null ? 0 : 3,
  lowPriceVolume: low === null ? 0 : 2,
});

describe('chart series', () => {
  it('breaks the lines where buckets are missing instead of joining across the gap', () => {
    const series = buildSeries([bucket(3600, 10, 9), bucket(7200, 11, 10), bucket(18000, 12, 11)], '1h');
    expect(series.time).toEqual([3600, 7200, 10800, 18000]);
    expect(series.high).toEqual([10, 11, null, 12]);
    expect(series.volume).toEqual([5, 5, null, 5]);
  });

  it('keeps a leg that did not trade in a bucket as a gap in that line only', () => {
    const series = buildSeries([bucket(300, null, 9), bucket(600, 12, 10)], '5m');
    expect(series.high).toEqual([null, 12]);
    expect(series.low).toEqual([9, 10]);
    expect(series.volume).toEqual([2, 5]);
  });

  it('ignores a bucket repeated out of order', () => {
    expect(buildSeries([bucket(300, 1, 1), bucket(600, 2, 2), bucket(600, 3, 3), bucket(300, 4, 4)], '5m').time).toEqual([300, 600]);
  });

  it('picks the timestep from the range unless the URL names one', () => {
    expect(parseChartView({ range: '1Y' })).toEqual({ range: '1Y', timestep: '24h' });
    expect(parseChartView({ range: '1D', step: '1h' })).toEqual({ range: '1D', timestep: '1h' });
    expect(parseChartView({ range: '5Y', step: '2m' })).toEqual({ range: '1W', timestep: '1h' });
  });
});
