// Per item over one period: the first and last priced bucket and the volume traded, in three
// grouped reads over the (timestep, timestamp) index rather than every bucket into memory.
import { sql } from 'kysely';
import type { MoverSummary } from '../../shared/domain/movers';
import type { Timestep } from '../../shared/domain/timestep';
import type { Db } from './db';

/** Start of the newest stored bucket of a timestep: what changes once per sync. */
export async function readNewestBucket(db: Db, timestep: Timestep): Promise<number | null> {
  const row = await db.selectFrom('price_buckets').select((eb) => eb.fn.max('timestamp').as('newest')).where('timestep', '=', timestep).executeTakeFirst();
  return row?.newest === null || row?.newest === undefined ? null : Number(row.newest);
}

interface SummaryRow {
  item_id: number;
  volume: number;
  start_price: number;
  end_price: number;
  start_time: number;
  end_time: number;
}

/** Summaries over [end − seconds, end]; SQLite takes the bare `price` from the min/max row. */
export async function readMoverSummaries(db: Db, timestep: Timestep, seconds: number, end: number): Promise<MoverSummary[]> {
  const result = await sql<SummaryRow>`
    with w as (
      select item_id, timestamp, high_volume + low_volume as volume,
        case when avg_high is null and avg_low is null then null
             else (coalesce(avg_high, avg_low) + coalesce(avg_low, avg_high)) / 2.0 end as price
      from price_buckets
      where timestep = ${timestep} and timestamp >= ${end - seconds} and timestamp <= ${end}
    )
    select v.item_id, v.volume, s.price as start_price, e.price as end_price, s.t as start_time, e.t as end_time
    from (select item_id, sum(volume) as volume from w group by item_id) v
    join (select item_id, price, min(timestamp) as t from w where price is not null group by item_id) s on s.item_id = v.item_id
    join (select item_id, price, max(timestamp) as t from w where price is not null group by item_id) e on e.item_id = v.item_id
  `.execute(db);
  return result.rows
    .filter((row) => row.start_time !== row.end_time)
    .map((row) => ({ itemId: Number(row.item_id), startPrice: Number(row.start_price), endPrice: Number(row.end_price), volume: Number(row.volume) }));
}
