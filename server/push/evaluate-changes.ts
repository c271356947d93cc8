// The server's side of shared/domain/alerts/evaluate-alerts.ts: the same state machine as
// evaluateRule, run over the rows of the index's packed arrays (rule-index.ts), the rules of one changed
// item at a time. Every branch below is one of evaluateRule's, in its order; evaluate-changes.test.ts
// holds the two to the same firings and states.
import type { CommittedChanges } from '../change-feed';
import { NO_REFERENCE, referenceAt, type BucketReference } from '../../shared/domain/alert-market-buckets';
import { readItem, type AlertMarketItem } from '../../shared/domain/alerts/alert-market';
import type { FiredAlert } from '../../shared/protocol/alerts';
import { B, BYTES, F, FLOATS, type IndexedSubscription, type ItemBucket, type RuleIndex } from './rule-index';
import { createReadingTable, type ReadingTable } from './reading-codes';


export interface Evaluated {
  fired: Array<{ subscription: IndexedSubscription; alert: FiredAlert }>;
  /** Subscriptions with a state changed in anything but its seq: theirs are stored. */
  changed: Set<IndexedSubscription>;
}

/** One item's rules at one sync; `table` is reset to the item's readings. */
function evaluateBucket(b: ItemBucket, table: ReadingTable, seq: number, time: number, result: Evaluated): void {
  const { value, tradeTime, gate, fresh } = table;
  const generation = table.generation();
  const { floats: f, bytes: y } = b;
  for (let i = 0, at = 0, by = 0; i < b.length; i += 1, at += FLOATS, by += BYTES) {
    if (seq <= f[at + F.seq]!) continue;
    f[at + F.seq] = seq;
    const wasArmed = y[by + B.armed]!;
    const hadPending = !Number.isNaN(f[at + F.pendingSeq]!);
    let armed = wasArmed;
    // What the state becomes when nothing fires: NaN clears the pending sync, `keep` keeps it.
    let pendingSeq = NaN;
    let pendingTime = NaN;
    let keep = false;
    let fires = false;
    const code = y[by + B.code]!;
    if (time < f[at + F.expiresAt]!) {
      if (fresh[code] !== generation) table.read(code);
      const v = value[code]!;
      // A value that is unknown (NaN) neither holds nor re-arms: the state moves on unchanged, as for a null reading.
      const above = y[by + B.above] === 1;
      const holds = (above ? v >= f[at + F.holdAt]! : v <= f[at + F.holdAt]!) && gate[code] === 1;
      if (above ? v < f[at + F.rearmAt]! : v > f[at + F.rearmAt]!) armed = 1;
      if (holds && armed === 1) {
        const trade = tradeTime[code]!;
        if (y[by + B.instant] === 0) fires = true;
        else if (!Number.isNaN(trade)) {
          // Seen now; it fires when it was seen at the last evaluation too, at an older trade.
          pendingSeq = seq;
          pendingTime = trade;
          if (!hadPending || trade <= f[at + F.pendingTradeTime]!) keep = hadPending;
          else fires = true;
        }
        // Still armed within the cooldown: it fires once it is over if the condition still holds then.
        if (fires && time < f[at + F.firedAt]! + f[at + F.cooldown]!) fires = false;
      }
    }
    if (fires) {
      y[by + B.armed] = 0;
      f[at + F.pendingSeq] = NaN;
      f[at + F.pendingTradeTime] = NaN;
      f[at + F.firedSeq] = seq;
      f[at + F.firedAt] = time;
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
    y[by + B.armed] = armed;
    if (!keep && (hadPending || !Number.isNaN(pendingSeq))) {
      changed = true;
      f[at + F.pendingSeq] = pendingSeq;
      f[at + F.pendingTradeTime] = pendingTime;
    }
    if (changed) result.changed.add(b.slots[i]!.subscription);
  }
}

/** Evaluates the indexed rules of the changed items (those from `from`, until `budget` rules); mutates the index's states. */
export function evaluateChanges(
  index: RuleIndex,
  committed: CommittedChanges,
  references: ReadonlyMap<number, BucketReference>,
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
    const item: AlertMarketItem = { high: change.high, highTime: change.highTime, low: change.low, lowTime: change.lowTime, ...referenceAt(references.get(change.itemId) ?? NO_REFERENCE, time) };
    table.reset(readItem(change.itemId, item, time));
    evaluateBucket(bucket, table, committed.seq, time, into);
    looked += bucket.length;
  }
  return { result: into, next: position };
}
