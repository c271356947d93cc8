import { expect, expectItemRows, itemTable, screenshotPath, test, waitForServiceWorkerControl, WHIP } from '../helpers/e2e-app';

test('a first visit shows the items and the service worker takes control', async ({ page }, testInfo) => {
  await page.goto('/');
  await expectItemRows(page);
  expect(await itemTable(page).getByRole('rowheader').count()).toBeGreaterThan(10);
  await expect(page.getByText('Demo', { exact: true })).toBeVisible();
  await expect(page.getByText(/as of \d/)).toBeVisible();
  await waitForServiceWorkerControl(page);
  const path = screenshotPath('table-phone.png');
  await page.screenshot({ path });
  await testInfo.attach('table on a phone', { path, contentType: 'image/png' });
});

test('search, sort and filters live in the URL and survive a reload', async ({ page }) => {
  await page.goto('/');
  await expectItemRows(page);
  await page.getByRole('searchbox', { name: 'Search items' }).fill('rune');
  await page.getByRole('button', { name: 'Profit' }).click();
  await page.getByText('Filters', { exact: true }).click();
  await page.getByLabel('Max buy price').fill('1.5k');
  await expect(page).toHaveURL(/q=rune/);
  await expect(page).toHaveURL(/sort=profit/);
  await expect(page).toHaveURL(/maxPrice=1.5k/);

  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search items' })).toHaveValue('rune');
  await expect(page.getByLabel('Max buy price')).toHaveValue('1.5k');
  await expect(page.getByRole('columnheader', { name: 'Profit' })).toHaveAttribute('aria-sort', 'descending');
  const names = await itemTable(page).getByRole('rowheader').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(name.toLowerCase()).toContain('rune');
});

test('an item page shows its figures and a chart of its history', async ({ page }, testInfo) => {
  await page.goto(`${WHIP.path}?range=1M`);
  await expect(page.getByRole('heading', { name: WHIP.name })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Profit after tax')).toBeVisible();
  await expect(page.getByRole('radio', { name: '6h' })).toBeChecked();
  const chartBox = page.getByRole('img', { name: /Abyssal whip prices over 1M/ });
  await expect(chartBox.locator('canvas')).toBeVisible({ timeout: 20_000 });
  await expect(chartBox.getByText('Sell (high)')).toBeVisible();
  const path = screenshotPath('item-phone.png');
  await page.screenshot({ path });
  await testInfo.attach('item page on a phone', { path, contentType: 'image/png' });
  await chartBox.scrollIntoViewIfNeeded();
  const chartPath = screenshotPath('item-chart-phone.png');
  await page.screenshot({ path: chartPath });
  await testInfo.attach('item chart on a phone', { path: chartPath, contentType: 'image/png' });
});
