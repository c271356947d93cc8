// The demo market's live part. Each tick every item's mid price takes a mean-reverting random
// step around its deterministic path (history.ts), and trades arrive at a rate proportional to
// the item's liquidity and the time of day: instant buys set the high leg, instant sells the low
// one, so illiquid items trade one side at a time. Trades accumulate into 5m and 1h windows.
import type { PriceLegs } from '../../../shared/domain/price-legs';
import { TIMESTEP_SECONDS, WINDOW_STEPS } from '../../../shared/domain/timestep';
import type { DemoItem } from './catalogue';
import { activity, mergeBuckets, modelOf, pathPrice, syntheticBucket, toGp, type DemoBucket, type ItemModel } from './history';
import { createRandom, gaussian, hashUnit, poisson } from './random';

interface LiveItem {
  model: ItemModel;
  /** Log distance of the live mid from the path; reverts to 0 over a couple of hours. */
  deviation: number;
  legs: PriceLegs;
}

interface Accumulator {
  highSum: number;
  highVolume: number;
  lowSum: number;
  lowVolume: number;
}

/** The sizes in seconds of the windows the wiki publishes (/5m and /1h). */
const WINDOW_SIZES: readonly number[] = WINDOW_STEPS.map((step) => TIMESTEP_SECONDS[step]);
/** Live windows kept for /timeseries (it answers up to 365 points). */
const WINDOWS_KEPT = 400;

export interface Simulation {
  /** Unix seconds when live trading began; windows before it come from the path. */
  readonly start: number;
  tick(nowSeconds: number): void;
  latest(): ReadonlyMap<number, PriceLegs>;
  /** One item's bucket of `size` seconds starting at `ts` (blending path and live trades). */
  bucket(itemId: number, size: number, ts: number): DemoBucket | null;
  has(itemId: number): boolean;
}

export function createSimulation(items: readonly DemoItem[], seed: number, startSeconds: number): Simulation {
  const random = createRandom(seed ^ startSeconds);
  const live = new Map<number, LiveItem>(items.map((item) => [item.id, openingState(modelOf(item, seed), startSeconds)]));
  const windows = new Map<number, Map<number, Map<number, Accumulator>>>(WINDOW_SIZES.map((s) => [s, new Map()]));
  let last = startSeconds;

  function record(itemId: number, at: number, side: 'high' | 'low', price: number, volume: number): void {
    for (const size of WINDOW_SIZES) {
      const byStart = windows.get(size);
      if (!byStart) continue;
      const ts = at - (at % size);
      let window = byStart.get(ts);
      if (!window) {
        window = new Map();
        byStart.set(ts, window);
        for (const old of byStart.keys()) if (old < ts - WINDOWS_KEPT * size) byStart.delete(old);
      }
      const acc = window.get(itemId) ?? { highSum: 0, highVolume: 0, lowSum: 0, lowVolume: 0 };
      if (side === 'high') {
        acc.highSum += price * volume;
        acc.highVolume += volume;
      } else {
        acc.lowSum += price * volume;
        acc.lowVolume += volume;
      }
      window.set(itemId, acc);
    }
  }

  function liveBucket(itemId: number, size: number, ts: number): DemoBucket | null {
    const acc = windows.get(size)?.get(ts)?.get(itemId);
    if (!acc || acc.highVolume + acc.lowVolume === 0) return null;
    return {
      avgHighPrice: acc.highVolume > 0 ? toGp(acc.highSum / acc.highVolume) : null,
      highPriceVolume: acc.highVolume,
      avgLowPrice: acc.lowVolume > 0 ? toGp(acc.lowSum / acc.lowVolume) : null,
      lowPriceVolume: acc.lowVolume,
    };
  }

  function bucket(itemId: number, size: number, ts: number): DemoBucket | null {
    const state = live.get(itemId);
    if (!state) return null;
    if (ts + size <= startSeconds) return syntheticBucket(state.model, size, ts);
    const windowSize = WINDOW_SIZES.find((s) => s === size);
    if (windowSize === undefined) {
      // 6h and 24h: made of the hours inside them.
      const hours = Array.from({ length: size / 3600 }, (_, i) => bucket(itemId, 3600, ts + i * 3600));
      return mergeBuckets(hours);
    }
    const before = ts < startSeconds ? syntheticBucket(state.model, size, ts, (startSeconds - ts) / size) : null;
    return mergeBuckets([before, liveBucket(itemId, windowSize, ts)]);
  }

  function tick(nowSeconds: number): void {
    const dt = nowSeconds - last;
    if (dt <= 0) return;
    last = nowSeconds;
    const busy = activity(nowSeconds);
    for (const [itemId, state] of live) {
      const { sigma, halfSpread, item } = state.model;
      const before = state.deviation;
      state.deviation += -state.deviation * (dt / 7200) + sigma * Math.sqrt(dt / 3600) * gaussian(random);
      const mid = pathPrice(state.model, nowSeconds) * Math.exp(state.deviation);
      // Rising prices draw instant buyers, falling ones instant sellers.
      const buyShare = Math.min(0.8, Math.max(0.2, 0.5 + 30 * (state.deviation - before)));
      const expected = item.hourlyVolume * (dt / 3600) * busy;
      const buys = poisson(expected * buyShare, random);
      const sells = poisson(expected * (1 - buyShare), random);
      const when = (): number => nowSeconds - Math.floor(random() * dt);
      if (buys > 0) {
        const price = toGp(mid * (1 + halfSpread) * (1 + 0.2 * sigma * gaussian(random)));
        state.legs.high = price;
        state.legs.highTime = when();
        record(itemId, state.legs.highTime, 'high', price, buys);
      }
      if (sells > 0) {
        const price = toGp(mid * (1 - halfSpread) * (1 + 0.2 * sigma * gaussian(random)));
        state.legs.low = price;
        state.legs.lowTime = when();
        record(itemId, state.legs.lowTime, 'low', price, sells);
      }
    }
  }

  return {
    start: startSeconds,
    tick,
    latest: () => new Map([...live].map(([id, state]) => [id, { ...state.legs }])),
    bucket,
    has: (itemId) => live.has(itemId),
  };
}

/** Each side's last trade before the market opened: recent for liquid items, hours or days ago for rare ones. */
function openingState(model: ItemModel, start: number): LiveItem {
  const { item, seed, halfSpread } = model;
  const lastTrade = (k: number): number => {
    const meanGap = 3600 / Math.max(item.hourlyVolume / 4, 0.01);
    const gap = Math.min(3 * 86_400, -Math.log(Math.max(hashUnit(seed, item.id, k), 1e-9)) * meanGap);
    return Math.floor(start - 1 - gap);
  };
  const highTime = lastTrade(11);
  const lowTime = lastTrade(12);
  return {
    model,
    deviation: 0,
    legs: {
      high: toGp(pathPrice(model, highTime) * (1 + halfSpread)),
      highTime,
      low: toGp(pathPrice(model, lowTime) * (1 - halfSpread)),
      lowTime,
    },
  };
}
