// The evaluating instance's copy of every subscription's rules and states, indexed by item id so a
// sync looks only at the rules of the items it changed. Filled and kept current from the store.
//
// Packed (docs/decisions/0023-alert-evaluation-layout.md): each item's rules are rows of two typed
// arrays, the numbers a sync reads and writes (thresholds, expiry, cooldown, state) in one and the
// flags in the other, so a sync walks two contiguous blocks per changed item instead of an object
// per rule, a state object per rule and the rule itself, scattered over the heap in subscription
// order (that was most of a sync's time in `npm run bench -- alerts`, memory-bound; one array per
// field was still a dozen scattered blocks per item). A null in a state is NaN.
// The rule objects and subscriptions are read only when a rule fires or its state is saved.
import type { AlertRule, AlertState } from '../../shared/protocol/alerts';
import { ruleSignature } from '../../shared/domain/alerts/evaluate-alerts';
import { hysteresisMargin } from '../../shared/domain/alerts/alert-condition';
import { readingCode } from './reading-codes';
import type { PushSubscriptionRecord } from '../store/push-subscriptions-repo';

export interface IndexedSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  revision: number;
  slots: RuleSlot[];
}

/** Where one rule of a subscription lives: its item's bucket and its row there (moved as rows are removed). */
export interface RuleSlot {
  subscription: IndexedSubscription;
  rule: AlertRule;
  /** ruleSignature(rule): a state saved is made for this condition. */
  signature: string;
  bucket: ItemBucket;
  row: number;
}

/**
 * A row's numbers, at row * FLOATS + one of these in `floats`. holdAt: the condition holds at or
 * above it (`above`), else at or below it; rearmAt: it re-arms below it (`above`), else above it;
 * expiresAt: Infinity for never. Then the state: seq, the pending sync and its trade time (NaN
 * seq for none), the last firing's seq and time (NaN for never).
 */
export const F = { holdAt: 0, rearmAt: 1, expiresAt: 2, cooldown: 3, seq: 4, pendingSeq: 5, pendingTradeTime: 6, firedSeq: 7, firedAt: 8 } as const;
export const FLOATS = 9;
/** A row's flags, at row * BYTES + one of these in `bytes`; code: readingCode(rule) (reading-codes.ts). */
export const B = { code: 0, above: 1, instant: 2, armed: 3 } as const;
export const BYTES = 4;

/** One item's rules: row i is rule slots[i], its numbers and flags side by side in two arrays. */
export interface ItemBucket {
  itemId: number;
  length: number;
  slots: RuleSlot[];
  floats: Float64Array;
  bytes: Uint8Array;
}

