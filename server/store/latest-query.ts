import type { PriceChange } from '../price-changes';
import type { Db } from './db';

/** An item's latest legs and the seq of its last change: the same shape the sync announces. */
export type LatestRecord = PriceChange;

/** Latest prices of every item, or only those whose last change has a seq above `afterSeq`. */
export async function readLatestPrices(db: Db, afterSeq?: number): Promise<LatestRecord[]> {
  let query = db.selectFrom('latest_prices').select(['item_id', 'high', 'high_time', 'low', 'low_time', 'seq']);
  if (afterSeq !== undefined) query = query.where('seq', '>', afterSeq);
  const rows = await query.orderBy('item_id').execute();
  return rows.map((row) => ({
    itemId: row.item_id,
    high: row.high,
    highTime: row.high_time,
    low: row.low,
    lowTime: row.low_time,
    seq: Number(row.seq),
  }));
}
