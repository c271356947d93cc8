// /timeseries for one item and timestep: the points retention keeps, stored (for hours with the
// 6h and 24h rollups they feed) once the fetch is done, never during it.
import { storeSeries, type BucketInput } from '../store/buckets-repo';
import type { JobContext } from './job-context';
import type { Timestep } from '../../shared/domain/timestep';

export interface TimeseriesJobDeps extends Pick<JobContext, 'db' | 'client' | 'logger' | 'now'> {
  /** Seconds of history kept for this timestep (Infinity: forever); older points are not written. */
  retentionSeconds: number;
}

export async function syncTimeseries(deps: TimeseriesJobDeps, itemId: number, timestep: Timestep): Promise<void> {
  const series = await deps.client.timeseries(itemId, timestep);
  const cutoff = Math.floor(deps.now() / 1000) - deps.retentionSeconds;
  const buckets: BucketInput[] = series.data
    .filter((p) => p.timestamp >= cutoff)
    .map((p) => ({
      itemId,
      timestamp: p.timestamp,
      avgHigh: p.avgHighPrice,
      avgLow: p.avgLowPrice,
      highVolume: p.highPriceVolume,
      lowVolume: p.lowPriceVolume,
    }));
  await storeSeries(deps.db, itemId, timestep, buckets);
  deps.logger.debug({ itemId, timestep, points: buckets.length }, 'history backfilled');
}
