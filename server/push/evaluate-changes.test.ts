// The server evaluates its index's rules moving their states on in place; the device evaluates the
// same rules purely. Over a run of syncs on a wandering market both must fire the same alerts at
// the same seqs and end in the same states, or a closed phone would be told something an open one
// would not show.
import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../shared/domain/alerts/evaluate-alerts';
import type { AlertMarketItem } from '../../shared/domain/alerts/alert-market';
import { AlertRuleSchema, type AlertRule, type AlertState } from '../../shared/protocol/alerts';
import { GE_TAX_INCREASED } from '../../shared/domain/tax';
import type { CommittedChanges } from '../change-feed';
import type { BucketReference } from '../../shared/domain/alert-market-buckets';
import { evaluateChanges } from './evaluate-changes';
import { createRuleIndex, statesOf } from './rule-index';

const T0 = GE_TAX_INCREASED + 86_400;
const ITEMS = [2, 4151, 11832, 13190];

function randomFrom(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function rulesFor(random: () => number, count: number): AlertRule[] {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: count }, (_, r) => {
    const kind = pick(['threshold', 'threshold', 'move', 'dump'] as const);
    const measure = kind === 'threshold' ? pick(['buy', 'sell', 'margin', 'profit', 'roi', 'volume'] as const) : pick(['buy', 'sell'] as const);
    const target = kind !== 'threshold' ? 1 + Math.round(random() * 6) : measure === 'roi' ? 2 : measure === 'volume' ? 9_000 : measure === 'margin' || measure === 'profit' ? 20_000 : 1_000_000;
    return AlertRuleSchema.parse({
      id: `r${r}`, itemId: pick(ITEMS), kind, measure, op: pick(['above', 'below'] as const), target,
      mode: pick(['instant', 'confirmed'] as const), window: pick(['1h', '24h'] as const), cooldownSeconds: pick([0, 120, 1800]),
      expiresAt: pick([null, null, null, T0 + 25 * 60]),
    });
  });
}

describe('evaluating the server\'s index', () => {
  it('fires what the device fires, at the same seqs, and ends in the same states, through expiry, a restart, edits and removals', () => {
    const random = randomFrom(42);
    const devices = Array.from({ length: 30 }, () => rulesFor(random, 12));
    const record = (d: number, states: Record<string, AlertState>) => ({
      id: `d${d}`, endpoint: `https://push.example/${d}`, p256dh: 'k', auth: 'a', clientAddress: '127.0.0.1', rules: devices[d]!, states, revision: 1,
    });
    let index = createRuleIndex();
    devices.forEach((_, d) => index.apply(record(d, {})));
    const removed = new Set<number>();
    const deviceStates: Array<Record<string, AlertState>> = devices.map(() => ({}));
    const references = new Map<number, BucketReference>(ITEMS.map((id) => [id, {
      window5m: null, hourAt: T0, avg1h: { high: 1_020_000, low: 1_000_000 }, avg24h: { high: 1_020_000, low: 1_000_000 }, volume24h: 10_000,
    }]));
    const serverFired: string[] = [];
    const deviceFired: string[] = [];
    const prices = new Map(ITEMS.map((id) => [id, 1_000_000]));
    for (let s = 1; s <= 60; s += 1) {
      const time = T0 + s * 60;
      if (s === 30) {
        // A restart: a new index from the stored states, with one rule of every third device edited
        // (its state starts afresh on both sides) and, later, subscriptions removed from among the others.
        const restarted = createRuleIndex();
        devices.forEach((rules, d) => {
          const stored = statesOf(index.subscription(`d${d}`)!);
          if (d % 3 === 0) rules[0] = { ...rules[0]!, target: rules[0]!.target + 1 };
          restarted.apply(record(d, stored));
        });
        index = restarted;
      }
      if (s === 40) {
        for (const d of [4, 17]) {
          index.remove(`d${d}`);
          removed.add(d);
        }
        // A subscription sent again with its rules keeps the states this copy holds.
        index.apply(record(5, {}));
      }
      const moved = ITEMS.filter(() => random() < 0.7);
      const changes = moved.map((itemId) => {
        const low = Math.round((prices.get(itemId) ?? 1) * (0.93 + random() * 0.14));
        prices.set(itemId, low);
        const traded = random() < 0.8 ? time - 5 : time - 200;
        return { itemId, seq: s, high: low + Math.round(random() * 40_000), highTime: traded, low, lowTime: traded };
      });
      for (const itemId of ITEMS) {
        const reference = references.get(itemId)!;
        const volume = Math.round(random() * 200);
        reference.window5m = { timestamp: time - 120, avgHighPrice: (prices.get(itemId) ?? 0) + 10_000, avgLowPrice: prices.get(itemId) ?? 0, highPriceVolume: volume, lowPriceVolume: volume };
      }
      const committed: CommittedChanges = { epoch: 'e', seq: s, committedAt: time * 1000, changes };
      for (const { alert, subscription } of evaluateChanges(index, committed, references).result.fired) serverFired.push(`${subscription.id}/${alert.alertId}@${alert.seq}`);
      const market = new Map<number, AlertMarketItem>(changes.map((c) => [c.itemId, { high: c.high, highTime: c.highTime, low: c.low, lowTime: c.lowTime, ...references.get(c.itemId)! }]));
      devices.forEach((rules, d) => {
        if (removed.has(d)) return;
        const result = evaluateAlerts(rules, deviceStates[d]!, market, { seq: s, time });
        deviceStates[d] = { ...deviceStates[d], ...result.states };
        for (const alert of result.fired) deviceFired.push(`d${d}/${alert.alertId}@${alert.seq}`);
      });
    }
    expect(serverFired.length).toBeGreaterThan(20);
    expect(serverFired.sort()).toEqual(deviceFired.sort());
    expect(index.size()).toBe(devices.length - removed.size);
    devices.forEach((rules, d) => {
      if (removed.has(d)) return;
      const server = statesOf(index.subscription(`d${d}`)!);
      for (const rule of rules) {
        const device = deviceStates[d]![rule.id];
        if (device === undefined) expect(server[rule.id]?.seq).toBe(-1);
        else expect(server[rule.id]).toEqual(device);
      }
    });
  });
});
