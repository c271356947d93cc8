// The trade journal on a phone, offline: log a buy and a sell and see the profit after tax and
// the buy-limit countdown.
import type { Page } from '@playwright/test';
import { expect, test, useAppOnline, WHIP } from '../helpers/e2e-app';

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

});
