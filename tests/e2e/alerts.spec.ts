// Price alerts on a phone: made on the /alerts page, evaluated on the device as the market moves
// (two moves fire, a one-off spike does not), shown as a notification through the service worker;
// with the app closed, a push delivered to the real service worker (the DevTools protocol's
// ServiceWorker.deliverPushMessage: this network cannot reach a vendor push service) is shown and
// recorded, and its click opens the item.
import type { Page, Worker } from '@playwright/test';
import { expect, expectItemRows, findItem, itemTable, test, waitForServiceWorkerControl, WHIP } from '../helpers/e2e-app';
import { addAlert, addWhipAlert, pushWithAppClosed, ruleIdFor, secondsNow, serviceWorker, stubPushManager } from '../helpers/e2e-alerts';
import { startE2eServer } from '../helpers/e2e-server';
import { devicePrices, deviceStore, expectLive, liveTest } from '../helpers/live-e2e';

/** The parts of a service worker's global scope these tests touch (the page's lib has no WebWorker types). */
interface WorkerScope {
  registration: ServiceWorkerRegistration;
  dispatchEvent(event: Event): boolean;
}
declare const NotificationEvent: new (type: string, init: { notification: Notification }) => Event;

interface Shown {
  tag: string;
  title: string;
  body: string;
}

function pageNotifications(page: Page): Promise<Shown[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({ tag: n.tag, title: n.title, body: n.body }));
  });
}

test('a table row adds an alert: its bell in the All columns, or a on the row the keyboard is on', async ({ page }) => {
  await page.goto('/?cols=all');
  await expectItemRows(page);
  const row = await findItem(page, WHIP.name);
  await row.getByRole('link', { name: `Add alert for ${WHIP.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/alerts\\?item=${WHIP.id}$`));
  await expect(page.getByRole('form', { name: 'Add an alert' }).getByLabel('Item')).toHaveValue(WHIP.name);

  await page.goto('/');
  await expectItemRows(page);
  const first = (await itemTable(page).getByRole('rowheader').first().textContent()) ?? '';
  await page.locator('body').press('j');
  await page.keyboard.press('a');
  await expect(page).toHaveURL(/\/alerts\?item=\d+$/);
  await expect(page.getByRole('form', { name: 'Add an alert' }).getByLabel('Item')).toHaveValue(first);
});

