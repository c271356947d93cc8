// Keeps the server's copy of this device's push subscription and rules in step: POST on every app
// start (Chrome never fires `pushsubscriptionchange`, so the start is when a lost subscription is
// re-sent), PUT on every rule change, DELETE when no rule is left on. PUT and DELETE name the id
// the POST answered and prove the device holds the subscription with its auth secret. The buy-limit
// resets still to come ride along in every POST and PUT (the server pushes them when they come);
// a change of the journal sends a PUT only when they changed, so a start stays one POST. Only when
// notifications are allowed and the server has push on; offline, the latest wish waits for `online`.
import type { Accessor } from 'solid-js';
import type { LimitReset } from '../../shared/domain/limit-resets';
import type { AlertRule } from '../../shared/protocol/alerts';
import type { PushSubscriptionInput } from '../../shared/protocol/push';
import { ApiError, NetworkError, type Api } from '../api';
import { listAlerts, type StoredAlert } from '../db/alerts';
import { deleteMeta, readMeta, writeMeta } from '../db/meta';
import type { GeDb } from '../db/schema';

/** Whether this browser may show notifications (Notification.permission), or has none. */
export type NotificationAccess = NotificationPermission | 'unsupported';

/**
 * starting; unsupported (no Push API here); not-allowed (notifications not granted); off (the
 * server has push off); none (no rule on: nothing registered); on (registered); queued (offline,
 * sent when back online); failed (the server or the browser refused).
 */
export type PushState = 'starting' | 'unsupported' | 'not-allowed' | 'off' | 'none' | 'on' | 'queued' | 'failed';

export interface PushSyncDeps {
  db: GeDb;
  api: Pick<Api, 'pushKey' | 'registerSubscription' | 'replaceRules' | 'deleteSubscription'>;
  access: Accessor<NotificationAccess>;
  setState(state: PushState): void;
  /** The buy-limit resets still to come, when the user asked to hear of them (else none). */
  limitResets?: () => Promise<LimitReset[]>;
  /** The service worker's registration; absent where there is none (dev, old browsers). */
  registration?: () => Promise<ServiceWorkerRegistration | undefined>;
  onOnline?: (retry: () => void) => void;
}

export interface PushSync {
  start(): Promise<void>;
  rulesChanged(): Promise<void>;
  /** The journal or the setting changed: a PUT when the resets to send differ from those sent. */
  limitResetsChanged(): Promise<void>;
}

type Reason = 'start' | 'change' | 'resets';

const resetsKey = (resets: readonly LimitReset[]): string => resets.map((reset) => `${reset.itemId}:${reset.at}`).join(',');

/** The rules the server evaluates: those switched on, as the shared schema has them. */
export function rulesToSend(alerts: readonly StoredAlert[]): AlertRule[] {
  return alerts.filter((alert) => alert.enabled).map(({ enabled: _on, createdAt: _at, ...rule }) => rule);
}

export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameKey(held: ArrayBuffer | null | undefined, wanted: Uint8Array): boolean {
  if (!held) return true; // Not told: keep the subscription rather than churn it.
  const bytes = new Uint8Array(held);
  return bytes.length === wanted.length && bytes.every((byte, index) => byte === wanted[index]);
}

function subscriptionJson(subscription: PushSubscription): PushSubscriptionInput | null {
  const json = subscription.toJSON();
  const { p256dh, auth } = json.keys ?? {};
  return json.endpoint && p256dh && auth ? { endpoint: json.endpoint, keys: { p256dh, auth } } : null;
}

const defaultRegistration = async (): Promise<ServiceWorkerRegistration | undefined> =>
  typeof navigator === 'undefined' || !navigator.serviceWorker || typeof PushManager === 'undefined' ? undefined : navigator.serviceWorker.ready;

export function createPushSync(deps: PushSyncDeps): PushSync {
  const registration = deps.registration ?? defaultRegistration;
  let queue: Promise<void> = Promise.resolve();
  let waitingOnline = false;
  /** The resets the server holds from this device, as last sent (null: unknown). */
  let sentResets: string | null = null;
  const limitResets = deps.limitResets ?? (async () => []);

  async function subscribe(reg: ServiceWorkerRegistration, key: Uint8Array<ArrayBuffer>): Promise<PushSubscription> {
    const held = await reg.pushManager.getSubscription();
    if (held && sameKey(held.options.applicationServerKey, key)) return held;
    // A subscription made with another key (the deployment's keys changed) can never be delivered to.
    await held?.unsubscribe();
    return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  }

  /** The server forgot the subscription (pruned it, or another store): register it again. */
  const gone = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 403);

  async function sync(reason: Reason): Promise<void> {
    if (deps.access() !== 'granted') return deps.setState(deps.access() === 'unsupported' ? 'unsupported' : 'not-allowed');
    const reg = await registration();
    if (!reg) return deps.setState('unsupported');
    try {
      const [rules, resets, held] = await Promise.all([listAlerts(deps.db).then(rulesToSend), limitResets(), readMeta(deps.db, 'pushSubscription')]);
      if (reason === 'resets' && resetsKey(resets) === sentResets) return;
      if (rules.length === 0 && resets.length === 0) {
        if (held) await deps.api.deleteSubscription(held.id, held.auth).catch((error: unknown) => (gone(error) ? undefined : Promise.reject(error)));
        await deleteMeta(deps.db, 'pushSubscription');
        sentResets = '';
        return deps.setState('none');
      }
      const key = await deps.api.pushKey();
      if (key === null) return deps.setState('off');
      const subscription = subscriptionJson(await subscribe(reg, base64UrlToBytes(key)));
      if (!subscription) return deps.setState('failed');
      const same = held !== undefined && held.auth === subscription.keys.auth;
      const replaced = reason !== 'start' && same
        ? await deps.api.replaceRules(held.id, held.auth, rules, resets).then(() => true, (error: unknown) => (gone(error) ? false : Promise.reject(error)))
        : false;
      if (!replaced) {
        const answer = await deps.api.registerSubscription(subscription, rules, resets);
        await writeMeta(deps.db, 'pushSubscription', { id: answer.id, auth: subscription.keys.auth });
      }
      sentResets = resetsKey(resets);
      deps.setState('on');
    } catch (error) {
      if (!(error instanceof NetworkError)) return deps.setState('failed');
      deps.setState('queued');
      if (waitingOnline) return;
      waitingOnline = true;
      (deps.onOnline ?? ((retry) => window.addEventListener('online', retry, { once: true })))(() => {
        waitingOnline = false;
        void run(reason);
      });
    }
  }

  const run = (reason: Reason): Promise<void> => (queue = queue.then(() => sync(reason)));
  return { start: () => run('start'), rulesChanged: () => run('change'), limitResetsChanged: () => run('resets') };
}
