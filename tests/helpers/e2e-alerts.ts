// What the alert browser tests share: filling in the alert form, reading the device's rule ids,
// reaching the service worker's registration through the DevTools protocol, and a stand-in for
// the vendor's push service.
import { createECDH, randomBytes } from 'node:crypto';
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { expect, expectItemRows, waitForServiceWorkerControl, WHIP } from './e2e-app';
import { deviceStore } from './live-e2e';

export const secondsNow = (): number => Math.floor(Date.now() / 1000);

export async function addAlert(page: Page, fields: { item?: string; measure?: string; op?: string; target: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Add an alert' });
  if (fields.item !== undefined) {
    await form.getByLabel('Item').fill(fields.item);
    await form.getByLabel('Item').blur();
  }
  if (fields.measure) await form.getByLabel('Measure').selectOption({ label: fields.measure });
  if (fields.op) await form.getByLabel('Direction').selectOption({ label: fields.op });
  await form.getByLabel('Target', { exact: true }).fill(fields.target);
  await form.getByRole('button', { name: 'Add alert' }).click();
}

/** The id of the device's one rule for an item, as IndexedDB holds it. */
export async function ruleIdFor(page: Page, itemId: number): Promise<string> {
  const rule = ((await deviceStore(page, 'alerts')) as Array<{ id: string; itemId: number }>).find((r) => r.itemId === itemId);
  if (!rule) throw new Error(`no rule for item ${itemId}`);
  return rule.id;
}

/** The registration id the DevTools protocol knows the app's activated service worker by. */
async function registrationId(cdp: CDPSession, origin: string): Promise<string> {
  const found: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) if (version.scriptURL.startsWith(origin) && version.status === 'activated') found.push(version.registrationId);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => found.length).toBeGreaterThan(0);
  return found[0]!;
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker');
}

/** The app opened, its worker in control, and one alert made in the form: the whip's buy price below 1M. Returns the rule's id. */
export async function addWhipAlert(page: Page): Promise<string> {
  await page.goto('/');
  await expectItemRows(page);
  await waitForServiceWorkerControl(page);
  await page.goto(`/alerts?item=${WHIP.id}`);
  await expect(page.getByRole('form', { name: 'Add an alert' }).getByLabel('Item')).toHaveValue(WHIP.name);
  await addAlert(page, { target: '1m' });
  await expect(page.getByRole('list', { name: 'Your alerts' }).getByRole('listitem')).toHaveText([/Abyssal whip: Buy price below 1M/]);
  return ruleIdFor(page, WHIP.id);
}

/**
 * Closes the app's window `page` and delivers `payload` to the app's service worker as a push
 * (ServiceWorker.deliverPushMessage: no vendor push service is reachable here). The DevTools
 * session lives on a blank tab, so no window of the app is open.
 */
export async function pushWithAppClosed(context: BrowserContext, page: Page, origin: string, payload: object): Promise<void> {
  const blank = await context.newPage();
  await page.close();
  const cdp = await context.newCDPSession(blank);
  const registration = await registrationId(cdp, origin);
  await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: registration, data: JSON.stringify(payload) });
}

/**
 * The vendor's push service cannot be reached from here: PushManager.subscribe answers with a
 * stand-in `endpoint` and real-looking keys (a P-256 public key and a 16-byte auth secret), returned.
 */
export async function stubPushManager(page: Page, endpoint: string): Promise<{ p256dh: string; auth: string }> {
  const keys = { p256dh: createECDH('prime256v1').generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') };
  await page.addInitScript(
    ({ endpoint, p256dh, auth }) => {
      let current: PushSubscription | null = null;
      PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
        const key = options?.applicationServerKey;
        const subscription = {
          endpoint,
          expirationTime: null,
          options: { userVisibleOnly: options?.userVisibleOnly === true, applicationServerKey: key instanceof Uint8Array ? key.buffer : null },
          getKey: () => null,
          toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
          unsubscribe: async () => ((current = null), true),
        };
        current = subscription as unknown as PushSubscription;
        return current;
      };
      PushManager.prototype.getSubscription = async () => current;
    },
    { endpoint, ...keys },
  );
  return keys;
}
