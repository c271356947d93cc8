import type { Page } from '@playwright/test';
import { expect, itemTable, rowFor, WHIP } from '../helpers/e2e-app';
import { expectLive, headerLive, liveTest as test, recordHighlights, serverHealth } from '../helpers/live-e2e';

const SYNC_MS = 1_500;
test.use({ syncMs: SYNC_MS });

function whipRow(page: Page) {
  return rowFor(itemTable(page), WHIP.name);
}

test('a price change upstream shows in the table and on the item page within two sync intervals, with Live shown', async ({ page, live }) => {
  await page.goto(`${live.server.url}/`);
  await expect(whipRow(page).getByTitle('1,716,616 gp')).toBeVisible({ timeout: 20_000 });
  await expectLive(page);
  const highlighted = await recordHighlights(page);

  live.market.trade(WHIP.id, { high: 2_345_678, low: 2_300_000 });
  await expect(whipRow(page).getByTitle('2,345,678 gp')).toBeVisible({ timeout: 2 * SYNC_MS });
  expect(await highlighted()).toContain('2,345,678 gp');
  await expect(headerLive(page)).toHaveText('Live');
  await expect(page.getByRole('banner').getByText(/^updated \d\d:\d\d:\d\d$/)).toBeVisible();

  await whipRow(page).getByRole('link', { name: WHIP.name }).click();
  await expect(page.getByRole('heading', { name: WHIP.name })).toBeVisible();
  // One live indicator: the header's, none repeated beside the chart.
  await expect(page.getByRole('status', { name: 'Live connection' })).toHaveCount(1);
  live.market.trade(WHIP.id, { high: 2_400_000, low: 2_350_000 });
  await expect(page.getByRole('main').getByTitle('2,400,000 gp')).toBeVisible({ timeout: 2 * SYNC_MS });
  await expect(page.getByRole('main').getByTitle('2,350,000 gp').first()).toBeVisible();
  await expect(headerLive(page)).toHaveText('Live');
});

test('two tabs share one stream connection, both update, and closing the leader hands over', async ({ context, live }) => {
  const streams = new Map<Page, number>();
  const open = async (): Promise<Page> => {
    const page = await context.newPage();
    page.on('request', (request) => request.url().includes('/api/v1/prices/stream') && streams.set(page, (streams.get(page) ?? 0) + 1));
    await page.goto(`${live.server.url}/`);
    await expectLive(page);
    return page;
  };
  const first = await open();
  const second = await open();
  await expect.poll(async () => (await serverHealth(live.server)).clients).toBe(1);
  expect([...streams.values()]).toEqual([1]);

  live.market.trade(WHIP.id, { high: 1_800_000, low: 1_750_000 });
  for (const page of [first, second]) await expect(whipRow(page).getByTitle('1,800,000 gp')).toBeVisible({ timeout: 2 * SYNC_MS });

  const leader = streams.has(first) ? first : second;
  const follower = leader === first ? second : first;
  await leader.close();
  await expect.poll(() => streams.get(follower) ?? 0, { timeout: 10_000 }).toBe(1);
  await expectLive(follower);
  await expect.poll(async () => (await serverHealth(live.server)).clients).toBe(1);
  live.market.trade(WHIP.id, { high: 1_900_000, low: 1_850_000 });
  await expect(whipRow(follower).getByTitle('1,900,000 gp')).toBeVisible({ timeout: 2 * SYNC_MS });
});