liveTest('an alert made on the phone notifies through the service worker after the market moves twice; a one-off spike notifies nothing', async ({ page, context, live }) => {
  await context.grantPermissions(['notifications'], { origin: live.server.url });
  await page.goto(`${live.server.url}${WHIP.path}`);
  await expect(page.getByRole('heading', { name: WHIP.name })).toBeVisible({ timeout: 20_000 });
  await waitForServiceWorkerControl(page);
  await page.getByRole('link', { name: 'Add alert' }).click();
  await expect(page).toHaveURL(/\/alerts\?item=4151$/);
  await expect(page.getByRole('form', { name: 'Add an alert' }).getByLabel('Item')).toHaveValue(WHIP.name);
  await addAlert(page, { measure: 'Sell price', op: 'Above', target: '2m' });
  await addAlert(page, { item: 'Cannonball', measure: 'Buy price', op: 'Below', target: '150' });
  const alerts = page.getByRole('list', { name: 'Your alerts' });
  await expect(alerts.getByRole('listitem')).toHaveText([/Abyssal whip: Sell price above 2M/, /Cannonball: Buy price below 150/]);
  await expect(page.getByText('Notifications are allowed')).toBeVisible();
  await expectLive(page);

  // A single trade far under the cannonball's target, gone at the next sync.
  live.market.trade(2, { high: 193, low: 140 });
  await expect.poll(async () => (await devicePrices(page)).prices['2']).toMatch(/^193\/\d+\/140\//);
  live.market.trade(2, { high: 193, low: 189 });
  await expect.poll(async () => (await devicePrices(page)).prices['2']).toMatch(/^193\/\d+\/189\//);

  // The whip over its target on two syncs, each with a newer trade.
  const first = secondsNow();
  live.market.trade(WHIP.id, { high: 2_100_000, low: 2_050_000 });
  await expect.poll(async () => (await devicePrices(page)).prices[String(WHIP.id)]).toMatch(/^2100000\//);
  expect(await pageNotifications(page)).toEqual([]);
  await expect.poll(secondsNow).toBeGreaterThan(first);
  live.market.trade(WHIP.id, { high: 2_150_000, low: 2_060_000 });

  const whipId = await ruleIdFor(page, WHIP.id);
  await expect.poll(() => pageNotifications(page), { timeout: 10_000 }).toEqual([
    { tag: `alert-${whipId}`, title: 'Abyssal whip: Sell price above 2M', body: 'Now 2,150,000 gp · price 2,150,000 gp' },
  ]);
  await expect(alerts.getByRole('listitem').first()).toContainText(/Last fired \d\d:\d\d at 2,150,000 gp/);
  await expect(page.getByRole('list', { name: 'Fired alerts' }).getByRole('listitem')).toHaveText([/Abyssal whip: Sell price 2,150,000 gp.*seen on this device/]);
  // No banner: the notification was the message.
  await expect(page.locator('.alert-banner')).toHaveCount(0);
});

function workerNotifications(worker: Worker): Promise<Shown[]> {
  return worker.evaluate(async () => {
    const scope = self as unknown as WorkerScope;
    return (await scope.registration.getNotifications()).map((n: Notification) => ({ tag: n.tag, title: n.title, body: n.body }));
  });
}

test('with the app closed, a pushed alert is shown by the service worker, kept in the fired history, and its click opens the item', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(['notifications'], { origin });
  const alertId = await addWhipAlert(page);
  // The shared demo server has push off (no VAPID_SUBJECT): alerts still fire in the open app.
  await expect(page.getByText('This server does not push alerts')).toBeVisible();

  const fired = { alertId, itemId: WHIP.id, measure: 'buy', kind: 'threshold', value: 990_000, price: 990_000, seq: 424_242, firedAt: secondsNow() };
  await pushWithAppClosed(context, page, origin, fired);
  const worker = await serviceWorker(context);
  await expect.poll(() => workerNotifications(worker), { timeout: 10_000 }).toEqual([
    { tag: `alert-${alertId}`, title: 'Abyssal whip: Buy price below 1M', body: 'Now 990,000 gp · price 990,000 gp' },
  ]);

  const app = await context.newPage();
  await app.goto('/alerts');
  await expect(app.getByRole('list', { name: 'Fired alerts' }).getByRole('listitem')).toHaveText([/Abyssal whip: Buy price 990,000 gp.*pushed by the server/]);
  await expect(app.getByRole('list', { name: 'Your alerts' }).getByRole('listitem')).toContainText(/Last fired \d\d:\d\d at 990,000 gp/);

  // A click on the notification: the handler runs in the real worker on the real notification. A
  // dispatched click carries no user activation, so it cannot open a new window (clients.openWindow,
  // unit-tested in client/sw/alert-push.test.ts); it takes the open window to the item.
  const dispatched = await worker.evaluate(async (tag) => {
    const scope = self as unknown as WorkerScope;
    const [notification] = await scope.registration.getNotifications({ tag });
    if (!notification) return false;
    scope.dispatchEvent(new NotificationEvent('notificationclick', { notification }));
    return true;
  }, `alert-${alertId}`);
  expect(dispatched).toBe(true);
  await expect(app).toHaveURL(new RegExp(`${WHIP.path}$`));
  await expect(app.getByRole('heading', { name: WHIP.name })).toBeVisible();
});

test('the alert form says what is wrong and saves nothing; alerts can be edited, switched off and deleted, also offline; permission is asked only at the first alert', async ({ page, context }) => {
  const asked: string[] = [];
  await page.exposeFunction('noteAsked', (what: string) => asked.push(what));
  await page.addInitScript(() => {
    const original = Notification.requestPermission.bind(Notification);
    Notification.requestPermission = (...args: Parameters<typeof Notification.requestPermission>) => {
      void (window as unknown as { noteAsked(what: string): Promise<void> }).noteAsked('asked');
      return original(...args);
    };
  });
  await page.goto('/alerts');
  await expect(page.getByRole('heading', { name: 'Alerts', exact: true })).toBeVisible();
  await expect(page.getByText('0 of 50 used')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Allow notifications' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Add an alert' });
  const error = form.getByRole('alert');
  await addAlert(page, { target: '1m' });
  await expect(error).toHaveText('Choose an item for the alert.');
  await addAlert(page, { item: 'Abyssal whipp', target: '1m' });
  await expect(error).toHaveText('No item called "Abyssal whipp".');
  await addAlert(page, { item: WHIP.name, target: 'lots' });
  await expect(error).toHaveText('Enter the target as gp, e.g. 250k or 1.5m.');
  await form.getByLabel('Alert when').selectOption({ label: 'Moves by %' });
  await addAlert(page, { target: '150' });
  await expect(error).toHaveText('A price cannot fall by 100% or more.');
  await expect(page.getByRole('list', { name: 'Your alerts' })).toHaveText(/No alerts yet/);
  expect(asked).toEqual([]);

  await form.getByLabel('Alert when').selectOption({ label: 'Crosses a target' });
  await addAlert(page, { target: '1.5m' });
  const item = page.getByRole('listitem', { name: 'Abyssal whip: Buy price below 1.5M' });
  await expect(item).toContainText('Not fired yet');
  await expect(page.getByText('1 of 50 used')).toBeVisible();
  await expect.poll(() => asked).toEqual(['asked']);

  await item.getByRole('button', { name: 'Edit: Abyssal whip: Buy price below 1.5M' }).click();
  await page.getByRole('form', { name: 'Edit alert' }).getByLabel('Target', { exact: true }).fill('2m');
  await page.getByRole('button', { name: 'Save alert' }).click();
  const edited = page.getByRole('listitem', { name: 'Abyssal whip: Buy price below 2M' });
  await expect(edited).toBeVisible();
  await edited.getByRole('checkbox', { name: 'On' }).uncheck();
  // Stored before the reload, which would abort a write still under way.
  await expect.poll(async () => ((await deviceStore(page, 'alerts')) as Array<{ enabled: boolean }>).map((a) => a.enabled)).toEqual([false]);
  await page.reload();
  await expect(page.getByRole('listitem', { name: 'Abyssal whip: Buy price below 2M' }).getByRole('checkbox', { name: 'On' })).not.toBeChecked();
  await page.getByRole('button', { name: 'Delete: Abyssal whip: Buy price below 2M' }).click();
  await expect(page.getByRole('list', { name: 'Your alerts' })).toHaveText(/No alerts yet/);
  await expect(page.getByText('0 of 50 used')).toBeVisible();
  // The first alert asked once; the rest did not ask again.
  expect(asked).toEqual(['asked']);

  // Offline the page and its alerts come from the device, and a new alert is kept there.
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await page.reload();
  await addAlert(page, { item: WHIP.name, measure: 'Sell price', op: 'Above', target: '3m' });
  await expect(page.getByRole('listitem', { name: 'Abyssal whip: Sell price above 3M' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('listitem', { name: 'Abyssal whip: Sell price above 3M' })).toBeVisible();
});

test('with push on, the device registers its subscription and rules on start, replaces them on a change and deletes it with the last alert', async ({ page, context }) => {
  const server = await startE2eServer({ env: { VAPID_SUBJECT: 'mailto:ops@ge-tracker.example', PUSH_ENDPOINT_HOSTS: '127.0.0.1' } });
  try {
    await context.grantPermissions(['notifications'], { origin: server.url });
    const endpoint = 'https://127.0.0.1:9/push/stand-in-device';
    const keys = await stubPushManager(page, endpoint);
    const sent: string[] = [];
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith('/api/v1/push/subscriptions')) return;
      const request = response.request();
      const body = request.postDataJSON() as { subscription?: { endpoint: string }; rules?: Array<{ target: number }> } | null;
      const auth = request.headers().authorization === `Bearer ${keys.auth}` ? ' holder' : '';
      const parts = [request.method(), `${url.pathname.replace(/[A-Za-z0-9_-]{22}$/, ':id')}${auth}`, String(response.status()), body?.subscription?.endpoint, body?.rules?.map((r) => r.target).join(',')];
      sent.push(parts.filter((part) => part !== undefined && part !== '').join(' '));
    });

    await page.goto(`${server.url}/alerts?item=${WHIP.id}`);
    await expect(page.getByRole('form', { name: 'Add an alert' }).getByLabel('Item')).toHaveValue(WHIP.name, { timeout: 20_000 });
    await waitForServiceWorkerControl(page);
    await addAlert(page, { target: '1' });
    await expect.poll(() => sent).toEqual([`POST /api/v1/push/subscriptions 201 ${endpoint} 1`]);
    await expect(page.getByText('The server pushes your alerts, also while the app is closed.')).toBeVisible();
    await addAlert(page, { target: '2' });
    await expect.poll(() => sent.at(-1)).toBe('PUT /api/v1/push/subscriptions/:id holder 200 1,2');

    await page.reload();
    await expect.poll(() => sent.at(-1)).toBe(`POST /api/v1/push/subscriptions 200 ${endpoint} 1,2`);
    for (const target of ['1', '2']) {
      await page.getByRole('button', { name: `Delete: ${WHIP.name}: Buy price below ${target}` }).click();
    }
    await expect.poll(() => sent.slice(-2)).toEqual(['PUT /api/v1/push/subscriptions/:id holder 200 2', 'DELETE /api/v1/push/subscriptions/:id holder 204']);
    await expect(page.getByText('No alert is on, so the server has nothing to push.')).toBeVisible();
  } finally {
    await server.dispose();
  }
});
