// "Notify me when a buy limit resets" on a phone: a buy logged in the journal opens a 4-hour
// window; with the setting ticked, the window's end shows a notification through the service
// worker (tag limit-<itemId>), once; without notification permission, the in-app banner says it.
// The buy is logged a few seconds short of four hours ago, so the reset comes due during the test.
// A closed app hears a reset from the server's push, delivered here through the DevTools protocol.
import type { Page } from '@playwright/test';
import { limitResets } from '../../shared/domain/limit-resets';
import type { Trade } from '../../shared/domain/journal-trade';
import { pushWithAppClosed, stubPushManager } from '../helpers/e2e-alerts';
import { expect, expectItemRows, test, waitForServiceWorkerControl, WHIP } from '../helpers/e2e-app';
import { startE2eServer } from '../helpers/e2e-server';
import { deviceStore, deviceValue } from '../helpers/live-e2e';

/** The time field's value for `secondsAgo` before now, in the page's own zone. */
function localTimeAgo(page: Page, secondsAgo: number): Promise<string> {
  return page.evaluate((ago) => {
    const date = new Date(Date.now() - ago * 1000);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }, secondsAgo);
}

async function logBuyNearlyFourHoursAgo(page: Page, leftSeconds: number, origin = ''): Promise<void> {
  await page.goto(`${origin}/journal`);
  const form = page.getByRole('form', { name: 'Log a trade' });
  await form.getByLabel('Item').fill(WHIP.name);
  await form.getByLabel('Item').blur();
  await form.getByRole('radio', { name: 'Bought' }).check();
  await form.getByLabel('Quantity').fill('10');
  await form.getByLabel('Price each').fill('1.5m');
  await form.getByLabel('Time').fill(await localTimeAgo(page, 4 * 3600 - leftSeconds));
  await form.getByRole('button', { name: 'Log buy' }).click();
  await expect(page.getByRole('listitem', { name: `Bought 10 × ${WHIP.name}` })).toBeVisible();
}

function limitNotifications(page: Page): Promise<Array<{ tag: string; title: string }>>;
function limitNotifications(page: Page, withBody: true): Promise<Array<{ tag: string; title: string; body: string }>>;
function limitNotifications(page: Page, withBody = false): Promise<Array<{ tag: string; title: string; body?: string }>> {
  return page.evaluate(async (body) => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).filter((n) => n.tag.startsWith('limit-')).map((n) => ({ tag: n.tag, title: n.title, ...(body ? { body: n.body } : {}) }));
  }, withBody);
}

async function toldResets(page: Page): Promise<number> {
  return (await deviceStore(page, 'limitShown')).length;
}

async function tickTheSetting(page: Page, origin = ''): Promise<void> {
  await page.goto(`${origin}/`);
  await expectItemRows(page);
  await waitForServiceWorkerControl(page);
  await page.getByRole('link', { name: 'Journal' }).click();
  await page.getByRole('link', { name: 'Buy limits' }).click();
  const setting = page.getByRole('checkbox', { name: 'Notify me when a buy limit resets' });
  await expect(setting).not.toBeChecked();
  await setting.check();
  await expect(setting).toBeChecked();
  // Stored before the page is left, or the next page may start with the setting off.
  await expect.poll(() => deviceValue(page, 'meta', 'limitAlerts')).toBe(true);
}

test('with the setting ticked, a buy limit resetting shows a notification through the service worker, once', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['notifications'], { origin: baseURL });
  await tickTheSetting(page);
  await logBuyNearlyFourHoursAgo(page, 12);
  await page.goto('/limits');
  await expect(page.getByRole('list', { name: 'Open limit windows' })).toContainText(`${WHIP.name}Bought 10 of 70`);
  expect(await limitNotifications(page)).toEqual([]);

  await expect.poll(() => limitNotifications(page), { timeout: 30_000 }).toEqual([{ tag: `limit-${WHIP.id}`, title: `${WHIP.name}: buy limit reset` }]);
  await expect(page.getByRole('list', { name: 'Open limit windows' })).toContainText('No limit window is open');
  // Told once: the app started again does not tell it again.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Notify me when a buy limit resets' })).toBeChecked();
  expect(await toldResets(page)).toBe(1);
  expect(await limitNotifications(page)).toHaveLength(1);
});

test('with the app closed, a pushed buy-limit reset shows its notification, and the app opened later has it as told', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(['notifications'], { origin });
  await tickTheSetting(page);
  // An hour left: the open app's own timer cannot be what tells it during the test.
  await logBuyNearlyFourHoursAgo(page, 3600);
  const [reset] = limitResets((await deviceStore(page, 'journal')) as Trade[]);
  expect(reset?.itemId).toBe(WHIP.id);
  expect(await toldResets(page)).toBe(0);

  await pushWithAppClosed(context, page, origin, { type: 'limit-reset', itemId: WHIP.id, at: reset!.at });
  const opened = await context.newPage();
  await opened.goto('/limits');
  await expect.poll(() => limitNotifications(opened, true), { timeout: 10_000 }).toEqual([
    { tag: `limit-${WHIP.id}`, title: `${WHIP.name}: buy limit reset`, body: 'Its 4-hour window ended: you can buy all 70 again.' },
  ]);
  // The worker marked this reset told: when the window ends, the open app does not tell it again.
  expect(await deviceStore(opened, 'limitShown')).toEqual([expect.objectContaining({ itemId: WHIP.id, at: reset!.at })]);
});

test('without notification permission, a buy limit resetting shows in the in-app banner', async ({ page, context }) => {
  await context.clearPermissions();
  await page.addInitScript(() => {
    // Headless Chromium answers a permission prompt by itself; here the user says no.
    Notification.requestPermission = async () => 'denied';
  });
  await tickTheSetting(page);
  await logBuyNearlyFourHoursAgo(page, 12);
  await expect(page.getByRole('alert').filter({ hasText: `${WHIP.name}: buy limit reset` })).toBeVisible({ timeout: 30_000 });
});

test('with push on, a logged buy registers its reset, and a start sends one POST carrying it and nothing after', async ({ page, context }) => {
  const server = await startE2eServer({ env: { VAPID_SUBJECT: 'mailto:ops@ge-tracker.example', PUSH_ENDPOINT_HOSTS: '127.0.0.1' } });
  try {
    await context.grantPermissions(['notifications'], { origin: server.url });
    await stubPushManager(page, 'https://127.0.0.1:9/push/stand-in-device');
    const sent: string[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith('/api/v1/push/subscriptions')) return;
      const body = response.request().postDataJSON() as { limitResets?: Array<{ itemId: number }> } | null;
      sent.push(`${response.request().method()} ${response.status()} ${body?.limitResets?.map((reset) => reset.itemId).join(',') ?? ''}`.trim());
    });
    await tickTheSetting(page, server.url);
    await logBuyNearlyFourHoursAgo(page, 3600, server.url);
    // No rule and no window until the buy: nothing was registered before it.
    await expect.poll(() => sent).toEqual([`POST 201 ${WHIP.id}`]);

    sent.length = 0;
    await page.reload();
    await expect(page.getByRole('form', { name: 'Log a trade' })).toBeVisible();
    await expect.poll(() => sent).toEqual([`POST 200 ${WHIP.id}`]);
    // Nothing follows the start's POST (the journal loading included): it carried the resets to come.
    await page.getByRole('link', { name: 'Buy limits' }).click();
    await expect(page.getByRole('list', { name: 'Open limit windows' })).toContainText(WHIP.name);
    expect(sent).toEqual([`POST 200 ${WHIP.id}`]);
  } finally {
    await server.dispose();
  }
});
