// What the device holds of the market for the items its rules watch, as the shared evaluator reads
// it: the latest legs, and the 5-minute and hourly buckets of the last day. Only what is stored: an
// item whose history never reached the device has no averages, and the rules that need them do
// not fire on it.
import { alertMarketItem } from '../../shared/domain/alert-market-buckets';
import type { AlertMarket } from '../../shared/domain/alerts/alert-market';
import { listHistory } from '../db/points';
import { getPrice } from '../db/prices';
import type { GeDb } from '../db/schema';

/** A day and an hour: a full 24 h window whatever the bucket boundaries. */
const SPAN_SECONDS = 25 * 3600;

export async function readDeviceMarket(db: GeDb, itemIds: readonly number[], now: number): Promise<AlertMarket> {
  const from = now - SPAN_SECONDS;
  const entries = await Promise.all(
    itemIds.map(async (itemId) => {
      const [latest, fiveMinute, hourly] = await Promise.all([getPrice(db, itemId), listHistory(db, itemId, '5m', from), listHistory(db, itemId, '1h', from)]);
      return [itemId, alertMarketItem(latest ?? null, fiveMinute, hourly, now)] as const;
    }),
  );
  return new Map(entries);
}
