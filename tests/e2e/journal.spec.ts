// The trade journal on a phone, offline: log a buy and a sell and see the profit after tax and
// the buy-limit countdown.
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
  await expect(page.getByText('The countdown runs in the app only')).toBeVisible();
  await page.goto('/limits');
  await expect(page.getByRole('list', { name: 'Open limit windows' })).toContainText(`${WHIP.name}Bought 10 of 70 · 60 left`);

  await page.goto('/?limit=left');
  const row = await findItem(page, WHIP.name);
  await expect(row.getByRole('cell').nth(9)).toHaveText('60');
  await expect(page.getByRole('checkbox', { name: 'Limit available' })).toBeChecked();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
  expect(errors).toEqual([]);

});
