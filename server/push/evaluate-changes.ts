// The server's side of shared/domain/alerts/evaluate-alerts.ts: the same state machine as
// evaluateRule, run over the rows of the index's columns (rule-index.ts), the rules of one changed
// item at a time. Every branch below is one of evaluateRule's, in its order; evaluate-changes.test.ts
// holds the two to the same firings and states.
import type { CommittedChanges } from '../change-feed';
import type { AlertReference } from '../store/alert-market-query';
import { readItem, type AlertMarketItem } from '../../shared/domain/alerts/alert-market';
import type { FiredAlert } from '../../shared/protocol/alerts';
import type { IndexedSubscription, ItemBucket, RuleIndex } from './rule-index';
import { createReadingTable, type ReadingTable } from './reading-codes';

const NO_REFERENCE: AlertReference = { window5m: null, avg1h: null, avg24h: null, volume24h: null };

export interface Evaluated {
  fired: Array<{ subscription: IndexedSubscription; alert: FiredAlert }>;
  /** Subscriptions with a state changed in anything but its seq: theirs are stored. */
  changed: Set<IndexedSubscription>;
}

/** One item's rules at one sync; `table` is reset to the item's readings. */
function evaluateBucket(b: ItemBucket, table: ReadingTable, seq: number, time: number, result: Evaluated): void {
  const { value, tradeTime, gate, fresh } = table;
  const generation = table.generation();
  for (let i = 0; i < b.length; i += 1) {
    if (seq <= b.seq[i]!) continue;
    b.seq[i] = seq;
    const wasArmed = b.armed[i]!;
    const hadPending = !Number.isNaN(b.pendingSeq[i]!);
    let armed = wasArmed;
    // What the state becomes when nothing fires: NaN clears the pending sync, `keep` keeps it.
    let pendingSeq = NaN;
    let pendingTime = NaN;
    let keep = false;
    let fires = false;
    const code = b.code[i]!;
    if (time < b.expiresAt[i]!) {
      if (fresh[code] !== generation) table.read(code);
      const v = value[code]!;
      // A value that is unknown (NaN) neither holds nor re-arms: the state moves on unchanged, as for a null reading.
      const above = b.above[i] === 1;
      const holds = (above ? v >= b.holdAt[i]! : v <= b.holdAt[i]!) && gate[code] === 1;
      if (above ? v < b.rearmAt[i]! : v > b.rearmAt[i]!) armed = 1;
      if (holds && armed === 1) {
        const trade = tradeTime[code]!;
        if (b.instant[i] === 0) fires = true;
        else if (!Number.isNaN(trade)) {
          // Seen now; it fires when it was seen at the last evaluation too, at an older trade.
          pendingSeq = seq;
          pendingTime = trade;
          if (!hadPending || trade <= b.pendingTradeTime[i]!) keep = hadPending;
          else fires = true;
        }
        // Still armed within the cooldown: it fires once it is over if the condition still holds then.
        if (fires && time < b.firedAt[i]! + b.cooldown[i]!) fires = false;
      }
    }
    if (fires) {
      b.armed[i] = 0;
      b.pendingSeq[i] = NaN;
      b.pendingTradeTime[i] = NaN;
      b.firedSeq[i] = seq;
      b.firedAt[i] = time;
      const slot = b.slots[i]!;
      const { rule } = slot;
      const price = table.price[code]!;
      result.changed.add(slot.subscription);
      result.fired.push({ subscription: slot.subscription, alert: {
        alertId: rule.id, itemId: rule.itemId, measure: rule.measure, kind: rule.kind, value: value[code]!, price: Number.isNaN(price) ? null : price, seq, firedAt: time,
      } });
      continue;
    }
    let changed = armed !== wasArmed;
    b.armed[i] = armed;
    if (!keep && (hadPending || !Number.isNaN(pendingSeq))) {
      changed = true;
      b.pendingSeq[i] = pendingSeq;
      b.pendingTradeTime[i] = pendingTime;
    }
    if (changed) result.changed.add(b.slots[i]!.subscription);
  }
}

/** Evaluates the indexed rules of the changed items (those from `from`, until `budget` rules); mutates the index's states. */
export function evaluateChanges(
  index: RuleIndex,
  committed: CommittedChanges,
  references: ReadonlyMap<number, AlertReference>,
  into: Evaluated = { fired: [], changed: new Set() },
  from = 0,
  budget = Infinity,
  table: ReadingTable = createReadingTable(),
): { result: Evaluated; next: number } {
  const time = Math.floor(committed.committedAt / 1000);
  let looked = 0;
  let position = from;
  for (; position < committed.changes.length && looked < budget; position += 1) {
    const change = committed.changes[position]!;
    const bucket = index.bucketFor(change.itemId);
    if (bucket === undefined) continue;
    const item: AlertMarketItem = { high: change.high, highTime: change.highTime, low: change.low, lowTime: change.lowTime, ...(references.get(change.itemId) ?? NO_REFERENCE) };
    table.reset(readItem(change.itemId, item, time));
    evaluateBucket(bucket, table, committed.seq, time, into);
    looked += bucket.length;
  }
  return { result: into, next: position };
}
