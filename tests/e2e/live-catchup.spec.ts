import type { Page } from '@playwright/test';
import { expect, WHIP } from '../helpers/e2e-app';
import type { E2eServer } from '../helpers/e2e-server';
import {
  catchUps,
  countCatchUpResponses,
  deviceBuckets,
  devicePrices,
  expectLive,
  headerLive,
  serverBuckets,
  serverHealth,
  serverPrices,
  liveTest as test,
} from '../helpers/live-e2e';
import type { LiveMarket } from '../helpers/live-market';

/** On the whip's page with its 5m chart drawn and its history on the device. */
async function openWhipChart(page: Page, server: E2eServer): Promise<void> {
  await page.goto(`${server.url}${WHIP.path}?range=1D`);
  await expect(page.getByRole('img', { name: /Abyssal whip prices over 1D/ }).locator('canvas')).toBeVisible({ timeout: 20_000 });
  await expectLive(page);
  await expect.poll(() => deviceBuckets(page, WHIP.id)).toEqual(await serverBuckets(server, WHIP.id));
}

/** Prices changing over several syncs: each one committed by the server before the next. */
async function tradeOverSyncs(market: LiveMarket, times: number, server?: E2eServer): Promise<void> {
  for (let i = 1; i <= times; i += 1) {
    const seq = server ? (await serverHealth(server)).seq : 0;
    market.trade(WHIP.id, { high: 1_720_000 + i * 1_000, low: 1_700_000 + i * 1_000 });
    market.trade(2, { high: 193 + i, low: 188 + i });
    if (server) await expect.poll(async () => (await serverHealth(server)).seq).toBeGreaterThan(seq);
  }
}

/** The device holds exactly the server's prices and cursor, and every 5m bucket of the open chart. */
async function expectCaughtUp(page: Page, server: E2eServer): Promise<void> {
  await expect.poll(async () => devicePrices(page)).toEqual(await serverPrices(server));
  await expect.poll(() => deviceBuckets(page, WHIP.id)).toEqual(await serverBuckets(server, WHIP.id));
}

/** The server holds the 5m buckets of the open chart, `window` among them. */
async function expectServerHas(server: E2eServer, window: number): Promise<void> {
  await expect.poll(() => serverBuckets(server, WHIP.id)).toContain(window);
}

// The stream takes clients at once on start, while the sync stores missed windows a moment later:
// the window lands before the browser is back, or after. Each order is forced, so both always run.
for (const order of ['before', 'after'] as const) {
  test(`after the server restarts on the same database, the device catches up with one request and no missing bucket (window stored ${order} the reconnect)`, async ({ page, context, live }) => {
    const { market, server } = live;
    await openWhipChart(page, server);
    const resumed = countCatchUpResponses(page);

    await server.stop();
    await expect(headerLive(page)).toHaveText(/^Reconnecting…/);
    await tradeOverSyncs(market, 4);
    const window = market.publishWindow();
    if (order === 'before') {
      // Offline, the browser makes no attempt, so it comes back only once the window is in.
      await context.setOffline(true);
      await server.start();
      await expectServerHas(server, window);
      await context.setOffline(false);
      await expectLive(page);
    } else {
      const release = market.holdWindows();
      await server.start();
      await expectLive(page);
      release();
      await expectServerHas(server, window);
    }

    await expectCaughtUp(page, server);
    expect(await deviceBuckets(page, WHIP.id)).toContain(window);
    expect(await catchUps(server)).toEqual({ exact: 1, resync: 0 });
    expect(resumed.count()).toBe(1);
  });
}

test('after the browser was offline for several syncs, the device catches up with one request', async ({ page, context, live }) => {
  const { market, server } = live;
  await openWhipChart(page, server);
  const before = await catchUps(server);
  const resumed = countCatchUpResponses(page);

  await context.setOffline(true);
  await expect(headerLive(page)).toHaveText('Offline');
  await tradeOverSyncs(market, 3, server);
  await context.setOffline(false);

  await expectLive(page);
  await expectCaughtUp(page, server);
  expect(await catchUps(server)).toEqual({ exact: before.exact + 1, resync: before.resync });
  expect(resumed.count()).toBe(1);
});

test('a server with a new database (a new epoch) makes the device drop every price of the old one', async ({ page, live }) => {
  const { market } = live;
  await page.goto(`${live.server.url}/`);
  await expectLive(page);
  await expect.poll(async () => Object.keys((await devicePrices(page)).prices).sort()).toEqual(['13190', '2', '4151', '561']);
  const oldEpoch = (await serverHealth(live.server)).epoch;

  market.drop(561);
  market.trade(WHIP.id, { high: 1_650_000, low: 1_640_000 });
  const server = await live.replaceWithFreshServer();
  const newEpoch = (await serverHealth(server)).epoch;
  expect(newEpoch).not.toBe(oldEpoch);

  await expectLive(page);
  await expect.poll(async () => (await devicePrices(page)).cursor?.split('.')[0]).toBe(newEpoch);
  await expect.poll(async () => devicePrices(page)).toEqual(await serverPrices(server));
  expect(Object.keys((await devicePrices(page)).prices)).not.toContain('561');
  expect(await catchUps(server)).toEqual({ exact: 0, resync: 1 });
});

test('a window the server stores after the reconnect reaches the chart open in a tab that does not hold the stream', async ({ context, live }) => {
  const { market, server } = live;
  const leader = await context.newPage();
  await leader.goto(`${server.url}/`);
  await expectLive(leader);
  const follower = await context.newPage();
  let followerStreams = 0;
  follower.on('request', (request) => void (request.url().includes('/api/v1/prices/stream') && (followerStreams += 1)));
  // The table tab leads and keeps no whip history; only the follower's own chart can fetch the window.
  await openWhipChart(follower, server);

  await server.stop();
  await expect(headerLive(follower)).toHaveText(/^Reconnecting…/);
  const window = market.publishWindow();
  const release = market.holdWindows();
  await server.start();
  await expectLive(follower);
  release();
  await expectServerHas(server, window);

  await expect.poll(() => deviceBuckets(follower, WHIP.id)).toEqual(await serverBuckets(server, WHIP.id));
  expect(await deviceBuckets(follower, WHIP.id)).toContain(window);
  expect(followerStreams).toBe(0);
});
