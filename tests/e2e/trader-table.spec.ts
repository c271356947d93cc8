// The table as a flipper uses it: the phone's four columns, column presets and exact numbers kept
// on the device, potential profit sorted, starred items pinned, filters that say what they did.
import { buyCell, expect, expectItemRows, findItem, itemTable, screenshotPath, test, waitForServiceWorkerControl, WHIP } from '../helpers/e2e-app';

const headers = (page: import('@playwright/test').Page) => itemTable(page).getByRole('columnheader').allTextContents();
const gp = (title: string | null) => Number((title ?? '').replace(/[^\d-]/g, ''));

/** At 360 px: no sideways scroll, no name and no amount cut, every row its 48 px. */
async function expectWhole(page: import('@playwright/test').Page): Promise<void> {
  const scroll = page.getByRole('region', { name: 'Grand Exchange items' });
  expect(await scroll.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await expect(itemTable(page).locator('td.col-profit').first()).toBeInViewport();
  const cut = await itemTable(page).locator('tbody th a').evaluateAll((links) => links.filter((a) => a.scrollWidth > a.clientWidth || a.scrollHeight > a.clientHeight + 1).map((a) => a.textContent));
  expect(cut).toEqual([]);
  const figures = await itemTable(page).locator('tbody tr[aria-rowindex] td:has(.price)').evaluateAll((cells) =>
    cells.filter((td) => td.scrollWidth > td.clientWidth || td.scrollHeight > td.clientHeight + 1).map((td) => `${td.className}: ${td.textContent}`),
  );
  expect(figures).toEqual([]);
  const heights = await itemTable(page).locator('tbody tr[aria-rowindex]').evaluateAll((rows) => [...new Set(rows.map((tr) => Math.round(tr.getBoundingClientRect().height)))]);
  expect(heights).toEqual([48]);
}

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const numbers of ['compact', 'exact'] as const) {
    test(`the default shows name, buy, sell and profit with no sideways scroll, names wrap and no figure is cut (${numbers} numbers)`, async ({ page }, testInfo) => {
      await page.goto('/');
      await expectItemRows(page);
      if (numbers === 'exact') {
        await page.getByRole('button', { name: 'Exact numbers' }).click();
        await expect(itemTable(page).locator('td.col-low .price').first()).toHaveText(/^\d{1,3}(,\d{3})*$/);
      }
      expect(await headers(page)).toEqual(['Watch', 'Name', 'Buy', 'Sell', 'Profit']);
      await expectWhole(page);
      const path = screenshotPath(numbers === 'compact' ? 'table-phone-360.png' : 'table-phone-360-exact.png');
      await page.screenshot({ path });
      await testInfo.attach(`phone table at 360 px, ${numbers} numbers`, { path, contentType: 'image/png' });
      // The dearest items, whose exact amounts are the longest, fit as well.
      await itemTable(page).getByRole('button', { name: /^Buy/ }).click();
      await expect(page).toHaveURL(/sort=low/);
      await expect(itemTable(page).locator('td.col-low .price').first()).toHaveText(numbers === 'exact' ? /^\d{1,3}(,\d{3}){2,}$/ : /^[\d.]+[MB]$/);
      await expectWhole(page);
      await page.screenshot({ path: screenshotPath(`table-phone-360-${numbers}-dearest.png`) });
    });
  }
});

