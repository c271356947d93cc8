// The stream compressed with gzip in Chromium: EventSource decodes each event as it arrives (a
// client that joins mid-stream included), and the app on the gzip stream shows live changes and
// catches up exactly after the server was away.
import type { Page, Response } from '@playwright/test';
import { expect, itemTable, rowFor, WHIP } from '../helpers/e2e-app';
import { catchUps, devicePrices, expectLive, headerLive, liveTest as test, serverHealth, serverPrices } from '../helpers/live-e2e';

/** The app's own stream responses, as Chromium received them. */
function streamResponses(page: Page): Response[] {
  const seen: Response[] = [];
  page.on('response', (response) => void (new URL(response.url()).pathname === '/api/v1/prices/stream' && seen.push(response)));
  return seen;
}

test('EventSource in Chromium decodes the gzip stream event by event, for a client that joins mid-stream too', async ({ page, live }) => {
  const { market, server } = live;
  const responses = streamResponses(page);
  await page.goto(`${server.url}/`);
  await expectLive(page);
  // A second EventSource in the page, opened while the app's stream is running.
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { joinedEvents: seen });
    const source = new EventSource('/api/v1/prices/stream?format=p1');
    for (const name of ['connected', 'p1', 'heartbeat']) source.addEventListener(name, (e) => seen.push(`${name} ${(e as MessageEvent).lastEventId}`));
  });
  const joined = () => page.evaluate(() => (window as unknown as { joinedEvents: string[] }).joinedEvents);
  await expect.poll(joined).toContainEqual(expect.stringMatching(/^connected/));
  for (let i = 1; i <= 3; i += 1) {
    const { seq } = await serverHealth(server);
    market.trade(WHIP.id, { high: 1_800_000 + i, low: 1_790_000 + i });
    await expect.poll(async () => (await serverHealth(server)).seq).toBeGreaterThan(seq);
    const now = await serverHealth(server);
    // Each sync's event is read while the stream is still open: nothing waits for its end.
    await expect.poll(joined).toContain(`p1 ${now.epoch}.${now.seq}`);
  }
  const encodings = await Promise.all(responses.map(async (r) => (await r.allHeaders())['content-encoding']));
  expect(encodings.length).toBeGreaterThanOrEqual(2);
  expect(encodings.every((e) => e === 'gzip')).toBe(true);
});

test('the app on the gzip stream shows live changes, and catches up exactly after the server was away', async ({ page, live }) => {
  const { market, server } = live;
  const responses = streamResponses(page);
  await page.goto(`${server.url}/`);
  await expectLive(page);
  const whip = rowFor(itemTable(page), WHIP.name);
  market.trade(WHIP.id, { high: 2_345_678, low: 2_300_000 });
  await expect(whip.getByTitle('2,345,678 gp')).toBeVisible({ timeout: 10_000 });

  await server.stop();
  await expect(headerLive(page)).toHaveText(/^Reconnecting…/);
  market.trade(WHIP.id, { high: 2_456_789, low: 2_400_000 });
  market.trade(2, { high: 201, low: 196 });
  await server.start();
  await expectLive(page);
  await expect(whip.getByTitle('2,456,789 gp')).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => devicePrices(page)).toEqual(await serverPrices(server));
  expect(await catchUps(server)).toEqual({ exact: 1, resync: 0 });
  const encodings = await Promise.all(responses.map(async (r) => (await r.allHeaders())['content-encoding']));
  expect(encodings).toEqual(['gzip', 'gzip']);
});
