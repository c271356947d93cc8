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

/** What every measure reads from one pair of legs, computed once per item and sync. */
export interface LegReadings extends LegAverages {
  margin: number | null;
  profit: number | null;
  /** Percent. */
  roi: number | null;
}

/**
 * One item as every rule of it reads it at one sync (`now`, unix seconds): the legs of each kind of
 * price a rule may compare and their figures, worked out once for all the item's rules, as a sync
 * looks at dozens of rules per changed item (many thousands on the server).
 */
export interface ItemReadings {
  item: AlertMarketItem;
  now: number;
  /** The latest trades (instant rules). */
  instant: LegReadings;
  /** The fresh 5-minute averages (confirmed rules); null when the window is too old or absent. */
  confirmed: LegReadings | null;
  hour: LegReadings | null;
  day: LegReadings | null;
}

function legReadings(itemId: number, legs: LegAverages, now: number): LegReadings {
  const figures = computeFigures({ itemId, high: legs.high, low: legs.low, highTime: null, lowTime: null, highalch: null }, now, 0);
  return { high: legs.high, low: legs.low, margin: figures.margin, profit: figures.profit, roi: figures.roi === null ? null : figures.roi * 100 };
}

/** A confirmed rule's legs: each 5-minute average that traded enough, in a window fresh enough. */
function confirmedLegs(item: AlertMarketItem, now: number): LegAverages | null {
  const window = item.window5m;
  if (window === null || now - window.timestamp > CONFIRMED_MAX_AGE) return null;
  return {
    high: window.highPriceVolume >= CONFIRMED_MIN_VOLUME ? window.avgHighPrice : null,
    low: window.lowPriceVolume >= CONFIRMED_MIN_VOLUME ? window.avgLowPrice : null,
  };
}

export function readItem(itemId: number, item: AlertMarketItem, now: number): ItemReadings {
  const confirmed = confirmedLegs(item, now);
  return {
    item,
    now,
    instant: legReadings(itemId, item, now),
    confirmed: confirmed === null ? null : legReadings(itemId, confirmed, now),
    hour: item.avg1h === null ? null : legReadings(itemId, item.avg1h, now),
    day: item.avg24h === null ? null : legReadings(itemId, item.avg24h, now),
  };
}

/** The prices a rule compares now: the latest trades (instant) or the fresh 5-minute averages (confirmed). */
export function currentLegs(rule: AlertRule, readings: ItemReadings): LegReadings | null {
  return rule.mode === 'instant' ? readings.instant : readings.confirmed;
}

/** One measure: gp for prices, margin and profit; percent for roi; units for volume. */
export function readMeasure(measure: AlertMeasure, legs: LegReadings, volume: number | null): number | null {
  switch (measure) {
    case 'buy':
      return legs.low;
    case 'sell':
      return legs.high;
    case 'volume':
      return volume;
    case 'margin':
      return legs.margin;
    case 'profit':
      return legs.profit;
    default:
      return legs.roi;
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
