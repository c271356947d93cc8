// History buckets to uPlot's column arrays. A missing bucket becomes a null so the lines break
// there (uPlot draws nulls as gaps), instead of a straight line across hours without trades.
import { TIMESTEP_SECONDS, type Timestep } from '../../shared/domain/timestep';
import type { Bucket } from '../../shared/protocol/api';

export interface ChartSeries {
  time: number[];
  high: (number | null)[];
  low: (number | null)[];
  volume: (number | null)[];
}

export function buildSeries(buckets: readonly Bucket[], timestep: Timestep): ChartSeries {
  const step = TIMESTEP_SECONDS[timestep];
  const series: ChartSeries = { time: [], high: [], low: [], volume: [] };
  let previous: number | null = null;
  for (const bucket of buckets) {
    if (previous !== null && bucket.timestamp <= previous) continue;
    // One null at the first missing bucket is enough to break the line; no need to fill them all.
    if (previous !== null && bucket.timestamp - previous > step) {
      series.time.push(previous + step);
      series.high.push(null);
      series.low.push(null);
      series.volume.push(null);
    }
    series.time.push(bucket.timestamp);
    series.high.push(bucket.avgHighPrice);
    series.low.push(bucket.avgLowPrice);
    series.volume.push(bucket.highPriceVolume + bucket.lowPriceVolume);
    previous = bucket.timestamp;
  }
  return series;
}
