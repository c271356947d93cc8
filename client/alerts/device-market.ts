// What the device holds of the market for the items its rules watch: the latest legs, and the
// 5-minute and hourly buckets of the last day (the averages and volumes the rules compare with).
// Only what is stored: an item whose history never reached the device has no buckets, and the
// rules that need them do not fire on it.
import type { Bucket } from '../../shared/protocol/api';
import { listHistory } from '../db/points';
import { getPrice } from '../db/prices';
import type { PriceRecord } from '../db/records';
import type { GeDb } from '../db/schema';

export interface DeviceItemMarket {
  latest: PriceRecord | null;
  /** 5-minute buckets of the last day and a bit, oldest first. */
  fiveMinute: Bucket[];
  /** Hourly buckets of the last day and a bit, oldest first. */
  hourly: Bucket[];
}

/** A day and an hour: a full 24 h window whatever the bucket boundaries. */
const SPAN_SECONDS = 25 * 3600;

export async function readDeviceMarket(db: GeDb, itemIds: readonly number[], now: number): Promise<Map<number, DeviceItemMarket>> {
  const from = now - SPAN_SECONDS;
  const entries = await Promise.all(
    itemIds.map(async (itemId) => {
      const [latest, fiveMinute, hourly] = await Promise.all([getPrice(db, itemId), listHistory(db, itemId, '5m', from), listHistory(db, itemId, '1h', from)]);
      return [itemId, { latest: latest ?? null, fiveMinute, hourly }] as const;
    }),
  );
  return new Map(entries);
}
