// The alerts as the pages see them: rules and the fired history read from the device, then kept
// in signals that every write (here, in another tab, or by the service worker for a push) reloads
// from IndexedDB, so what is shown is what is stored.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { deleteAlert, listAlerts, listFired, putAlert, type FiredRecord, type StoredAlert } from '../db/alerts';
import type { GeDb } from '../db/schema';
import { ALERT_SHOWN_MESSAGE } from './alert-text';

/** Tabs tell each other that rules or the fired history changed. */
export const ALERTS_CHANNEL = 'ge-tracker-alerts';

export interface AlertBook {
  rules: Accessor<readonly StoredAlert[]>;
  fired: Accessor<readonly FiredRecord[]>;
  loaded: Accessor<boolean>;
  /** Adds a rule or replaces the one with its id; rejects (nothing saved) past the cap. */
  save(alert: StoredAlert): Promise<void>;
  remove(id: string): Promise<void>;
  setEnabled(id: string, enabled: boolean): Promise<void>;
  /** Re-reads the device (the fired history grew in this tab's evaluation). */
  reload(): Promise<void>;
  /** Called after each change of the rules made in this tab (the push subscription follows them). */
  onRulesChanged(listener: (rules: readonly StoredAlert[]) => void): () => void;
}

export function createAlertBook(db: GeDb): AlertBook {
  const [rules, setRules] = createSignal<readonly StoredAlert[]>([]);
  const [fired, setFired] = createSignal<readonly FiredRecord[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const listeners = new Set<(rules: readonly StoredAlert[]) => void>();
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(ALERTS_CHANNEL);

  const reload = async (): Promise<void> => {
    const [nextRules, nextFired] = await Promise.all([listAlerts(db), listFired(db)]);
    setRules(nextRules);
    setFired(nextFired);
    setLoaded(true);
  };
  const changed = async (): Promise<void> => {
    await reload();
    channel?.postMessage({ type: 'changed' });
    const now = rules();
    listeners.forEach((listener) => listener(now));
  };

  if (channel) channel.onmessage = () => void reload();
  const fromWorker = (event: MessageEvent) => {
    const message: unknown = event.data;
    if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === ALERT_SHOWN_MESSAGE) void reload();
  };
  const worker = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  worker?.addEventListener('message', fromWorker);
  onCleanup(() => {
    channel?.close();
    worker?.removeEventListener('message', fromWorker);
  });
  void reload();

  return {
    rules,
    fired,
    loaded,
    async save(alert) {
      await putAlert(db, alert);
      await changed();
    },
    async remove(id) {
      await deleteAlert(db, id);
      await changed();
    },
    async setEnabled(id, enabled) {
      const rule = rules().find((candidate) => candidate.id === id);
      if (!rule) return;
      await putAlert(db, { ...rule, enabled });
      await changed();
    },
    reload: async () => {
      await reload();
      channel?.postMessage({ type: 'changed' });
    },
    onRulesChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
