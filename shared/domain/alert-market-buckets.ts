// An item's alert market (shared/domain/alerts/alert-market.ts) from its latest legs and its stored
// 5-minute and hourly buckets, as the server reads it from its store (server/store/alert-market-query.ts):
// the newest 5-minute window, the newest hour's averages, and the volume-weighted averages and
// the volume of the 24 hourly buckets ending with it. Anything the buckets do not cover is null,
// so the rules that need it do not fire.
import type { AlertMarketItem, LegAverages } from './alerts/alert-market';
import type { SeriesBucket } from './movers';
import type { PriceLegs } from './price-legs';

const HOUR = 3600;
const DAY = 24 * HOUR;
/** The newest hourly bucket stands for "the last hour" while it is at most this old (a window lands late). */
const HOUR_MAX_AGE = 2 * HOUR;

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

export function alertMarketItem(legs: PriceLegs | null, fiveMinute: readonly SeriesBucket[], hourly: readonly SeriesBucket[], now: number): AlertMarketItem {
  const lastHour = newest(hourly);
  // A device that has not caught up for hours has no "last hour" to compare with.
  const fresh = lastHour !== null && now - lastHour.timestamp <= HOUR_MAX_AGE ? lastHour : null;
  const day = fresh === null ? [] : hourly.filter((bucket) => bucket.timestamp > fresh.timestamp - DAY && bucket.timestamp <= fresh.timestamp);
  return {
    high: legs?.high ?? null,
    highTime: legs?.highTime ?? null,
    low: legs?.low ?? null,
    lowTime: legs?.lowTime ?? null,
    window5m: newest(fiveMinute),
    avg1h: fresh === null ? null : { high: fresh.avgHighPrice, low: fresh.avgLowPrice },
    avg24h: day.length === 0 ? null : weightedAverages(day),
    volume24h: day.length === 0 ? null : day.reduce((sum, bucket) => sum + bucket.highPriceVolume + bucket.lowPriceVolume, 0),
  };
}
