// The alerts' part of a running app, in the first paint's code but loading its work later: whether
// notifications are allowed (asked only when the user adds an alert or taps the button, never on
// load), the in-app banner for alerts when they are not, the push subscription's state, and the
// evaluation the leader tab runs after each batch of prices it stores; and "notify me when a buy
// limit resets" (docs/decisions/0021-limit-reset-alerts.md), told here and pushed by the server.
import { createContext, createEffect, createSignal, useContext, type Accessor } from 'solid-js';
import type { Trade } from '../../shared/domain/journal-trade';
import type { LimitReset } from '../../shared/domain/limit-resets';
import type { FiredAlert } from '../../shared/protocol/alerts';
import type { Api } from '../api';
import { listAlerts, type StoredAlert } from '../db/alerts';
import { readMeta, writeMeta } from '../db/meta';
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
  /** "Notify me when a buy limit resets". */
  limitAlerts: Accessor<boolean>;
  /** Call it in the tap itself: switching on asks for notifications before anything else. */
  setLimitAlerts(on: boolean): void;
}

export interface AlertsRuntimeDeps {
  db: GeDb;
  api: Api;
  book: AlertBook;
  itemName(itemId: number): string | null;
  /** The journal's trades, as the pages see them. */
  trades: Accessor<readonly Trade[]>;
  /** An item's GE buy limit, or null when unknown. */
  limitOf(itemId: number): number | null;
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
  const [limitAlerts, setLimitSignal] = createSignal(false);
  const limitResets = async (): Promise<LimitReset[]> => {
    if ((await readMeta(deps.db, 'limitAlerts')) !== true) return [];
    const [{ pendingLimitResets }, { listTrades }] = await Promise.all([import('../../shared/domain/limit-resets'), import('../db/journal')]);
    return pendingLimitResets(await listTrades(deps.db), Math.floor(Date.now() / 1000));
  };
  const pushSync = import('./push-sync').then(({ createPushSync }) =>
    createPushSync({ db: deps.db, api: deps.api, access, setState: setPush, limitResets }),
  );
  const showReset = async (reset: LimitReset): Promise<void> => {
    const { limitResetNotification } = await import('../journal/limit-text');
    const note = limitResetNotification(reset.itemId, reset.at, deps.itemName(reset.itemId), deps.limitOf(reset.itemId));
    const registration = currentAccess() === 'granted' ? await navigator.serviceWorker?.getRegistration() : undefined;
    if (registration) await registration.showNotification(note.title, note.options);
    else toBanner({ tag: note.options.tag, title: note.title, body: note.options.body, itemId: reset.itemId });
  };
  const resetAlerts = import('../journal/limit-reset-alerts').then(({ createLimitResetAlerts }) =>
    createLimitResetAlerts({ db: deps.db, now: Date.now, show: showReset }),
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
  void readMeta(deps.db, 'limitAlerts').then((on) => setLimitSignal(on === true));
  // After the start above: the start's POST already carries the resets, so this sends only a change.
  createEffect(() => {
    const trades = deps.trades();
    const on = limitAlerts();
    void resetAlerts.then((alerts) => alerts.update(trades, on));
    void pushSync.then((sync) => sync.limitResetsChanged());
  });

  async function requestAccess(): Promise<NotificationAccess> {
    const before = currentAccess();
    if (before === 'default') await Notification.requestPermission();
    const next = currentAccess();
    setAccess(next);
    // Newly allowed: the subscription can be made now (the rule change that follows updates it).
    if (next === 'granted' && before !== 'granted') void pushSync.then((sync) => sync.start());
    return next;
  }

  return {
    access,
    requestAccess,
    push,
    banner,
    dismissBanner: () => setBanner([]),
    pricesStored: () => void evaluation.then((alerts) => alerts.evaluate()),
    limitAlerts,
    setLimitAlerts(on) {
      if (on && currentAccess() === 'default') void requestAccess();
      setLimitSignal(on);
      void writeMeta(deps.db, 'limitAlerts', on).then(() => pushSync.then((sync) => sync.limitResetsChanged()));
    },
  };
}

export const AlertsContext = createContext<AlertsRuntime>();

export function useAlerts(): AlertsRuntime | undefined {
  return useContext(AlertsContext);
}
