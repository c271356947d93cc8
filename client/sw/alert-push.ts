// What the service worker does with an alert: a push from the server (a FiredAlert as JSON) is
// recorded in the device's fired history, so an open tab does not show the same firing again, and
// shown with the tag the device would use; a click on an alert's notification opens its item. A
// buy-limit reset's push is marked as told (so an open tab does not tell it again) and shown as the
// device shows it (tag `limit-<itemId>`).
import { FiredAlertSchema } from '../../shared/protocol/alerts';
import { LimitResetPushSchema, type LimitResetPush } from '../../shared/protocol/push';
import { claimLimitResets } from '../db/limit-shown';
import { limitResetNotification } from '../journal/limit-text';
import { isStoredAlert, recordFired } from '../db/alerts';
import { isCatalogueItem } from '../db/records';
import type { GeDb } from '../db/schema';
import { itemPath } from '../lib/item-path';
import { ALERT_SHOWN_MESSAGE, alertNotification, type AlertNotificationData } from '../alerts/alert-text';

export interface AlertPushDeps {
  openDb(): Promise<GeDb>;
  showNotification(title: string, options: NotificationOptions): Promise<void>;
  /** Tells every open page (headless browsers may list no notifications; tests listen here). */
  tellClients(message: { type: typeof ALERT_SHOWN_MESSAGE; tag: string; alertId: string | null; seq: number | null }): Promise<void>;
}

function readJson(text: string | null): unknown {
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Every push must show a notification (Chrome's userVisibleOnly; iOS drops silent subscriptions),
 * so one that cannot be read still says something. The history write never holds the notification back.
 */
export async function handleAlertPush(text: string | null, deps: AlertPushDeps): Promise<void> {
  const json = readJson(text);
  const reset = LimitResetPushSchema.safeParse(json);
  if (reset.success) return handleLimitResetPush(reset.data, deps);
  const parsed = FiredAlertSchema.safeParse(json);
  if (!parsed.success) {
    await deps.showNotification('GE Tracker', { tag: 'alert-unknown', body: 'A price alert fired. Open the app to see it.' });
    await deps.tellClients({ type: ALERT_SHOWN_MESSAGE, tag: 'alert-unknown', alertId: null, seq: null });
    return;
  }
  const fired = parsed.data;
  let itemName: string | null = null;
  let rule;
  try {
    const db = await deps.openDb();
    const [item, stored] = await Promise.all([db.get('items', fired.itemId), db.get('alerts', fired.alertId)]);
    itemName = isCatalogueItem(item) ? item.name : null;
    rule = isStoredAlert(stored) ? stored : undefined;
    await recordFired(db, [{ ...fired, source: 'push' }]);
  } catch {
    // The device's database is unavailable (being upgraded, or storage refused): the alert still shows.
  }
  const note = alertNotification(fired, itemName, rule);
  await deps.showNotification(note.title, note.options);
  await deps.tellClients({ type: ALERT_SHOWN_MESSAGE, tag: note.options.tag, alertId: fired.alertId, seq: fired.seq });
}

/** Shown even when an open tab told it first: the same tag replaces that one, and every push must show something. */
async function handleLimitResetPush(reset: LimitResetPush, deps: AlertPushDeps): Promise<void> {
  let itemName: string | null = null;
  let limit: number | null = null;
  try {
    const db = await deps.openDb();
    const item = await db.get('items', reset.itemId);
    if (isCatalogueItem(item)) ({ name: itemName, limit } = item);
    await claimLimitResets(db, [{ itemId: reset.itemId, at: reset.at }], Math.floor(Date.now() / 1000));
  } catch {
    // The device's database is unavailable: the reset still shows.
  }
  const note = limitResetNotification(reset.itemId, reset.at, itemName, limit);
  await deps.showNotification(note.title, note.options);
  await deps.tellClients({ type: ALERT_SHOWN_MESSAGE, tag: note.options.tag, alertId: null, seq: null });
}

/** The page an alert's notification opens: its item, or the alerts page when it names none. */
export function alertTarget(data: unknown, itemName: string | null): string {
  const itemId = typeof data === 'object' && data !== null ? (data as Partial<AlertNotificationData>).itemId : undefined;
  if (typeof itemId !== 'number' || !Number.isSafeInteger(itemId) || itemId <= 0) return '/alerts';
  return itemName ? itemPath({ id: itemId, name: itemName }) : `/items/${itemId}`;
}

export interface WindowLike {
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}

export interface OpenAlertDeps {
  windows(): Promise<readonly WindowLike[]>;
  openWindow(url: string): Promise<unknown>;
}

/** Focuses an open window of the app on the item, or opens one there. */
export async function openAlertTarget(url: string, deps: OpenAlertDeps): Promise<void> {
  const [open] = await deps.windows();
  if (!open) {
    await deps.openWindow(url);
    return;
  }
  // Both refuse at times (focus without the click's user activation, navigate for a window this
  // worker does not control); each does what it can.
  await open.focus().catch(() => undefined);
  await open.navigate(url).catch(() => undefined);
}
