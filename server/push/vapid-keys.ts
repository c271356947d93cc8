// The VAPID identity the server signs pushes with: the config's key pair, or the one kept in the
// store (made by the first instance that needed it). Rotating it would end every subscription
// (push services refuse a JWT from another key), so it is never made again once stored.
import webpush from 'web-push';
import type { PushConfig } from '../config-push';
import type { Db } from '../store/db';
import { ensureVapidKeys } from '../store/push-keys-repo';
import type { VapidIdentity } from './push-sender';

/** Whether this server sends pushes; the routes and health read it. */
export type PushStatus = { enabled: true; publicKey: string } | { enabled: false; reason: string };

export const PUSH_OFF_REASON = 'push is off: VAPID_SUBJECT is not set';

export async function resolveVapid(config: PushConfig, db: Db, nowSeconds: number): Promise<VapidIdentity | null> {
  if (config.subject === null) return null;
  const keys = config.vapidKeys ?? (await ensureVapidKeys(db, () => webpush.generateVAPIDKeys(), nowSeconds));
  return { subject: config.subject, ...keys };
}

export function pushStatusOf(vapid: VapidIdentity | null): PushStatus {
  return vapid === null ? { enabled: false, reason: PUSH_OFF_REASON } : { enabled: true, publicKey: vapid.publicKey };
}
