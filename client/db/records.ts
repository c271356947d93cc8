// What each IndexedDB store holds, the checks reads go through (a row written by an older
// version of the app, or damaged, is skipped rather than trusted), and the one mapping from each
// server answer to what the device stores.
import type { Bucket, CatalogueItem, LatestPrice, LatestPricesResponse } from '../../shared/protocol/api';
import type { PriceUpdate } from '../../shared/protocol/events';
import type { HourlyResponse } from '../../shared/protocol/hourly';
import type { HourAverages } from '../../shared/domain/market-flags';
import type { Timestep } from '../../shared/domain/timestep';
import { bool, int, nullable, num, shape, str, timestep } from './guards';

/** An item's catalogue entry, as GET /api/v1/catalogue sends it: no prices, no derived figures. */
export type { CatalogueItem };

/** One item's latest instant-buy (high) and instant-sell (low) legs and the seq of their last change. */
export type PriceRecord = LatestPrice & { itemId: number };

export type PointRecord = Bucket & { itemId: number; timestep: Timestep };

/** One item's bucket of the newest 1h window the device holds: what its latest legs are compared with. */
export interface HourRecord extends HourAverages {
  itemId: number;
  /** The window's start (unix seconds). */
  timestamp: number;
  /** Items traded in the window at the instant-buy (high) and instant-sell (low) price. */
  volumes: [high: number, low: number];
}

export interface WatchEntry {
  itemId: number;
  addedAt: number;
}

const nullableInt = nullable(int);

export const isCatalogueItem = shape<CatalogueItem>({
  id: int,
  name: str,
  examine: str,
  members: bool,
  icon: str,
  limit: nullableInt,
  value: nullableInt,
  lowalch: nullableInt,
  highalch: nullableInt,
  volume1h: nullableInt,
  volume24h: nullableInt,
});

export const isPriceRecord = shape<PriceRecord>({
  itemId: int,
  high: nullableInt,
  highTime: nullableInt,
  low: nullableInt,
  lowTime: nullableInt,
  seq: int,
});

export const isPointRecord = shape<PointRecord>({
  itemId: int,
  timestep,
  timestamp: int,
  avgHighPrice: nullableInt,
  avgLowPrice: nullableInt,
  highPriceVolume: int,
  lowPriceVolume: int,
});

const isVolumes = (value: unknown): value is [number, number] => Array.isArray(value) && value.length === 2 && value.every(int);

export const isHourRecord = shape<HourRecord>({ itemId: int, timestamp: int, avgHigh1h: nullableInt, avgLow1h: nullableInt, volumes: isVolumes });

export const isWatchEntry = shape<WatchEntry>({ itemId: int, addedAt: num });

/** The prices of a GET /api/v1/prices/latest answer. */
export function toPriceRecords(response: LatestPricesResponse): PriceRecord[] {
  const records: PriceRecord[] = [];
  for (const [key, price] of Object.entries(response.prices)) {
    const itemId = Number(key);
    if (Number.isSafeInteger(itemId)) records.push({ itemId, ...price });
  }
  return records;
}

/** One item's change from the stream (`price-update`, or one of a `price-batch`). */
export function toPriceRecord(update: PriceUpdate): PriceRecord {
  return {
    itemId: update.item_id,
    high: update.high,
    highTime: update.high_time,
    low: update.low,
    lowTime: update.low_time,
    seq: update.seq,
  };
}

/** The items of a GET /api/v1/prices/hourly answer (none while the server holds no hour). */
export function toHourRecords(response: HourlyResponse): HourRecord[] {
  const { timestamp } = response;
  if (timestamp === null) return [];
  return Object.entries(response.items).map(([key, [avgHigh1h, avgLow1h, high, low]]) => ({ itemId: Number(key), timestamp, avgHigh1h, avgLow1h, volumes: [high, low] }));
}
