// An item's alert market (shared/domain/alerts/alert-market.ts) from its latest legs and its stored
// 5-minute and hourly buckets: the newest 5-minute window, the newest hour's averages, and the
// volume-weighted averages and the volume of the 24 hourly buckets ending with it. Anything the
// buckets do not cover is null, so the rules that need it do not fire. The one rule for the device
// (client/alerts/device-market.ts) and the server (server/store/alert-market-query.ts) alike.
import type { AlertMarketItem, LegAverages } from './alerts/alert-market';
import type { SeriesBucket } from './movers';
import type { PriceLegs } from './price-legs';

const HOUR = 3600;
const DAY = 24 * HOUR;
/** The newest hourly bucket stands for "the last hour" while it is at most this old (a window lands late). */
export const HOUR_MAX_AGE = 2 * HOUR;
/** The day of hourly buckets ending with the newest hour. */
export const DAY_SECONDS = DAY;

/** What an item's latest legs are compared with, all but the legs of its AlertMarketItem. */
export type AlertReference = Pick<AlertMarketItem, 'window5m' | 'avg1h' | 'avg24h' | 'volume24h'>;

/** The reference as its buckets give it, whatever the time: `referenceAt` says what of it holds now. */
export interface BucketReference extends AlertReference {
  /** The start of the newest hourly bucket its hour and day come from; null without one. */
  hourAt: number | null;
}

/** An item no stored bucket speaks of (or none any evaluation can still read). */
export const NO_REFERENCE: BucketReference = { window5m: null, hourAt: null, avg1h: null, avg24h: null, volume24h: null };

function newest<T extends { timestamp: number }>(buckets: readonly T[]): T | null {
  let best: T | null = null;
  for (const bucket of buckets) if (best === null || bucket.timestamp > best.timestamp) best = bucket;
  return best;
}

/** Each leg's average weighted by its volume; a leg with no volume is null, never 0. */
export function weightedAverages(buckets: readonly SeriesBucket[]): LegAverages {
  let high = 0;
  let highVolume = 0;
  let low = 0;
  let lowVolume = 0;
  for (const bucket of buckets) {
    if (bucket.avgHighPrice !== null && bucket.highPriceVolume > 0) {
      high += bucket.avgHighPrice * bucket.highPriceVolume;
      highVolume += bucket.highPriceVolume;
    }
    if (bucket.avgLowPrice !== null && bucket.lowPriceVolume > 0) {
      low += bucket.avgLowPrice * bucket.lowPriceVolume;
      lowVolume += bucket.lowPriceVolume;
    }
  }
  return { high: highVolume > 0 ? high / highVolume : null, low: lowVolume > 0 ? low / lowVolume : null };
}

/** The part of a reference its hourly buckets make: the newest hour and the day ending with it. */
export type HourlyReference = Omit<BucketReference, 'window5m'>;

/** An item without an hourly bucket any evaluation can still read. */
export const NO_HOURLY_REFERENCE: HourlyReference = { hourAt: null, avg1h: null, avg24h: null, volume24h: null };

export function hourlyReference(hourly: readonly SeriesBucket[]): HourlyReference {
  const lastHour = newest(hourly);
  if (lastHour === null) return NO_HOURLY_REFERENCE;
  const day = hourly.filter((bucket) => bucket.timestamp > lastHour.timestamp - DAY && bucket.timestamp <= lastHour.timestamp);
  return {
    hourAt: lastHour.timestamp,
    avg1h: { high: lastHour.avgHighPrice, low: lastHour.avgLowPrice },
    avg24h: weightedAverages(day),
    volume24h: day.reduce((sum, bucket) => sum + bucket.highPriceVolume + bucket.lowPriceVolume, 0),
  };
}

/** The reference of the newest 5-minute window beside the hourly part (made once per hour by the server). */
export function withWindow(fiveMinute: readonly SeriesBucket[], hourly: HourlyReference): BucketReference {
  return { window5m: newest(fiveMinute), ...hourly };
}

export function bucketReference(fiveMinute: readonly SeriesBucket[], hourly: readonly SeriesBucket[]): BucketReference {
  return withWindow(fiveMinute, hourlyReference(hourly));
}

/**
 * The reference at `now` (unix seconds): a newest hour older than HOUR_MAX_AGE is no "last hour"
 * (the hourly windows stopped arriving, or the device has not caught up for hours), and neither
 * it nor its day is compared with. The reference itself while it is fresh: no copy per read.
 */
export function referenceAt(reference: BucketReference, now: number): AlertReference {
  if (reference.hourAt === null || now - reference.hourAt <= HOUR_MAX_AGE) return reference;
  return { window5m: reference.window5m, avg1h: null, avg24h: null, volume24h: null };
}

export function alertMarketItem(legs: PriceLegs | null, fiveMinute: readonly SeriesBucket[], hourly: readonly SeriesBucket[], now: number): AlertMarketItem {
  const { window5m, avg1h, avg24h, volume24h } = referenceAt(bucketReference(fiveMinute, hourly), now);
  return {
    high: legs?.high ?? null,
    highTime: legs?.highTime ?? null,
    low: legs?.low ?? null,
    lowTime: legs?.lowTime ?? null,
    window5m,
    avg1h,
    avg24h,
    volume24h,
  };
}
