import { describe, expect, it } from 'vitest';
import type { Bucket } from '../../shared/protocol/api';
import { buildSeries } from '../charts/chart-series';
import { addLivePoint, pointsAfter, toLivePoint, withLivePoints, type LivePoint } from './live-buffer';

const bucket = (timestamp: number, high: number): Bucket => ({ timestamp, avgHighPrice: high, avgLowPrice: high - 10, highPriceVolume: 2, lowPriceVolume: 1 });
const point = (time: number, high: number): LivePoint => ({ time, high, low: high - 5 });

function fill(points: LivePoint[]): LivePoint[] {
  return points.reduce<LivePoint[]>((buffer, p) => addLivePoint(buffer, p), []);
}

describe("the chart's live buffer", () => {
  it('draws prices that arrived live after the last history bucket', () => {
    const history = buildSeries([bucket(3000, 100), bucket(3300, 110)], '5m');
    const live = fill([point(3610, 120), point(3670, 125)]);
    const series = withLivePoints(history, live, '5m');
    expect(series.time).toEqual([3000, 3300, 3610, 3670]);
    expect(series.high).toEqual([100, 110, 120, 125]);
    expect(series.volume).toEqual([3, 3, null, null]);
  });

  it('drops the live points a newly arrived bucket covers, keeping the ones after it', () => {
    const live = fill([point(3610, 120), point(3670, 125), point(3905, 130)]);
    const series = withLivePoints(buildSeries([bucket(3300, 110), bucket(3600, 122)], '5m'), live, '5m');
    expect(series.time).toEqual([3300, 3600, 3905]);
    expect(series.high).toEqual([110, 122, 130]);
    expect(pointsAfter(live, 3600, '5m')).toEqual([point(3905, 130)]);
  });

  it('breaks the line when live prices resume long after the last bucket', () => {
    const series = withLivePoints(buildSeries([bucket(3000, 100)], '5m'), [point(5000, 150)], '5m');
    expect(series.time).toEqual([3000, 3301, 5000]);
    expect(series.high).toEqual([100, null, 150]);
  });

  it('shows live prices alone when the item has no history yet', () => {
    const series = withLivePoints(buildSeries([], '1h'), fill([point(60, 1), point(120, 2)]), '1h');
    expect(series.time).toEqual([60, 120]);
  });

  it('keeps points in time order, one per second, and at most the newest few', () => {
    const buffer = fill([point(30, 1), point(10, 2), point(20, 3), point(20, 4)]);
    expect(buffer.map((p) => [p.time, p.high])).toEqual([[10, 2], [20, 4], [30, 1]]);
    expect(addLivePoint(buffer, point(40, 5), 2).map((p) => p.time)).toEqual([30, 40]);
  });

  it('places a change at the time the server committed it', () => {
    const record = { itemId: 2, high: 200, low: 190, highTime: 1, lowTime: 1, seq: 4 };
    expect(toLivePoint({ record, at: 1_748_242_861_500 })).toEqual({ time: 1_748_242_861, high: 200, low: 190 });
  });
});
