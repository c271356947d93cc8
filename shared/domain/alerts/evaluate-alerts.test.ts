import { describe, expect, it } from 'vitest';
import { AlertRuleSchema, AlertStateSchema, type AlertRule, type AlertRuleInput, type AlertState } from '../../protocol/alerts';
import { GE_TAX_INCREASED } from '../tax';
import { readItem, type AlertMarketItem } from './alert-market';
import { evaluateAlerts, evaluateRule, type AlertSync } from './evaluate-alerts';

const T0 = GE_TAX_INCREASED + 86_400;
const WHIP = 4151;

function rule(input: Partial<AlertRuleInput>): AlertRule {
  return AlertRuleSchema.parse({ id: 'r1', itemId: WHIP, measure: 'buy', op: 'below', target: 1_600_000, ...input });
}

function item(overrides: Partial<AlertMarketItem> = {}): AlertMarketItem {
  return {
    high: 1_720_000,
    highTime: T0 - 30,
    low: 1_700_000,
    lowTime: T0 - 30,
    window5m: { timestamp: T0 - 300, avgHighPrice: 1_721_000, avgLowPrice: 1_701_000, highPriceVolume: 40, lowPriceVolume: 40 },
    avg1h: { high: 1_720_000, low: 1_700_000 },
    avg24h: { high: 1_720_000, low: 1_700_000 },
    volume24h: 10_000,
    ...overrides,
  };
}

/** Runs a rule through successive syncs (one a minute), each with its own market view. */
function run(r: AlertRule, views: AlertMarketItem[], startSeq = 100) {
  let state: AlertState | undefined;
  const fired: Array<number> = [];
  views.forEach((view, index) => {
    const sync: AlertSync = { seq: startSeq + index, time: T0 + index * 60 };
    const result = step(r, state, view, sync);
    state = AlertStateSchema.parse(JSON.parse(JSON.stringify(result.state)));
    if (result.fired) fired.push(result.fired.seq);
  });
  return { fired, state };
}

/** One rule at one sync against its item's view. */
function step(r: AlertRule, state: AlertState | undefined, view: AlertMarketItem, sync: AlertSync) {
  return evaluateRule(r, state, readItem(r.itemId, view, sync.time), sync);
}

/** A latest view whose buy leg traded at `low`, `step` minutes into the run. */
function buyAt(low: number, step: number, extra: Partial<AlertMarketItem> = {}): AlertMarketItem {
  return item({ low, lowTime: T0 + step * 60 - 10, ...extra });
}

describe('instant threshold rules', () => {
  it('fires a buy-below alert once the cheaper price holds on a second sync with a newer trade', () => {
    const { fired } = run(rule({}), [buyAt(1_700_000, 0), buyAt(1_590_000, 1), buyAt(1_585_000, 2), buyAt(1_580_000, 3)]);
    expect(fired).toEqual([102]);
  });

  it('fires nothing for a one-sync spike that reverts', () => {
    const { fired, state } = run(rule({}), [buyAt(1_700_000, 0), buyAt(1_500_000, 1), buyAt(1_700_000, 2), buyAt(1_702_000, 3)]);
    expect(fired).toEqual([]);
    expect(state?.pending).toBeNull();
  });

  it('waits while the watched leg has not traded again, then fires on its next trade', () => {
    const spike = buyAt(1_590_000, 1);
    const { fired } = run(rule({}), [spike, { ...spike, high: 1_730_000, highTime: T0 + 110 }, buyAt(1_591_000, 3)]);
    expect(fired).toEqual([102]);
  });

  it('reads sell as the high leg, and margin, profit after 2% tax and ROI from both legs', () => {
    const view = (step: number) => item({ high: 1_800_000, highTime: T0 + step * 60 - 5, low: 1_700_000, lowTime: T0 + step * 60 - 5 });
    const two = [view(0), view(1)];
    expect(run(rule({ measure: 'sell', op: 'above', target: 1_790_000 }), two).fired).toEqual([101]);
    expect(run(rule({ measure: 'margin', op: 'above', target: 100_000 }), two).fired).toEqual([101]);
    // profit = 1,800,000 - 36,000 tax - 1,700,000 = 64,000
    expect(run(rule({ measure: 'profit', op: 'above', target: 64_000 }), two).fired).toEqual([101]);
    expect(run(rule({ measure: 'profit', op: 'above', target: 64_001 }), two).fired).toEqual([]);
    // roi = 64,000 / 1,700,000 = 3.76%
    expect(run(rule({ measure: 'roi', op: 'above', target: 3.7 }), two).fired).toEqual([101]);
    expect(run(rule({ measure: 'roi', op: 'above', target: 3.8 }), two).fired).toEqual([]);
  });

  it('reads volume as the units traded in 24 hours', () => {
    const view = (step: number, volume24h: number | null) => buyAt(1_700_000, step, { volume24h });
    expect(run(rule({ measure: 'volume', op: 'above', target: 20_000 }), [view(0, 25_000), view(1, 26_000)]).fired).toEqual([101]);
    expect(run(rule({ measure: 'volume', op: 'above', target: 20_000 }), [view(0, 25_000), view(1, null)]).fired).toEqual([]);
  });

  it('names the alert, the item, the price of the watched leg, the seq and the time', () => {
    const r = rule({ id: 'whip-cheap' });
    const first = step(r, undefined, buyAt(1_590_000, 0), { seq: 7, time: T0 });
    const second = step(r, first.state, buyAt(1_580_000, 1), { seq: 8, time: T0 + 60 });
    expect(second.fired).toEqual({ alertId: 'whip-cheap', itemId: WHIP, measure: 'buy', kind: 'threshold', value: 1_580_000, price: 1_580_000, seq: 8, firedAt: T0 + 60 });
  });

  it('does not fire when the leg it needs is missing', () => {
    const { fired } = run(rule({ measure: 'margin', op: 'above', target: 0 }), [buyAt(1_590_000, 0, { high: null }), buyAt(1_580_000, 1, { high: null })]);
    expect(fired).toEqual([]);
  });
});

