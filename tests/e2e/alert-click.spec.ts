// A pushed alert clicked on the phone's notification shade opens the item, with no window of the
// app open. Chromium shows web notifications through the desktop's notification service on
// D-Bus; here that service is a stand-in on a private bus (tests/helpers/notification-bus.ts),
// and clicking there is the user's click: the service worker's `notificationclick` runs with the
// click's user activation, so `clients.openWindow` may open the app. (A click dispatched from
// script carries none: alerts.spec.ts tests that path, which navigates an open window.) The push
// itself is delivered through the DevTools protocol: this network cannot reach a vendor push service.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, PIXEL_7 } from '../helpers/e2e-chromium';
import { addWhipAlert, pushWithAppClosed, secondsNow } from '../helpers/e2e-alerts';
import { expect, test, WHIP } from '../helpers/e2e-app';
import { notificationBusUnavailable, startNotificationBus } from '../helpers/notification-bus';

test.skip(notificationBusUnavailable !== null && process.env.CI !== 'true', notificationBusUnavailable ?? '');

test('with no window of the app open, clicking a pushed alert in the notification shade opens the item in a new window', async ({ baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const bus = await startNotificationBus();
  // A persistent profile: Chromium routes a native notification's click back to its own profile,
  // which an off-the-record context (Playwright's default) is not.
  const profile = mkdtempSync(join(tmpdir(), 'ge-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...PIXEL_7,
    baseURL,
    serviceWorkers: 'allow',
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address },
  });
  try {
    await context.grantPermissions(['notifications'], { origin });
    const page = context.pages()[0] ?? (await context.newPage());
    const alertId = await addWhipAlert(page);
    const fired = { alertId, itemId: WHIP.id, measure: 'buy', kind: 'threshold', value: 980_000, price: 980_000, seq: 525_252, firedAt: secondsNow() };
    await pushWithAppClosed(context, page, origin, fired);

    // The desktop shows it (Chromium puts the site above the body).
    await expect.poll(() => bus.shown.map(({ summary, body }) => ({ summary, body })), { timeout: 10_000 }).toEqual([
      { summary: 'Abyssal whip: Buy price below 1M', body: `${new URL(origin).host}\n\nNow 980,000 gp · price 980,000 gp` },
    ]);
    expect(context.pages().map((p) => new URL(p.url()).origin)).not.toContain(origin);

    const opened = context.waitForEvent('page');
    bus.click(bus.shown[0]!.id);
    const item = await opened;
    await expect(item).toHaveURL(new RegExp(`${WHIP.path}$`));
    await expect(item.getByRole('heading', { name: WHIP.name })).toBeVisible();
    // The handler closed the notification it acted on.
    await expect.poll(() => bus.closed).toEqual([bus.shown[0]!.id]);
  } finally {
    await context.close();
    await bus.stop();
    rmSync(profile, { recursive: true, force: true });
  }
});
