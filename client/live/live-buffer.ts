// The chart's live buffer: prices that arrived over the stream, drawn after the last history
// bucket so the line reaches "now". A point is only a stand-in: once the history bucket that
// covers its time arrives, the bucket is drawn and the point is dropped.
import { TIMESTEP_SECONDS, type Timestep } from '../../shared/domain/timestep';
import type { ChartSeries } from '../charts/chart-series';
import type { LiveChange } from './live-applier';

export interface LivePoint {
  /** Unix seconds the server committed the price. */
  time: number;
  high: number | null;
  low: number | null;
}

/** About a day of minute syncs: enough for any chart, bounded for a tab left open for weeks. */
export const LIVE_BUFFER_MAX = 1_500;

export function toLivePoint(change: LiveChange): LivePoint {
  return { time: Math.floor(change.at / 1000), high: change.record.high, low: change.record.low };
}

/** Adds a point in time order; a second point at the same second replaces the first. */
export function addLivePoint(points: readonly LivePoint[], point: LivePoint, max = LIVE_BUFFER_MAX): LivePoint[] {
  const next = points.filter((p) => p.time !== point.time);
  let at = next.length;
  while (at > 0 && (next[at - 1]?.time ?? 0) > point.time) at -= 1;
  next.splice(at, 0, point);
  return next.length > max ? next.slice(next.length - max) : next;
}

/** The points a bucket that starts at `lastBucket` does not cover yet (all of them without history). */
export function pointsAfter(points: readonly LivePoint[], lastBucket: number | null, timestep: Timestep): LivePoint[] {
  if (lastBucket === null) return [...points];
  const end = lastBucket + TIMESTEP_SECONDS[timestep];
  return points.filter((p) => p.time >= end);
}

/** The newest real bucket time in a series (the tail may hold gap markers, which are not buckets). */
function lastBucketTime(series: ChartSeries): number | null {
  for (let i = series.time.length - 1; i >= 0; i -= 1) {
    if (series.volume[i] !== null) return series.time[i] ?? null;
  }
  return null;
}

/**
 * History plus the live points after it. Like missing buckets, a stretch longer than a step with
 * neither buckets nor live points breaks the line rather than bridging it.
 */
export function withLivePoints(series: ChartSeries, points: readonly LivePoint[], timestep: Timestep): ChartSeries {
  const step = TIMESTEP_SECONDS[timestep];
  const last = lastBucketTime(series);
  const live = pointsAfter(points, last, timestep);
  if (live.length === 0) return series;
  const out: ChartSeries = { time: [...series.time], high: [...series.high], low: [...series.low], volume: [...series.volume] };
  const push = (time: number, high: number | null, low: number | null): void => {
    out.time.push(time);
    out.high.push(high);
    out.low.push(low);
    out.volume.push(null);
  };
  // Where the drawn line ends: the end of the last bucket, then each live point.
  let lineEnd = last === null ? null : last + step;
  for (const point of live) {
    if ((out.time.at(-1) ?? -Infinity) >= point.time) continue;
    if (lineEnd !== null && point.time - lineEnd > step) push(lineEnd + 1, null, null);
    push(point.time, point.high, point.low);
    lineEnd = point.time;
  }
  return out;
}