describe('confirmed rules', () => {
  const window = (avgLowPrice: number, lowPriceVolume: number, step: number) => item({
    window5m: { timestamp: T0 + step * 60 - 200, avgHighPrice: 1_720_000, avgLowPrice, highPriceVolume: 30, lowPriceVolume },
  });

  it('fire at the first sync whose 5-minute average crosses, ignoring the latest single trade', () => {
    const r = rule({ mode: 'confirmed' });
    expect(run(r, [window(1_700_000, 30, 0), window(1_590_000, 30, 1)]).fired).toEqual([101]);
    expect(run(r, [buyAt(1_500_000, 0), buyAt(1_500_000, 1)]).fired).toEqual([]);
  });

  it('ignore an average made of too few trades, and an old window', () => {
    const r = rule({ mode: 'confirmed' });
    expect(run(r, [window(1_590_000, 4, 0), window(1_590_000, 2, 1)]).fired).toEqual([]);
    expect(run(r, [window(1_590_000, 30, -20)]).fired).toEqual([]);
  });
});

describe('move rules', () => {
  it('fire on a rise of at least the target percent over the hour, and not on a smaller one', () => {
    const r = rule({ kind: 'move', measure: 'buy', op: 'above', target: 5, window: '1h' });
    expect(run(r, [buyAt(1_790_000, 0), buyAt(1_786_000, 1)]).fired).toEqual([101]);
    expect(run(r, [buyAt(1_770_000, 0), buyAt(1_780_000, 1)]).fired).toEqual([]);
  });

  it('fire on a fall over 24 hours measured against the 24-hour average', () => {
    const r = rule({ kind: 'move', measure: 'sell', op: 'below', target: 10, window: '24h' });
    const fall = (step: number) => item({ high: 1_540_000, highTime: T0 + step * 60, avg1h: { high: 1_550_000, low: 1_500_000 } });
    const result = run(r, [fall(0), fall(1)]);
    expect(result.fired).toEqual([101]);
  });

  it('do not fire without the reference average', () => {
    const r = rule({ kind: 'move', measure: 'buy', op: 'above', target: 5 });
    expect(run(r, [buyAt(1_900_000, 0, { avg1h: null }), buyAt(1_900_000, 1, { avg1h: null })]).fired).toEqual([]);
  });
});

