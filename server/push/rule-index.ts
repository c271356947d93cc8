// The evaluating instance's copy of every subscription's rules and states, indexed by item id so a
// sync looks only at the rules of the items it changed. Filled and kept current from the store.
//
// Columnar (docs/decisions/0023-alert-evaluation-layout.md): each item's rules are rows of typed
// arrays, one array per field a sync reads or writes (what the rule reads, its thresholds, its
// state), so a sync walks a few contiguous arrays per changed item instead of an object per rule,
// a state object per rule and the rule itself, scattered over the heap in subscription order (that
// was most of a sync's time in `npm run bench -- alerts`, memory-bound). A null in a state is NaN.
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

const FLOAT_COLUMNS = ['holdAt', 'rearmAt', 'expiresAt', 'cooldown', 'seq', 'pendingSeq', 'pendingTradeTime', 'firedSeq', 'firedAt'] as const;
const BYTE_COLUMNS = ['code', 'above', 'instant', 'armed'] as const;

/** One item's rules, row i of every column being rule slots[i]. */
export interface ItemBucket extends Record<(typeof FLOAT_COLUMNS)[number], Float64Array>, Record<(typeof BYTE_COLUMNS)[number], Uint8Array> {
  itemId: number;
  length: number;
  slots: RuleSlot[];
  // code: readingCode(rule), what the rule reads (reading-codes.ts). above: holds when the value is
  // at or above holdAt and re-arms below rearmAt (else at or below, and above). instant: needs two
  // syncs. expiresAt: Infinity for never. The state: seq, armed, pending (NaN seq for none),
  // firedSeq and firedAt (NaN for never).
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
  const { bucket: b, row } = slot;
  const pendingSeq = orNull(b.pendingSeq[row]!);
  return {
    rule: slot.signature, seq: b.seq[row]!, armed: b.armed[row] === 1,
    pending: pendingSeq === null ? null : { seq: pendingSeq, tradeTime: b.pendingTradeTime[row]! },
    firedSeq: orNull(b.firedSeq[row]!), firedAt: orNull(b.firedAt[row]!),
  };
}

/** A subscription's states as the store keeps them: per rule id. */
export function statesOf(subscription: IndexedSubscription): Record<string, AlertState> {
  const states: Record<string, AlertState> = {};
  for (const slot of subscription.slots) states[slot.rule.id] = stateAt(slot);
  return states;
}

function createBucket(itemId: number, capacity: number): ItemBucket {
  const bucket = { itemId, length: 0, slots: [] } as unknown as ItemBucket;
  for (const name of FLOAT_COLUMNS) bucket[name] = new Float64Array(capacity);
  for (const name of BYTE_COLUMNS) bucket[name] = new Uint8Array(capacity);
  return bucket;
}

function grow(bucket: ItemBucket): void {
  const capacity = bucket.code.length * 2;
  for (const name of FLOAT_COLUMNS) {
    const column = new Float64Array(capacity);
    column.set(bucket[name]);
    bucket[name] = column;
  }
  for (const name of BYTE_COLUMNS) {
    const column = new Uint8Array(capacity);
    column.set(bucket[name]);
    bucket[name] = column;
  }
}

/** Writes one rule and its state into a new row of its bucket. */
function append(bucket: ItemBucket, slot: RuleSlot, state: AlertState | undefined): void {
  if (bucket.length === bucket.code.length) grow(bucket);
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
  bucket.code[row] = readingCode(rule);
  bucket.above[row] = above ? 1 : 0;
  bucket.instant[row] = rule.mode === 'instant' ? 1 : 0;
  bucket.holdAt[row] = holdAt;
  bucket.rearmAt[row] = rearmAt;
  bucket.expiresAt[row] = rule.expiresAt ?? Infinity;
  bucket.cooldown[row] = rule.cooldownSeconds;
  bucket.seq[row] = state?.seq ?? -1;
  bucket.armed[row] = state === undefined || state.armed ? 1 : 0;
  bucket.pendingSeq[row] = state?.pending?.seq ?? NaN;
  bucket.pendingTradeTime[row] = state?.pending?.tradeTime ?? NaN;
  bucket.firedSeq[row] = state?.firedSeq ?? NaN;
  bucket.firedAt[row] = state?.firedAt ?? NaN;
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
      for (const name of FLOAT_COLUMNS) bucket[name][kept] = bucket[name][row]!;
      for (const name of BYTE_COLUMNS) bucket[name][kept] = bucket[name][row]!;
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
