import type { Timestep } from '../../shared/domain/timestep';
import type { Db } from './db';

export interface BucketRecord {
  timestamp: number;
  avgHighPrice: number | null;
  avgLowPrice: number | null;
  highPriceVolume: number;
  lowPriceVolume: number;
}

export interface BucketRange {
  oldest: number | null;
  newest: number | null;
}

/** An item's buckets of one timestep, ascending; only those newer than `since` when given. */
export async function readBuckets(db: Db, itemId: number, timestep: Timestep, since?: number): Promise<BucketRecord[]> {
  let query = db
    .selectFrom('price_buckets')
    .select(['timestamp', 'avg_high', 'avg_low', 'high_volume', 'low_volume'])
    .where('item_id', '=', itemId)
    .where('timestep', '=', timestep);
  if (since !== undefined) query = query.where('timestamp', '>', since);
  const rows = await query.orderBy('timestamp').execute();
  return rows.map((row) => ({
    timestamp: Number(row.timestamp),
    avgHighPrice: row.avg_high,
    avgLowPrice: row.avg_low,
    highPriceVolume: Number(row.high_volume),
    lowPriceVolume: Number(row.low_volume),
  }));
}

/** How much history of one timestep the store holds for an item (served by the primary key). */
export async function readBucketRange(db: Db, itemId: number, timestep: Timestep): Promise<BucketRange> {
  const row = await db
    .selectFrom('price_buckets')
    .select((eb) => [eb.fn.min('timestamp').as('oldest'), eb.fn.max('timestamp').as('newest')])
    .where('item_id', '=', itemId)
    .where('timestep', '=', timestep)
    .executeTakeFirst();
  return {
    oldest: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest),
    newest: row?.newest === null || row?.newest === undefined ? null : Number(row.newest),
  };
}

export interface WindowBucket extends BucketRecord {
  itemId: number;
}

/** Every item's bucket of one window (one timestep, one start), by item id. */
export async function readWindowBuckets(db: Db, timestep: Timestep, timestamp: number): Promise<WindowBucket[]> {
  const rows = await db
    .selectFrom('price_buckets')
    .select(['item_id', 'avg_high', 'avg_low', 'high_volume', 'low_volume'])
    .where('timestep', '=', timestep)
    .where('timestamp', '=', timestamp)
    .orderBy('item_id')
    .execute();
  return rows.map((row) => ({
    itemId: Number(row.item_id),
    timestamp,
    avgHighPrice: row.avg_high,
    avgLowPrice: row.avg_low,
    highPriceVolume: Number(row.high_volume),
    lowPriceVolume: Number(row.low_volume),
  }));
}

/** Every item's buckets of one timestep that start after `since`, by item id then time. */
export async function readBucketsSince(db: Db, timestep: Timestep, since: number): Promise<WindowBucket[]> {
  const rows = await db
    .selectFrom('price_buckets')
    .select(['item_id', 'timestamp', 'avg_high', 'avg_low', 'high_volume', 'low_volume'])
    .where('timestep', '=', timestep)
    .where('timestamp', '>', since)
    .orderBy('item_id')
    .orderBy('timestamp')
    .execute();
  return rows.map((row) => ({
    itemId: Number(row.item_id),
    timestamp: Number(row.timestamp),
    avgHighPrice: row.avg_high,
    avgLowPrice: row.avg_low,
    highPriceVolume: Number(row.high_volume),
    lowPriceVolume: Number(row.low_volume),
  }));
}