test('a column preset, columns shown or hidden one by one and exact numbers are kept on the device and in the URL, across a reload and offline', async ({ page, context }, testInfo) => {
  await page.goto('/');
  await expectItemRows(page);
  await waitForServiceWorkerControl(page);
  await page.getByLabel('Columns').selectOption({ label: 'Flip' });
  await expect(page).toHaveURL(/cols=flip/);
  expect(await headers(page)).toEqual(['Watch', 'Name', 'Buy', 'Sell', 'Profit', 'ROI', 'Limit', 'Left', 'Pot. profit', 'Volume']);

  // On top of the preset, by keyboard: open the picker, hide ROI, show the margin.
  await page.getByText('Show or hide…').focus();
  await page.keyboard.press('Enter');
  const roi = page.getByRole('checkbox', { name: 'ROI', exact: true });
  await expect(roi).toBeChecked();
  await roi.focus();
  await page.keyboard.press('Space');
  await expect(roi).not.toBeChecked();
  // Back past profit and tax: the list is in the table's order.
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('checkbox', { name: 'Margin', exact: true })).toBeFocused();
  await page.keyboard.press('Space');
  const custom = ['Watch', 'Name', 'Buy', 'Sell', 'Margin', 'Profit', 'Limit', 'Left', 'Pot. profit', 'Volume'];
  await expect.poll(() => headers(page)).toEqual(custom);
  await expect(page.getByLabel('Columns')).toHaveValue('custom');
  await expect(page).toHaveURL(/cols=star\.icon\.name\.low\.high\.margin\.profit\.limit\.limitLeft\.potential\.volume(&|$)/);

  await page.getByRole('button', { name: 'Exact numbers' }).click();
  const row = await findItem(page, WHIP.name);
  await expect(buyCell(row)).toHaveText(/^\d{1,3}(,\d{3})+$/);
  const path = screenshotPath('column-picker.png');
  await page.locator('.toolbar').screenshot({ path });
  await testInfo.attach('column picker', { path, contentType: 'image/png' });

  await context.setOffline(true);
  await page.goto('/');
  await expectItemRows(page);
  await expect(page.getByLabel('Columns')).toHaveValue('custom');
  await expect(page.getByRole('button', { name: 'Exact numbers' })).toHaveAttribute('aria-pressed', 'true');
  expect(await headers(page)).toEqual(custom);
  await page.getByText('Show or hide…').click();
  await expect(page.getByRole('checkbox', { name: 'Margin', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'ROI', exact: true })).not.toBeChecked();
  // Showing ROI again is the Flip preset once more.
  await page.getByRole('checkbox', { name: 'ROI', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Margin', exact: true }).uncheck();
  await expect(page.getByLabel('Columns')).toHaveValue('flip');
  await expect(page).toHaveURL(/cols=flip/);
  await context.setOffline(false);
});

test('potential profit is profit × buy limit and sorts biggest first', async ({ page }) => {
  await page.goto('/?cols=all&sort=potential');
  await expectItemRows(page);
  await expect(page.getByRole('columnheader', { name: 'Pot. profit' })).toHaveAttribute('aria-sort', 'descending');
  const rows = itemTable(page).locator('tbody tr[aria-rowindex]');
  await expect(rows.first()).toBeVisible();
  const seen = await rows.evaluateAll((trs) =>
    trs.slice(0, 8).map((tr) => ({
      profit: tr.querySelector('td.col-profit .price')?.getAttribute('title') ?? null,
      limit: tr.querySelector('td.col-limit')?.textContent ?? null,
      potential: tr.querySelector('td.col-potential .price')?.getAttribute('title') ?? null,
    })),
  );
  expect(seen.length).toBeGreaterThan(3);
  for (const row of seen) expect(gp(row.potential)).toBe(gp(row.profit) * gp(row.limit));
  const potentials = seen.map((row) => gp(row.potential));
  expect(potentials).toEqual([...potentials].sort((a, b) => b - a));
});

test('starred items can be pinned to the top or be the only rows, keeping the other filters', async ({ page }) => {
  await page.goto('/');
  await expectItemRows(page);
  const row = await findItem(page, WHIP.name);
  await row.getByRole('button', { name: `Watch ${WHIP.name}` }).click();
  await expect(row.getByRole('button', { name: `Watch ${WHIP.name}` })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('searchbox', { name: 'Search items' }).fill('');
  await page.getByLabel('Starred').selectOption({ label: 'Pinned to the top' });
  await expect(itemTable(page).getByRole('rowheader').first()).toHaveText(WHIP.name);
  await page.getByLabel('Starred').selectOption({ label: 'Only starred' });
  await expect(itemTable(page).getByRole('rowheader')).toHaveText([WHIP.name]);
  await page.getByLabel('Members').selectOption({ label: 'Free-to-play only' });
  await expect(page.getByText('No items match')).toBeVisible();
});

test('filters show how many are active, say when a value is not understood, clear, and save as presets', async ({ page }) => {
  await page.goto('/');
  await expectItemRows(page);
  await page.getByText('Filters', { exact: true }).click();
  await page.getByLabel('Min ROI (%)').fill('lots');
  await expect(page.getByText('Not understood: use a percentage')).toBeVisible();
  await expect(page.getByLabel('Min ROI (%)')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Min ROI (%)').fill('3');
  await page.getByLabel('Max age of the legs').fill('2h');
  await page.getByLabel('Hide thin or unstable').check();
  await expect(page.getByText('Filters (3 active)')).toBeVisible();
  await expect(page).toHaveURL(/minRoi=3.*maxAge=2h.*steady=1/);

  await page.getByLabel('Preset name').fill('Steady 3%');
  await page.getByRole('button', { name: 'Save filters' }).click();
  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await expect(page.getByText('Filters', { exact: true })).toBeVisible();
  await expect(page).not.toHaveURL(/minRoi/);
  await page.reload();
  await page.getByText('Filters', { exact: true }).click();
  await page.getByRole('button', { name: 'Steady 3%', exact: true }).click();
  await expect(page.getByLabel('Min ROI (%)')).toHaveValue('3');
  await expect(page.getByText('Filters (3 active)')).toBeVisible();
});
