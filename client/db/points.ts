// History buckets per (item, timestep, timestamp). The key is the bucket's identity, so writing
// a bucket again (a retried request, the page and the service worker both storing one answer)
// overwrites it instead of duplicating it.
import type { Bucket } from '../../shared/protocol/api';
import type { Timestep } from '../../shared/domain/timestep';
import { isPointRecord, type PointRecord } from './records';
import { keepValid } from './guards';
import { coverageKey } from './meta';
import { withQuotaRetry } from './quota';
import type { GeDb } from './schema';

export interface StoreHistoryOptions {
  /** The answer holds every bucket the server keeps (the request had no `since`). */
  full: boolean;
  at: number;
}

export async function storeHistory(
  db: GeDb,
  itemId: number,
  timestep: Timestep,
  buckets: readonly Bucket[],
  options: StoreHistoryOptions,
): Promise<void> {
  await withQuotaRetry(db, async () => {
    const tx = db.transaction(['points', 'meta'], 'readwrite');
    const points = tx.objectStore('points');
    for (const bucket of buckets) {
      const record: PointRecord = { itemId, timestep, ...bucket };
      void points.put(record);
    }
    if (options.full) void tx.objectStore('meta').put({ fullAt: options.at }, coverageKey(itemId, timestep));
    await tx.done;
  });
}

function seriesRange(itemId: number, timestep: Timestep, from: number): IDBKeyRange {
  return IDBKeyRange.bound([itemId, timestep, from], [itemId, timestep, Infinity]);
}

/** Buckets at or after `from` (unix seconds), oldest first. */
export async function listHistory(db: GeDb, itemId: number, timestep: Timestep, from = 0): Promise<Bucket[]> {
  const rows = keepValid(isPointRecord, await db.getAll('points', seriesRange(itemId, timestep, from)));
  return rows.map(({ timestamp, avgHighPrice, avgLowPrice, highPriceVolume, lowPriceVolume }) => ({
    timestamp,
    avgHighPrice,
    avgLowPrice,
    highPriceVolume,
    lowPriceVolume,
  }));
}

/** Timestamp of the newest stored bucket, or null when the series is empty. */
export async function newestBucketTime(db: GeDb, itemId: number, timestep: Timestep): Promise<number | null> {
  const cursor = await db.transaction('points').store.openCursor(seriesRange(itemId, timestep, 0), 'prev');
  const key = cursor?.primaryKey;
  return key ? key[2] : null;
}
