// Movers: the biggest risers and fallers over 1 h, 24 h and 7 d, measured between the averages
// of the buckets at either end of the period (5-minute buckets for an hour, hourly beyond), never
// single trades, and only for items that traded at least a minimum volume in the period so thin
// items do not dominate. The server and the device (offline) rank with the same rules.
import type { Timestep } from './timestep';

export const MOVER_PERIODS = ['1h', '24h', '7d'] as const;
export type MoverPeriod = (typeof MOVER_PERIODS)[number];

export const PERIOD_SECONDS: Record<MoverPeriod, number> = { '1h': 3600, '24h': 86_400, '7d': 7 * 86_400 };
export const PERIOD_STEP: Record<MoverPeriod, Timestep> = { '1h': '5m', '24h': '1h', '7d': '1h' };
export const DEFAULT_MIN_VOLUME: Record<MoverPeriod, number> = { '1h': 100, '24h': 1_000, '7d': 5_000 };

export function isMoverPeriod(value: unknown): value is MoverPeriod {
  return typeof value === 'string' && (MOVER_PERIODS as readonly string[]).includes(value);
}

/** One item over one period: the first and last priced bucket in it and the volume traded. */
export interface MoverSummary {
  itemId: number;
  startPrice: number;
  endPrice: number;
  volume: number;
}

export interface Mover extends MoverSummary {
  /** (end − start) / start. */
  change: number;
}

export interface SeriesBucket {
  timestamp: number;
  avgHighPrice: number | null;
  avgLowPrice: number | null;
  highPriceVolume: number;
  lowPriceVolume: number;
}

/** A bucket's price: the middle of its two averages, or the one it has. */
export function bucketPrice(bucket: SeriesBucket): number | null {
  const high = bucket.avgHighPrice ?? bucket.avgLowPrice;
  const low = bucket.avgLowPrice ?? bucket.avgHighPrice;
  return high === null || low === null ? null : (high + low) / 2;
}

/** An item's summary over [end − period, end] from its buckets (any order), or null without two priced ends. */
export function summariseSeries(itemId: number, buckets: readonly SeriesBucket[], period: MoverPeriod, end: number): MoverSummary | null {
  const inside = buckets.filter((bucket) => bucket.timestamp >= end - PERIOD_SECONDS[period] && bucket.timestamp <= end).sort((a, b) => a.timestamp - b.timestamp);
  const priced = inside.filter((bucket) => bucketPrice(bucket) !== null);
  const first = priced[0];
  const last = priced[priced.length - 1];
  if (!first || !last || first === last) return null;
  const volume = inside.reduce((sum, bucket) => sum + bucket.highPriceVolume + bucket.lowPriceVolume, 0);
  return { itemId, startPrice: bucketPrice(first)!, endPrice: bucketPrice(last)!, volume };
}

export interface RankedMovers {
  risers: Mover[];
  fallers: Mover[];
}

export function rankMovers(summaries: readonly MoverSummary[], minVolume: number, limit = 20): RankedMovers {
  const movers = summaries
    .filter((summary) => summary.volume >= minVolume && summary.startPrice > 0)
    .map((summary) => ({ ...summary, change: (summary.endPrice - summary.startPrice) / summary.startPrice }));
  const byChange = [...movers].sort((a, b) => b.change - a.change || a.itemId - b.itemId);
  return {
    risers: byChange.filter((mover) => mover.change > 0).slice(0, limit),
    fallers: byChange.filter((mover) => mover.change < 0).reverse().slice(0, limit),
  };
}