export interface RuleIndex {
  /** Adds or replaces a subscription; states this copy holds for unchanged rules are kept (they are newer). */
  apply(record: PushSubscriptionRecord): void;
  remove(id: string): void;
  /** Drops every subscription not in `ids`. */
  retain(ids: ReadonlySet<string>): void;
  bucketFor(itemId: number): ItemBucket | undefined;
  subscription(id: string): IndexedSubscription | undefined;
  size(): number;
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** One row's state as the store and the device keep it. */
export function stateAt(slot: RuleSlot): AlertState {
  const { floats, bytes } = slot.bucket;
  const at = slot.row * FLOATS;
  const pendingSeq = orNull(floats[at + F.pendingSeq]!);
  return {
    rule: slot.signature, seq: floats[at + F.seq]!, armed: bytes[slot.row * BYTES + B.armed] === 1,
    pending: pendingSeq === null ? null : { seq: pendingSeq, tradeTime: floats[at + F.pendingTradeTime]! },
    firedSeq: orNull(floats[at + F.firedSeq]!), firedAt: orNull(floats[at + F.firedAt]!),
  };
}

/** A subscription's states as the store keeps them: per rule id. */
export function statesOf(subscription: IndexedSubscription): Record<string, AlertState> {
  const states: Record<string, AlertState> = {};
  for (const slot of subscription.slots) states[slot.rule.id] = stateAt(slot);
  return states;
}

function createBucket(itemId: number, capacity: number): ItemBucket {
  return { itemId, length: 0, slots: [], floats: new Float64Array(capacity * FLOATS), bytes: new Uint8Array(capacity * BYTES) };
}

/** Writes one rule and its state into a new row of its bucket. */
function append(bucket: ItemBucket, slot: RuleSlot, state: AlertState | undefined): void {
  if (bucket.length * BYTES === bucket.bytes.length) {
    const floats = new Float64Array(bucket.floats.length * 2);
    floats.set(bucket.floats);
    const bytes = new Uint8Array(bucket.bytes.length * 2);
    bytes.set(bucket.bytes);
    [bucket.floats, bucket.bytes] = [floats, bytes];
  }
  const row = bucket.length;
  const { rule } = slot;
  const margin = hysteresisMargin(rule);
  const target = Math.abs(rule.target);
  // The same expressions as readCondition's, so each comparison is the one the device makes.
  let above = rule.op === 'above';
  let holdAt = rule.target;
  let rearmAt = above ? rule.target - margin : rule.target + margin;
  if (rule.kind === 'move') [holdAt, rearmAt] = above ? [target, target - margin] : [-target, -target + margin];
  else if (rule.kind === 'dump') [above, holdAt, rearmAt] = [true, target, target - margin];
  bucket.floats.set([
    holdAt, rearmAt, rule.expiresAt ?? Infinity, rule.cooldownSeconds,
    state?.seq ?? -1, state?.pending?.seq ?? NaN, state?.pending?.tradeTime ?? NaN, state?.firedSeq ?? NaN, state?.firedAt ?? NaN,
  ], row * FLOATS);
  bucket.bytes.set([readingCode(rule), above ? 1 : 0, rule.mode === 'instant' ? 1 : 0, state === undefined || state.armed ? 1 : 0], row * BYTES);
  slot.row = row;
  bucket.slots.push(slot);
  bucket.length = row + 1;
}

/** Drops the rows of one subscription, moving the rows after them down. */
function removeRows(bucket: ItemBucket, subscription: IndexedSubscription): void {
  let kept = 0;
  for (let row = 0; row < bucket.length; row += 1) {
    const slot = bucket.slots[row]!;
    if (slot.subscription === subscription) continue;
    if (kept !== row) {
      bucket.floats.copyWithin(kept * FLOATS, row * FLOATS, (row + 1) * FLOATS);
      bucket.bytes.copyWithin(kept * BYTES, row * BYTES, (row + 1) * BYTES);
      bucket.slots[kept] = slot;
      slot.row = kept;
    }
    kept += 1;
  }
  bucket.slots.length = kept;
  bucket.length = kept;
}

export function createRuleIndex(): RuleIndex {
  const subscriptions = new Map<string, IndexedSubscription>();
  const byItem = new Map<number, ItemBucket>();

  const remove = (id: string): void => {
    const existing = subscriptions.get(id);
    if (existing === undefined) return;
    subscriptions.delete(id);
    for (const bucket of new Set(existing.slots.map((slot) => slot.bucket))) {
      removeRows(bucket, existing);
      if (bucket.length === 0) byItem.delete(bucket.itemId);
    }
  };

  return {
    apply(record) {
      const previous = subscriptions.get(record.id);
      const held = previous === undefined ? {} : statesOf(previous);
      remove(record.id);
      const subscription: IndexedSubscription = {
        id: record.id, endpoint: record.endpoint, keys: { p256dh: record.p256dh, auth: record.auth },
        revision: record.revision, slots: [],
      };
      for (const rule of record.rules) {
        const mine = held[rule.id];
        const stored = record.states[rule.id];
        const newest = mine !== undefined && (stored === undefined || mine.seq >= stored.seq) ? mine : stored;
        const signature = ruleSignature(rule);
        let bucket = byItem.get(rule.itemId);
        if (bucket === undefined) byItem.set(rule.itemId, (bucket = createBucket(rule.itemId, 8)));
        const slot: RuleSlot = { subscription, rule, signature, bucket, row: -1 };
        // A state of an edited rule starts afresh, as evaluateRule would.
        append(bucket, slot, newest !== undefined && newest.rule === signature ? newest : undefined);
        subscription.slots.push(slot);
      }
      subscriptions.set(record.id, subscription);
    },
    remove,
    retain(ids) {
      for (const id of [...subscriptions.keys()]) if (!ids.has(id)) remove(id);
    },
    bucketFor: (itemId) => byItem.get(itemId),
    subscription: (id) => subscriptions.get(id),
    size: () => subscriptions.size,
  };
}
