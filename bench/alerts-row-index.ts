// The rule index as it was before the columnar layout (commit 747fcc5: an object per rule beside
// its state, docs/decisions/0023-alert-evaluation-layout.md), kept for `npm run bench -- alerts`
// only, so both layouts are measured side by side on the same syncs under the same load.
import type { AlertRule, AlertState, FiredAlert } from '../shared/protocol/alerts';
import { evaluateRule, initialAlertState, ruleSignature } from '../shared/domain/alerts/evaluate-alerts';
import { readItem, type AlertMarketItem } from '../shared/domain/alerts/alert-market';
import type { CommittedChanges } from '../server/change-feed';
import { NO_REFERENCE, referenceAt, type BucketReference } from '../shared/domain/alert-market-buckets';
import type { PushSubscriptionRecord } from '../server/store/push-subscriptions-repo';


export interface IndexedSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  revision: number;
  entries: IndexedRule[];
}

export interface IndexedRule {
  subscription: IndexedSubscription;
  rule: AlertRule;
  /** ruleSignature(rule), kept so a sync does not look it up per rule. */
  signature: string;
  /** The rule's newest state (the initial one until it is first evaluated). */
  state: AlertState;
}

interface RuleIndex {
  /** Adds or replaces a subscription; states this copy holds for unchanged rules are kept (they are newer). */
  apply(record: PushSubscriptionRecord): void;
  remove(id: string): void;
  /** Drops every subscription not in `ids`. */
  retain(ids: ReadonlySet<string>): void;
  rulesFor(itemId: number): readonly IndexedRule[];
  size(): number;
}

/** A subscription's states as the store keeps them: per rule id. */
function statesOf(subscription: IndexedSubscription): Record<string, AlertState> {
  const states: Record<string, AlertState> = {};
  for (const entry of subscription.entries) states[entry.rule.id] = entry.state;
  return states;
}

export function createRowIndex(): RuleIndex {
  const subscriptions = new Map<string, IndexedSubscription>();
  const byItem = new Map<number, IndexedRule[]>();

  const remove = (id: string): void => {
    const existing = subscriptions.get(id);
    if (existing === undefined) return;
    subscriptions.delete(id);
    for (const itemId of new Set(existing.entries.map((entry) => entry.rule.itemId))) {
      const kept = (byItem.get(itemId) ?? []).filter((entry) => entry.subscription !== existing);
      if (kept.length === 0) byItem.delete(itemId);
      else byItem.set(itemId, kept);
    }
  };

  return {
    apply(record) {
      const previous = subscriptions.get(record.id);
      const held = previous === undefined ? {} : statesOf(previous);
      remove(record.id);
      const subscription: IndexedSubscription = {
        id: record.id, endpoint: record.endpoint, keys: { p256dh: record.p256dh, auth: record.auth },
        revision: record.revision, entries: [],
      };
      for (const rule of record.rules) {
        const mine = held[rule.id];
        const stored = record.states[rule.id];
        const newest = mine !== undefined && (stored === undefined || mine.seq >= stored.seq) ? mine : stored;
        const signature = ruleSignature(rule);
        // Made here, beside its entry, and from then on moved on in place: a sync reads entry and
        // state from neighbouring memory. A state of an edited rule starts afresh, as evaluateRule would.
        const state = newest !== undefined && newest.rule === signature ? { ...newest, rule: signature } : initialAlertState(rule, signature);
        const entry: IndexedRule = { subscription, rule, signature, state };
        subscription.entries.push(entry);
        const list = byItem.get(rule.itemId);
        if (list === undefined) byItem.set(rule.itemId, [entry]);
        else list.push(entry);
      }
      subscriptions.set(record.id, subscription);
    },
    remove,
    retain(ids) {
      for (const id of [...subscriptions.keys()]) if (!ids.has(id)) remove(id);
    },
    rulesFor: (itemId) => byItem.get(itemId) ?? [],
    size: () => subscriptions.size,
  };
}

/** Whether a state differs from the stored one in anything but the seq it was last seen at. */
function changedState(before: AlertState | undefined, after: AlertState): boolean {
  return before === undefined || before.armed !== after.armed || before.firedSeq !== after.firedSeq || before.rule !== after.rule
    || before.pending?.seq !== after.pending?.seq || before.pending?.tradeTime !== after.pending?.tradeTime;
}

/** Evaluates the indexed rules of the changed items (those from `from`, until `budget` rules); mutates the index's states. */
export function evaluateChangesByRow(
  index: RuleIndex,
  committed: CommittedChanges,
  references: ReadonlyMap<number, BucketReference>,
  into: { fired: Array<{ subscription: IndexedSubscription; alert: FiredAlert }>; changed: Set<IndexedSubscription> } = { fired: [], changed: new Set() },
  from = 0,
  budget = Infinity,
): { result: typeof into; next: number } {
  const sync = { seq: committed.seq, time: Math.floor(committed.committedAt / 1000) };
  const result = into;
  let looked = 0;
  let position = from;
  for (; position < committed.changes.length && looked < budget; position += 1) {
    const change = committed.changes[position]!;
    const entries = index.rulesFor(change.itemId);
    if (entries.length === 0) continue;
    const item: AlertMarketItem = { high: change.high, highTime: change.highTime, low: change.low, lowTime: change.lowTime, ...referenceAt(references.get(change.itemId) ?? NO_REFERENCE, sync.time) };
    const readings = readItem(change.itemId, item, sync.time);
    for (const entry of entries) {
      const before = entry.state;
      const { state, fired } = evaluateRule(entry.rule, before, readings, sync, entry);
      entry.state = state;
      if (changedState(before, state)) result.changed.add(entry.subscription);
      if (fired !== null) result.fired.push({ subscription: entry.subscription, alert: fired });
    }
    looked += entries.length;
  }
  return { result, next: position };
}

