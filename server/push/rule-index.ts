// The evaluating instance's copy of every subscription's rules and states, indexed by item id so a
// sync looks only at the rules of the items it changed. Filled and kept current from the store.
//
// Each rule's state lives in its own index entry, not in a per-subscription record keyed by rule
// id: 10,000 records gaining up to 50 keys each in whatever order the items change make as many
// hidden classes, and every read and write of them was a dictionary lookup (most of a sync's
// evaluation time in `npm run bench -- alerts`). A record is built only when the states are saved.
import type { AlertRule, AlertState } from '../../shared/protocol/alerts';
import { initialAlertState, ruleSignature } from '../../shared/domain/alerts/evaluate-alerts';
import type { PushSubscriptionRecord } from '../store/push-subscriptions-repo';

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

export interface RuleIndex {
  /** Adds or replaces a subscription; states this copy holds for unchanged rules are kept (they are newer). */
  apply(record: PushSubscriptionRecord): void;
  remove(id: string): void;
  /** Drops every subscription not in `ids`. */
  retain(ids: ReadonlySet<string>): void;
  rulesFor(itemId: number): readonly IndexedRule[];
  size(): number;
}

/** A subscription's states as the store keeps them: per rule id. */
export function statesOf(subscription: IndexedSubscription): Record<string, AlertState> {
  const states: Record<string, AlertState> = {};
  for (const entry of subscription.entries) states[entry.rule.id] = entry.state;
  return states;
}

export function createRuleIndex(): RuleIndex {
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
