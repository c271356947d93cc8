// When the store lacks history it should fetch from /timeseries: the sync only records 5m and 1h
// windows from the moment it first ran, and 6h/24h only ever arrive through /timeseries.
import { TIMESTEP_SECONDS, type Timestep } from '../../shared/domain/timestep';
import type { Config } from '../config';
import type { BucketRange } from '../store/history-query';

/** One /timeseries call returns up to 365 points today, 300 in the past: count on the lower figure. */
const TIMESERIES_POINTS = 300;

export function retentionSeconds(retention: Config['retention'], timestep: Timestep): number {
  const ms = { '5m': retention.fiveMinuteMs, '1h': retention.oneHourMs, '6h': retention.sixHourMs, '24h': retention.dayMs }[timestep];
  return ms > 0 ? ms / 1000 : Number.POSITIVE_INFINITY;
}

/**
 * True when the stored buckets cover less than half of what one /timeseries call would give
 * (within retention), or the newest is well behind now. Half, not all: the wiki omits buckets with
 * no trades, so a quiet or newly released item never fills the whole span; the caller rate-limits
 * attempts so such an item costs at most one upstream call per interval.
 */
export function lacksHistory(range: BucketRange, timestep: Timestep, now: number, retention: number): boolean {
  if (range.oldest === null || range.newest === null) return true;
  const step = TIMESTEP_SECONDS[timestep];
  const span = Math.min(TIMESERIES_POINTS * step, retention);
  if (range.oldest > now - span / 2) return true;
  return range.newest < now - Math.max(3 * step, 3600);
}

/** How long to wait before asking upstream again for the same item and timestep. */
export function retryAfterSeconds(timestep: Timestep, succeeded: boolean): number {
  if (!succeeded) return 60;
  return Math.min(Math.max(TIMESTEP_SECONDS[timestep], 600), 3600);
}
