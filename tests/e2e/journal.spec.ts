// The trade journal on a phone, offline: log a buy and a sell and see the profit after tax and
// the buy-limit countdown; import another tool's file through its preview; move the journal to a
// fresh browser profile through our own export.
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, findItem, test, useAppOnline, WHIP } from '../helpers/e2e-app';

async function logTrade(page: Page, side: 'Bought' | 'Sold', quantity: string, price: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Log a trade' });
  await form.getByLabel('Item').fill(WHIP.name);
  await form.getByLabel('Item').blur();
  await form.getByRole('radio', { name: side }).check();
  await form.getByLabel('Quantity').fill(quantity);
  await form.getByLabel('Price each').fill(price);
  await form.getByRole('button', { name: side === 'Bought' ? 'Log buy' : 'Log sell' }).click();
  // Saved: the journal lists it.
  await expect(page.getByRole('list', { name: 'Trades' }).getByRole('listitem', { name: `${side} ${quantity} × ${WHIP.name}`, exact: true })).toBeVisible();
}

test('offline, a logged buy and sell show the profit after tax and the limit countdown', async ({ page, context }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await useAppOnline(page);
  await page.getByRole('link', { name: 'Journal' }).click();
  await expect(page.getByRole('heading', { name: 'Journal' })).toBeVisible();
  await context.setOffline(true);
  await page.reload();

  await logTrade(page, 'Bought', '10', '1.5m');
  await expect(page.getByRole('listitem', { name: `Bought 10 × ${WHIP.name}` })).toBeVisible();
  await logTrade(page, 'Sold', '4', '1.6m');
  // 4 × 100,000 margin − 4 × 32,000 tax (2%).
  await expect(page.getByRole('status', { name: 'Total profit' })).toContainText('272,000 gp from 1 flip, 128,000 gp tax paid');
  await expect(page.getByRole('table', { name: 'Open positions' })).toContainText(`6 × ${WHIP.name}`);

  await page.goto(WHIP.path);
  await expect(page.getByText('Bought 10 of 70 · 60 left')).toBeVisible();
  await expect(page.getByRole('timer', { name: 'Limit resets' })).toHaveText(/^Resets at .+, in (3h 59m|4h 00m)$/);
  await page.getByRole('link', { name: 'Buy limits' }).click();
  await expect(page.getByRole('list', { name: 'Open limit windows' })).toContainText(`${WHIP.name}Bought 10 of 70 · 60 left`);
  await expect(page.getByRole('checkbox', { name: 'Notify me when a buy limit resets' })).not.toBeChecked();

  // The phone starts on the four-column preset; Left is in Flip (and All).
  await page.goto('/?limit=left&cols=flip');
  const row = await findItem(page, WHIP.name);
  await expect(row.locator('td.col-limitLeft')).toHaveText('60');
  await expect(page.getByRole('checkbox', { name: 'Limit available' })).toBeChecked();
  await expect(page.locator('.filters summary')).toHaveText('Filters (1 active)');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await expect(page.locator('.filters summary')).toHaveText('Filters');
  await expect(page).not.toHaveURL(/limit=left/);
  expect(errors).toEqual([]);

});

const FU_CSV = fileURLToPath(new URL('../../shared/domain/import-fixtures/flipping-utilities.csv', import.meta.url));

async function importFile(page: Page, path: string): Promise<void> {
  await page.goto('/journal/transfer');
  await page.getByLabel('File to import').setInputFiles(path);
}

test('offline, a Flipping Utilities CSV shows a preview, imports on confirm, and adds nothing the second time', async ({ page, context }) => {
  await useAppOnline(page);
  await context.setOffline(true);
  await importFile(page, FU_CSV);
  await expect(page.getByRole('status', { name: 'Import preview' })).toContainText(/^4 new trades \(2 buys, 2 sells\) from .*2024 to .*2025; 0 already in the journal/);
  await expect(page.getByRole('list', { name: 'Names that match no item' })).toContainText('“Abyssal whipp” (1 row)');
  await expect(page.getByRole('list', { name: 'Rows that cannot be imported' })).toContainText('Row 12: unknown state "EXPLODED"');
  await page.getByRole('button', { name: 'Skip “Abyssal whipp”' }).click();
  await page.getByRole('button', { name: 'Import 4 trades' }).click();
  await expect(page.getByText('Imported 4 trades.')).toBeVisible();

  await importFile(page, FU_CSV);
  await expect(page.getByRole('status', { name: 'Import preview' })).toContainText('0 new trades (0 buys, 0 sells) from – to –; 4 already in the journal');
  await expect(page.getByRole('button', { name: 'Import 0 trades' })).toBeDisabled();
  await page.goto('/journal');
  await expect(page.getByRole('list', { name: 'Trades' }).getByRole('listitem')).toHaveCount(4);
});

test('a journal exported and imported into a fresh browser profile is the same journal', async ({ page, context, browser }, testInfo) => {
  await useAppOnline(page);
  await context.setOffline(true);
  await importFile(page, FU_CSV);
  await page.getByRole('button', { name: 'Import 4 trades' }).click();
  await expect(page.getByText('Imported 4 trades.')).toBeVisible();
  await page.goto('/journal');
  await logTrade(page, 'Bought', '3', '1.45m');
  const journal = (await page.getByRole('list', { name: 'Trades' }).textContent()) ?? '';
  const profit = (await page.getByRole('status', { name: 'Total profit' }).textContent()) ?? '';

  await page.goto('/journal/transfer');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export journal and watchlist (JSON)' }).click()]);
  const saved = testInfo.outputPath('export.json');
  await download.saveAs(saved);

  const fresh = await browser.newContext({ ...testInfo.project.use, baseURL: testInfo.project.use.baseURL ?? page.url() });
  try {
    const other = await fresh.newPage();
    await useAppOnline(other, new URL('/', page.url()).href);
    await fresh.setOffline(true);
    await importFile(other, saved);
    await expect(other.getByRole('status', { name: 'Import preview' })).toContainText('5 new trades');
    await other.getByRole('button', { name: 'Import 5 trades' }).click();
    await expect(other.getByText('Imported 5 trades.')).toBeVisible();
    await other.goto(new URL('/journal', page.url()).href);
    await expect(other.getByRole('list', { name: 'Trades' })).toHaveText(journal);
    await expect(other.getByRole('status', { name: 'Total profit' })).toHaveText(profit);
  } finally {
    await fresh.close();
  }
});

test('movers come from the server online and from the saved history offline', async ({ page, context }) => {
  await useAppOnline(page);
  await page.getByRole('link', { name: 'Movers' }).click();
  await expect(page.getByRole('heading', { name: 'Movers' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /averages up to|No history/ })).not.toContainText('saved on this device');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));

  await context.setOffline(true);
  await page.goto('/movers?period=24h&minVolume=0');
  await expect(page.getByRole('status').filter({ hasText: 'saved on this device' })).toContainText('By hourly averages');
  const lists = page.getByRole('region', { name: 'Risers' }).or(page.getByRole('region', { name: 'Fallers' }));
  await expect(lists.getByRole('link', { name: WHIP.name })).toBeVisible();
});
