// What an alert rule reads about one item at one sync, and how each measure is read from it.
// Buy is the low leg (what a trader pays by instant-selling into), sell the high leg, as in
// figures.ts; margin, profit after tax and ROI are computeFigures' own, never recomputed here.
import type { AlertMeasure, AlertRule } from '../../protocol/alerts';
import { computeFigures } from '../figures';
import type { SeriesBucket } from '../movers';
import type { PriceLegs } from '../price-legs';

/** Average price of each leg over a span; null for a leg that did not trade in it. */
export interface LegAverages {
  high: number | null;
  low: number | null;
}

/** One item as the rules see it. Anything may be null: a rule that needs it then does not fire. */
export interface AlertMarketItem extends PriceLegs {
  /** The newest /5m window (its start in `timestamp`), with its volumes. */
  window5m: SeriesBucket | null;
  /** Each leg's average over the last hour (the newest hourly bucket). */
  avg1h: LegAverages | null;
  /** Each leg's volume-weighted average over the last 24 hourly buckets. */
  avg24h: LegAverages | null;
  /** Units traded (both legs) in the last 24 hourly buckets. */
  volume24h: number | null;
}

/** Per item id; an item missing from it is not evaluated (its rules keep their state). */
export type AlertMarket = ReadonlyMap<number, AlertMarketItem>;

/** A confirmed rule reads a 5-minute average only when its leg traded at least this many units in it. */
export const CONFIRMED_MIN_VOLUME = 5;
/** ... and only when the window started no longer than this before the sync (seconds). */
export const CONFIRMED_MAX_AGE = 900;

/** The prices a rule compares now: the latest trades (instant) or the fresh 5-minute averages (confirmed). */
export function currentLegs(rule: AlertRule, item: AlertMarketItem, now: number): LegAverages | null {
  if (rule.mode === 'instant') return { high: item.high, low: item.low };
  const window = item.window5m;
  if (window === null || now - window.timestamp > CONFIRMED_MAX_AGE) return null;
  return {
    high: window.highPriceVolume >= CONFIRMED_MIN_VOLUME ? window.avgHighPrice : null,
    low: window.lowPriceVolume >= CONFIRMED_MIN_VOLUME ? window.avgLowPrice : null,
  };
}

/** One measure from a pair of legs: gp for prices, margin and profit; percent for roi; units for volume. */
export function readMeasure(measure: AlertMeasure, itemId: number, legs: LegAverages, volume: number | null, now: number): number | null {
  switch (measure) {
    case 'buy':
      return legs.low;
    case 'sell':
      return legs.high;
    case 'volume':
      return volume;
    default: {
      const figures = computeFigures({ itemId, high: legs.high, low: legs.low, highTime: null, lowTime: null, highalch: null }, now, 0);
      if (measure === 'margin') return figures.margin;
      if (measure === 'profit') return figures.profit;
      return figures.roi === null ? null : figures.roi * 100;
    }
  }
}

/** The price a fired alert names: the watched leg, the buy leg for two-leg measures. */
export function watchedPrice(measure: AlertMeasure, legs: LegAverages): number | null {
  const price = measure === 'sell' ? legs.high : legs.low;
  return price === null ? null : Math.round(price);
}

/**
 * The trade time that must advance between an instant rule's two syncs: the watched leg's, the
 * newer of the two for the other measures.
 */
export function tradeTime(measure: AlertMeasure, item: PriceLegs): number | null {
  if (measure === 'buy') return item.lowTime;
  if (measure === 'sell') return item.highTime;
  if (item.highTime === null) return item.lowTime;
  return item.lowTime === null ? item.highTime : Math.max(item.highTime, item.lowTime);
}

/** Units traded in a 5-minute window, both legs. */
export function windowVolume(window: SeriesBucket): number {
  return window.highPriceVolume + window.lowPriceVolume;
}
