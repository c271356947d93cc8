// The evaluating instance's copy of every subscription's rules and states, indexed by item id so a
// sync looks only at the rules of the items it changed. Filled and kept current from the store.
import type { AlertRule, AlertState } from '../../shared/protocol/alerts';
import type { PushSubscriptionRecord } from '../store/push-subscriptions-repo';

export interface IndexedSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  revision: number;
  rules: AlertRule[];
  states: Record<string, AlertState>;
}

export interface IndexedRule {
  subscription: IndexedSubscription;
  rule: AlertRule;
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

export function createRuleIndex(): RuleIndex {
  const subscriptions = new Map<string, IndexedSubscription>();
  const byItem = new Map<number, IndexedRule[]>();

  const remove = (id: string): void => {
    const existing = subscriptions.get(id);
    if (existing === undefined) return;
    subscriptions.delete(id);
    for (const itemId of new Set(existing.rules.map((rule) => rule.itemId))) {
      const kept = (byItem.get(itemId) ?? []).filter((entry) => entry.subscription !== existing);
      if (kept.length === 0) byItem.delete(itemId);
      else byItem.set(itemId, kept);
    }
  };

  return {
    apply(record) {
      const previous = subscriptions.get(record.id);
      const states: Record<string, AlertState> = {};
      for (const rule of record.rules) {
        const held = previous?.states[rule.id];
        const stored = record.states[rule.id];
        const newest = held !== undefined && (stored === undefined || held.seq >= stored.seq) ? held : stored;
        if (newest !== undefined) states[rule.id] = newest;
      }
      remove(record.id);
      const subscription: IndexedSubscription = {
        id: record.id, endpoint: record.endpoint, keys: { p256dh: record.p256dh, auth: record.auth },
        revision: record.revision, rules: record.rules, states,
      };
      subscriptions.set(record.id, subscription);
      for (const rule of record.rules) {
        const list = byItem.get(rule.itemId);
        if (list === undefined) byItem.set(rule.itemId, [{ subscription, rule }]);
        else list.push({ subscription, rule });
      }
    },
    remove,
    retain(ids) {
      for (const id of [...subscriptions.keys()]) if (!ids.has(id)) remove(id);
    },
    rulesFor: (itemId) => byItem.get(itemId) ?? [],
    size: () => subscriptions.size,
  };
}
