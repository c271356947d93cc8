// Whether one rule's condition holds for one item now, for each kind, and whether the value has
// crossed back far enough to re-arm the rule. Null when something the rule needs is unknown.
import type { AlertRule } from '../../protocol/alerts';
import {
  CONFIRMED_MAX_AGE,
  CONFIRMED_MIN_VOLUME,
  currentLegs,
  readMeasure,
  watchedPrice,
  windowVolume,
  type AlertMarketItem,
  type ItemReadings,
  type LegReadings,
} from './alert-market';

/** A dump needs the newest 5-minute window to trade at least this many times the 24-hour rate. */
export const DUMP_SPIKE_FACTOR = 3;
const WINDOWS_PER_DAY = 288;

/** Re-arming needs the value back past the target by this share of it (at least 1 gp or unit) ... */
export const HYSTERESIS_SHARE = 0.02;
/** ... or, for percent targets (roi, move, dump), by this share of it, at least half a point. */
export const HYSTERESIS_PERCENT_SHARE = 0.2;

export interface ConditionReading {
  holds: boolean;
  /** Crossed back past the target by the hysteresis margin. */
  rearms: boolean;
  /** What a firing reports: the measure (threshold), the percent move (move) or the percent drop (dump). */
  value: number;
  price: number | null;
}

export function hysteresisMargin(rule: AlertRule): number {
  const target = Math.abs(rule.target);
  const percent = rule.kind !== 'threshold' || rule.measure === 'roi';
  return percent ? Math.max(0.5, target * HYSTERESIS_PERCENT_SHARE) : Math.max(1, target * HYSTERESIS_SHARE);
}

/** The newest 5-minute window traded at least DUMP_SPIKE_FACTOR times the 24-hour rate. */
export function hasVolumeSpike(item: AlertMarketItem, now: number): boolean {
  const window = item.window5m;
  if (window === null || item.volume24h === null || now - window.timestamp > CONFIRMED_MAX_AGE) return false;
  const volume = windowVolume(window);
  return volume >= CONFIRMED_MIN_VOLUME && volume * WINDOWS_PER_DAY >= DUMP_SPIKE_FACTOR * item.volume24h;
}

function reference(rule: AlertRule, readings: ItemReadings): LegReadings | null {
  return rule.kind === 'dump' || rule.window === '24h' ? readings.day : readings.hour;
}

function percentChange(now: number, then: number): number | null {
  return then === 0 ? null : ((now - then) / Math.abs(then)) * 100;
}

export function readCondition(rule: AlertRule, readings: ItemReadings): ConditionReading | null {
  const { item, now } = readings;
  const legs = currentLegs(rule, readings);
  if (legs === null) return null;
  const price = watchedPrice(rule.measure, legs);
  const margin = hysteresisMargin(rule);
  const value = readMeasure(rule.measure, legs, item.volume24h);
  if (value === null) return null;

  if (rule.kind === 'threshold') {
    const above = rule.op === 'above';
    return {
      holds: above ? value >= rule.target : value <= rule.target,
      rearms: above ? value < rule.target - margin : value > rule.target + margin,
      value,
      price,
    };
  }

  const ref = reference(rule, readings);
  if (ref === null) return null;
  const target = Math.abs(rule.target);

  if (rule.kind === 'move') {
    if (rule.measure === 'volume') return null;
    const then = readMeasure(rule.measure, ref, null);
    const change = then === null ? null : percentChange(value, then);
    if (change === null) return null;
    const up = rule.op === 'above';
    return {
      holds: up ? change >= target : change <= -target,
      rearms: up ? change < target - margin : change > -target + margin,
      value: change,
      price,
    };
  }

  // dump: a price leg at least `target` percent under its 24-hour average, on a volume spike.
  if (rule.measure !== 'buy' && rule.measure !== 'sell') return null;
  const average = rule.measure === 'sell' ? ref.high : ref.low;
  if (average === null || average <= 0) return null;
  const drop = ((average - value) / average) * 100;
  return { holds: drop >= target && hasVolumeSpike(item, now), rearms: drop < target - margin, value: drop, price };
}