describe('dump rules', () => {
  const r = rule({ kind: 'dump', measure: 'buy', op: 'below', target: 10 });
  const spike = (step: number) => ({ timestamp: T0 + step * 60 - 100, avgHighPrice: 1_530_000, avgLowPrice: 1_500_000, highPriceVolume: 60, lowPriceVolume: 60 });

  it('fire on a price 10% under its 24-hour average traded on a volume spike', () => {
    // 120 units in 5 minutes is 34,560 a day at that rate: over 3x the 10,000 of the last 24 hours.
    expect(run(r, [buyAt(1_520_000, 0, { window5m: spike(0) }), buyAt(1_510_000, 1, { window5m: spike(1) })]).fired).toEqual([101]);
  });

  it('do not fire on the same drop at ordinary volume', () => {
    const calm = (step: number) => ({ ...spike(step), highPriceVolume: 40, lowPriceVolume: 40 });
    expect(run(r, [buyAt(1_520_000, 0, { window5m: calm(0) }), buyAt(1_510_000, 1, { window5m: calm(1) })]).fired).toEqual([]);
  });

  it('do not fire on a volume spike without the drop, nor without the 24-hour volume', () => {
    expect(run(r, [buyAt(1_600_000, 0, { window5m: spike(0) }), buyAt(1_600_000, 1, { window5m: spike(1) })]).fired).toEqual([]);
    const unknown = { volume24h: null };
    expect(run(r, [buyAt(1_500_000, 0, { window5m: spike(0), ...unknown }), buyAt(1_500_000, 1, { window5m: spike(1), ...unknown })]).fired).toEqual([]);
  });
});

describe('edge triggering', () => {
  it('fires once while the price stays below, re-arms only after it recovers past the hysteresis margin', () => {
    const r = rule({ cooldownSeconds: 0 });
    // target 1,600,000: margin 2% = 32,000, so re-arming needs a buy price above 1,632,000.
    const prices = [1_590_000, 1_590_000, 1_580_000, 1_620_000, 1_595_000, 1_594_000, 1_640_000, 1_590_000, 1_589_000];
    const { fired } = run(r, prices.map((price, step) => buyAt(price, step)));
    expect(fired).toEqual([101, 108]);
  });

  it('does not fire again within the cooldown, and fires after it if the condition still holds', () => {
    const r = rule({ cooldownSeconds: 300 });
    const prices = [1_590_000, 1_590_000, 1_700_000, 1_590_000, 1_590_000, 1_590_000, 1_590_000, 1_590_000];
    const { fired } = run(r, prices.map((price, step) => buyAt(price, step)));
    // fired at minute 1; re-armed at minute 2; held again from minute 3; the cooldown ends at minute 6.
    expect(fired).toEqual([101, 106]);
  });

  it('never fires at or after its expiry', () => {
    const r = rule({ expiresAt: T0 + 60 });
    expect(run(r, [buyAt(1_590_000, 0), buyAt(1_580_000, 1), buyAt(1_570_000, 2)]).fired).toEqual([]);
  });

  it('fires nothing when the same seq is evaluated again', () => {
    const r = rule({});
    const first = step(r, undefined, buyAt(1_590_000, 0), { seq: 5, time: T0 });
    const second = step(r, first.state, buyAt(1_580_000, 1), { seq: 6, time: T0 + 60 });
    expect(second.fired?.seq).toBe(6);
    const replayed = step(r, { ...second.state, armed: true }, buyAt(1_570_000, 2), { seq: 6, time: T0 + 120 });
    expect(replayed.fired).toBeNull();
  });

  it('starts an edited rule afresh', () => {
    const first = step(rule({}), undefined, buyAt(1_590_000, 0), { seq: 1, time: T0 });
    const edited = step(rule({ target: 1_595_000 }), first.state, buyAt(1_580_000, 1), { seq: 2, time: T0 + 60 });
    expect(edited.fired).toBeNull();
    expect(edited.state.pending).toEqual({ seq: 2, tradeTime: T0 + 50 });
  });
});

describe('evaluateAlerts', () => {
  it('evaluates only rules of items in the market, keeps the others and drops removed rules', () => {
    const cheap = rule({ id: 'cheap' });
    const other = rule({ id: 'other', itemId: 561, target: 100 });
    const stale: AlertState = { rule: 'x', seq: 1, armed: true, pending: null, firedSeq: null, firedAt: null };
    const first = evaluateAlerts([cheap, other], { other: stale, gone: stale }, new Map([[WHIP, buyAt(1_590_000, 0)]]), { seq: 10, time: T0 });
    expect(Object.keys(first.states).sort()).toEqual(['cheap', 'other']);
    expect(first.states.other).toBe(stale);
    const second = evaluateAlerts([cheap, other], first.states, new Map([[WHIP, buyAt(1_580_000, 1)]]), { seq: 11, time: T0 + 60 });
    expect(second.fired.map((alert) => [alert.alertId, alert.seq])).toEqual([['cheap', 11]]);
  });
});
