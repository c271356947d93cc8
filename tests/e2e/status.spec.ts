// The header's live state and the offline banner come from one status: they agree in every state
// (server stopped, browser offline, server back, stream cut), and the banner says how old prices are.
import type { Page } from '@playwright/test';
import { expect, offlineBanner } from '../helpers/e2e-app';
import { expectLive, headerLive, liveTest as test } from '../helpers/live-e2e';

/** Header and banner at one moment, read together. */
async function both(page: Page): Promise<{ header: string; banner: string }> {
  return page.evaluate(() => {
    const header = document.querySelector('header .live-state')?.textContent ?? '';
    const banner = document.querySelector('.banner')?.textContent ?? '';
    return { header, banner };
  });
}

/** Never "Live" beside a banner, never a banner-less "Offline". */
function agree({ header, banner }: { header: string; banner: string }): boolean {
  if (header === 'Live') return banner === '';
  if (header === 'Offline') return banner.startsWith('Offline: no network');
  if (/attempt/.test(header)) return banner.startsWith('Offline: no connection to the server');
  return banner === '';
}

test('the header and the banner agree when the server stops, comes back, and the browser goes offline', async ({ page, context, live }) => {
  const { server } = live;
  await page.goto(`${server.url}/`);
  await expectLive(page);
  await expect(offlineBanner(page)).toHaveCount(0);

  await server.stop();
  await expect(headerLive(page)).toHaveText(/^Reconnecting… \(attempt \d+\)$/, { timeout: 20_000 });
  await expect(offlineBanner(page)).toHaveText(/^Offline: no connection to the server, reconnecting\. Showing what this device saved, prices (under a minute|\d+ min) old\.$/);
  expect(agree(await both(page))).toBe(true);

  await server.start();
  await expectLive(page, 30_000);
  // The banner goes with the same change that makes the header Live, not after the next request.
  expect(await both(page)).toEqual({ header: 'Live', banner: '' });

  await context.setOffline(true);
  await expect(headerLive(page)).toHaveText('Offline');
  await expect(offlineBanner(page)).toHaveText(/^Offline: no network\. Showing what this device saved, prices .+ old\.$/);
  expect(agree(await both(page))).toBe(true);
  await context.setOffline(false);
  await expectLive(page, 30_000);
  expect(await both(page)).toEqual({ header: 'Live', banner: '' });
});

test('a stream cut while the server still answers shows the same state in the header and the banner', async ({ page, context, live }) => {
  const { server } = live;
  await page.goto(`${server.url}/`);
  await expectLive(page);
  // Every new stream request fails; a restart cuts the open one. REST calls still go through.
  await context.route('**/api/v1/prices/stream**', (route) => route.abort());
  await server.stop();
  await server.start();
  await expect(headerLive(page)).toHaveText(/attempt/, { timeout: 20_000 });
  expect(agree(await both(page))).toBe(true);
  await context.unroute('**/api/v1/prices/stream**');
  await expectLive(page, 40_000);
  expect(await both(page)).toEqual({ header: 'Live', banner: '' });
});
