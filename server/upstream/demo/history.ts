// The demo market's past: a smooth, deterministic price path per item (several octaves of value
// noise in log space, from minutes to months) and buckets drawn from it. The same seed gives the
// same history for every request and every restart, so charts and backfills agree.
import type { DemoItem } from './catalogue';
import { hashUnit, valueNoise } from './random';

export interface ItemModel {
  item: DemoItem;
  seed: number;
  /** Typical relative move in an hour (log units). */
  sigma: number;
  /** Half the bid-ask spread, relative to the mid price. */
  halfSpread: number;
}

export interface DemoBucket {
  avgHighPrice: number | null;
  highPriceVolume: number;
  avgLowPrice: number | null;
  lowPriceVolume: number;
}

// [period in seconds, weight in units of sigma]: long periods wander further, like a random walk.
const OCTAVES: ReadonlyArray<readonly [number, number]> = [
  [1200, 0.5], [7200, 1.2], [43_200, 2.5], [259_200, 5], [1_814_400, 14], [10_368_000, 30],
];

export function modelOf(item: DemoItem, seed: number): ItemModel {
  return {
    item,
    seed,
    sigma: 0.003 + 0.005 * hashUnit(seed, item.id, 7),
    // A gp or two on cheap items (runes trade at 4/5 gp), a fraction of a percent on dear ones.
    halfSpread: Math.min(0.25, 0.003 + 1 / item.price),
  };
}

/** The path's mid price at unix time `t` (seconds). */
export function pathPrice(model: ItemModel, t: number): number {
  let x = 0;
  for (const [period, weight] of OCTAVES) x += weight * model.sigma * valueNoise(t / period, model.seed, model.item.id, period);
  return model.item.price * Math.exp(x);
}

/** Trading is busier in the European/American evening than at night. */
export function activity(t: number): number {
  const hour = (t % 86_400) / 3600;
  return 1 + 0.35 * Math.sin((2 * Math.PI * (hour - 14)) / 24);
}

export function toGp(price: number): number {
  return Math.max(1, Math.round(price));
}

function stochasticRound(x: number, u: number): number {
  const whole = Math.floor(x);
  return whole + (u < x - whole ? 1 : 0);
}

/**
 * The bucket of `size` seconds starting at `ts`, or null when nothing traded in it (the wiki
 * omits those). `share` scales the volume, for a bucket only partly in the synthetic past.
 */
export function syntheticBucket(model: ItemModel, size: number, ts: number, share = 1): DemoBucket | null {
  const { item, seed, sigma, halfSpread } = model;
  const u = (k: number): number => hashUnit(seed, item.id, size, ts, k);
  const center = ts + size / 2;
  const mid = pathPrice(model, center);
  const expected = item.hourlyVolume * (size / 3600) * activity(center) * (0.6 + 0.8 * u(1)) * share;
  const buyShare = 0.35 + 0.3 * u(2);
  const highPriceVolume = stochasticRound(expected * buyShare, u(3));
  const lowPriceVolume = stochasticRound(expected * (1 - buyShare), u(4));
  if (highPriceVolume + lowPriceVolume === 0) return null;
  const wobble = (k: number): number => 1 + 0.3 * sigma * (2 * u(k) - 1);
  return {
    avgHighPrice: highPriceVolume > 0 ? toGp(mid * (1 + halfSpread) * wobble(5)) : null,
    highPriceVolume,
    avgLowPrice: lowPriceVolume > 0 ? toGp(mid * (1 - halfSpread) * wobble(6)) : null,
    lowPriceVolume,
  };
}

/** Volume-weighted merge of buckets; null when none of them traded. */
export function mergeBuckets(buckets: ReadonlyArray<DemoBucket | null>): DemoBucket | null {
  let highSum = 0;
  let highVolume = 0;
  let lowSum = 0;
  let lowVolume = 0;
  for (const b of buckets) {
    if (!b) continue;
    highSum += (b.avgHighPrice ?? 0) * b.highPriceVolume;
    highVolume += b.highPriceVolume;
    lowSum += (b.avgLowPrice ?? 0) * b.lowPriceVolume;
    lowVolume += b.lowPriceVolume;
  }
  if (highVolume + lowVolume === 0) return null;
  return {
    avgHighPrice: highVolume > 0 ? toGp(highSum / highVolume) : null,
    highPriceVolume: highVolume,
    avgLowPrice: lowVolume > 0 ? toGp(lowSum / lowVolume) : null,
    lowPriceVolume: lowVolume,
  };
}
