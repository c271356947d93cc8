// Warnings about a margin that will not be there when the trader comes to take it.

/** Thin: a return this high ... */
export const THIN_MIN_ROI = 0.05;
/** ... on fewer items than this traded in 24 hours is a price few trades set, easily gone. */
export const THIN_MAX_VOLUME = 100;
/** Unstable: the latest leg is further than this (a fraction) from its 1-hour average. */
export const UNSTABLE_OFF_AVERAGE = 0.15;

/** High ROI on very little volume. An unknown volume counts as little. */
export function isThin(roi: number | null, volume24h: number | null): boolean {
  return roi !== null && roi >= THIN_MIN_ROI && (volume24h === null || volume24h < THIN_MAX_VOLUME);
}

/** The latest price is far off the 1-hour average; unknown either way is not flagged. */
export function isOffAverage(latest: number | null, average1h: number | null): boolean {
  if (latest === null || average1h === null || average1h <= 0) return false;
  return Math.abs(latest - average1h) / average1h > UNSTABLE_OFF_AVERAGE;
}

/** Each leg's average over the last hour. */
export interface HourAverages {
  avgHigh1h: number | null;
  avgLow1h: number | null;
}

export interface StabilityInput extends HourAverages {
  high: number | null;
  low: number | null;
}

/** Either leg far off its own 1-hour average. */
export function isUnstable(input: StabilityInput): boolean {
  return isOffAverage(input.high, input.avgHigh1h) || isOffAverage(input.low, input.avgLow1h);
}

export interface AveragedBucket {
  /** Unix seconds: the bucket's start. */
  timestamp: number;
  avgHighPrice: number | null;
  avgLowPrice: number | null;
}

/** Each leg's average over the buckets that started in the last hour (one 1h bucket, or twelve of 5m). */
export function hourAverages(buckets: readonly AveragedBucket[], now: number): HourAverages {
  const recent = buckets.filter((b) => b.timestamp >= now - 3600);
  // A 1h view's newest bucket may have started just over an hour ago: take it alone then.
  const held = recent.length > 0 ? recent : buckets.slice(-1).filter((b) => b.timestamp >= now - 7200);
  const mean = (values: Array<number | null>) => {
    const known = values.filter((v): v is number => v !== null);
    return known.length === 0 ? null : known.reduce((sum, v) => sum + v, 0) / known.length;
  };
  return { avgHigh1h: mean(held.map((b) => b.avgHighPrice)), avgLow1h: mean(held.map((b) => b.avgLowPrice)) };
}
