// Price buckets per (item, timestep, timestamp). Writes are upserts, so a window or a timeseries
// delivered twice overwrites itself instead of duplicating.
import { sql } from 'kysely';
import { TIMESTEP_SECONDS, type Timestep } from '../../shared/domain/timestep';
import type { Db } from './db';
import { insertRows, type BulkTarget } from './bulk-insert';

export interface BucketInput {
  itemId: number;
  timestamp: number;
  avgHigh: number | null;
  avgLow: number | null;
  highVolume: number;
  lowVolume: number;
}

const BUCKETS: BulkTarget = {
  table: 'price_buckets',
  columns: [
    ['item_id', 'int4'], ['timestep', 'text'], ['timestamp', 'int8'], ['avg_high', 'int8'], ['avg_low', 'int8'],
    ['high_volume', 'int8'], ['low_volume', 'int8'],
  ],
  keyWidth: 3,
};

export async function upsertBuckets(db: Db, timestep: Timestep, buckets: readonly BucketInput[]): Promise<void> {
  await insertRows(
    db,
    BUCKETS,
    buckets.map((b) => [b.itemId, timestep, b.timestamp, b.avgHigh, b.avgLow, b.highVolume, b.lowVolume]),
    `on conflict (item_id, timestep, timestamp) do update set
      avg_high = excluded.avg_high, avg_low = excluded.avg_low,
      high_volume = excluded.high_volume, low_volume = excluded.low_volume`,
  );
}

/** One item's /timeseries in one short transaction; hours also refresh the 6h and 24h buckets they feed. */
export async function storeSeries(db: Db, itemId: number, timestep: Timestep, buckets: readonly BucketInput[]): Promise<void> {
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  await db.transaction().execute(async (trx) => {
    await upsertBuckets(trx, timestep, buckets);
    if (timestep === '1h' && first && last) {
      await rollupHourly(trx, '6h', first.timestamp, last.timestamp + 3600, itemId);
      await rollupHourly(trx, '24h', first.timestamp, last.timestamp + 3600, itemId);
    }
  });
}

/**
 * Recomputes the 6h or 24h buckets overlapping [from, to) from the stored 1h buckets:
 * volume-weighted average per side, null where that side's volume is 0. A rollup never replaces
 * a bucket holding more volume than it found: that bucket came from the wiki's own /timeseries
 * and covers hours this store missed.
 */
export async function rollupHourly(db: Db, target: '6h' | '24h', from: number, to: number, itemId?: number): Promise<void> {
  const size = TIMESTEP_SECONDS[target];
  const start = from - (from % size);
  const end = to % size === 0 ? to : to - (to % size) + size;
  const onlyItem = itemId === undefined ? sql`` : sql`and item_id = ${itemId}`;
  await sql`
    insert into price_buckets (item_id, timestep, timestamp, avg_high, avg_low, high_volume, low_volume)
    select item_id, ${target}, timestamp - (timestamp % ${size}) as bucket,
      case when sum(high_volume) > 0 then cast(round(sum(avg_high * 1.0 * high_volume) / sum(high_volume)) as bigint) end,
      case when sum(low_volume) > 0 then cast(round(sum(avg_low * 1.0 * low_volume) / sum(low_volume)) as bigint) end,
      sum(high_volume), sum(low_volume)
    from price_buckets
    where timestep = '1h' and timestamp >= ${start} and timestamp < ${end} ${onlyItem}
    group by item_id, bucket
    having sum(high_volume) + sum(low_volume) > 0
    on conflict (item_id, timestep, timestamp) do update set
      avg_high = excluded.avg_high, avg_low = excluded.avg_low,
      high_volume = excluded.high_volume, low_volume = excluded.low_volume
    where excluded.high_volume + excluded.low_volume >= price_buckets.high_volume + price_buckets.low_volume`.execute(db);
}

/** Deletes buckets of `timestep` that start before `before` (unix seconds); returns how many. */
export async function pruneBuckets(db: Db, timestep: Timestep, before: number): Promise<number> {
  const result = await db
    .deleteFrom('price_buckets')
    .where('timestep', '=', timestep)
    .where('timestamp', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
