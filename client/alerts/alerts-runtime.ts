// The alerts' part of a running app, in the first paint's code but loading its work later: whether
// notifications are allowed (asked only when the user adds an alert or taps the button, never on
// load), the in-app banner for alerts when they are not, the push subscription's state, and the
// evaluation the leader tab runs after each batch of prices it stores.
import { createContext, createSignal, useContext, type Accessor } from 'solid-js';
import type { FiredAlert } from '../../shared/protocol/alerts';
import type { Api } from '../api';
import { listAlerts, type StoredAlert } from '../db/alerts';
import type { GeDb } from '../db/schema';
import { alertNotification } from './alert-text';
import type { AlertBook } from './alerts-state';
import type { NotificationAccess, PushState } from './push-sync';

export interface BannerAlert {
  tag: string;
  title: string;
  body: string;
  itemId: number;
}

export interface AlertsRuntime {
  access: Accessor<NotificationAccess>;
  requestAccess(): Promise<NotificationAccess>;
  push: Accessor<PushState>;
  /** Alerts that fired while notifications are not allowed, newest first. */
  banner: Accessor<readonly BannerAlert[]>;
  dismissBanner(): void;
  /** The leader tab stored prices (a batch, a catch-up or a snapshot): evaluate the rules. */
  pricesStored(): void;
}

export interface AlertsRuntimeDeps {
  db: GeDb;
  api: Api;
  book: AlertBook;
  itemName(itemId: number): string | null;
}

const currentAccess = (): NotificationAccess => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

export interface ShowDeps {
  access(): NotificationAccess;
  registration(): Promise<Pick<ServiceWorkerRegistration, 'showNotification'> | undefined>;
  itemName(itemId: number): string | null;
  toBanner(entry: BannerAlert): void;
}

/** Shows a fired alert: a notification through the service worker when allowed, else the in-app banner. */
export async function showFired(fired: FiredAlert, rule: StoredAlert | undefined, deps: ShowDeps): Promise<'notification' | 'banner'> {
  const note = alertNotification(fired, deps.itemName(fired.itemId), rule);
  const registration = deps.access() === 'granted' ? await deps.registration() : undefined;
  if (registration) {
    await registration.showNotification(note.title, note.options);
    return 'notification';
  }
  deps.toBanner({ tag: note.options.tag, title: note.title, body: note.options.body, itemId: fired.itemId });
  return 'banner';
}

export function createAlertsRuntime(deps: AlertsRuntimeDeps): AlertsRuntime {
  const [access, setAccess] = createSignal<NotificationAccess>(currentAccess());
  const [push, setPush] = createSignal<PushState>('starting');
  const [banner, setBanner] = createSignal<readonly BannerAlert[]>([]);
  const toBanner = (entry: BannerAlert) => setBanner((held) => [entry, ...held.filter((other) => other.tag !== entry.tag)].slice(0, 5));

  const evaluation = import('./device-alerts').then(({ createDeviceAlerts }) =>
    createDeviceAlerts({
      db: deps.db,
      show: (fired, rule) =>
        showFired(fired, rule, {
          access: currentAccess,
          registration: async () => navigator.serviceWorker?.getRegistration(),
          itemName: deps.itemName,
          toBanner,
        }).then(() => undefined),
      recorded: () => void deps.book.reload(),
    }),
  );
  const pushSync = import('./push-sync').then(({ createPushSync }) =>
    createPushSync({ db: deps.db, api: deps.api, access, setState: setPush }),
  );
  // The rules' items need their averages on the device; fetched on start and when the rules change.
  let fetching: Promise<void> = Promise.resolve();
  const fetchHistory = (itemIds: readonly number[]) => {
    fetching = fetching
      .then(() => import('./alert-history'))
      .then(({ fetchAlertHistory }) => fetchAlertHistory({ db: deps.db, api: deps.api }, itemIds))
      .catch(() => undefined); // offline: the next start or rule change tries again
  };
  const itemsOf = (rules: readonly StoredAlert[]) => [...new Set(rules.map((rule) => rule.itemId))];
  deps.book.onRulesChanged((rules) => {
    fetchHistory(itemsOf(rules));
    void pushSync.then((sync) => sync.rulesChanged());
  });
  void pushSync.then((sync) => sync.start());
  void listAlerts(deps.db).then((rules) => fetchHistory(itemsOf(rules)));

  return {
    access,
    async requestAccess() {
      const before = currentAccess();
      if (before === 'default') await Notification.requestPermission();
      const next = currentAccess();
      setAccess(next);
      // Newly allowed: the subscription can be made now (the rule change that follows updates it).
      if (next === 'granted' && before !== 'granted') void pushSync.then((sync) => sync.start());
      return next;
    },
    push,
    banner,
    dismissBanner: () => setBanner([]),
    pricesStored: () => void evaluation.then((alerts) => alerts.evaluate()),
  };
}

export const AlertsContext = createContext<AlertsRuntime>();

export function useAlerts(): AlertsRuntime | undefined {
  return useContext(AlertsContext);
}
