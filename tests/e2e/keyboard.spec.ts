// Every table shortcut: / search, Enter the first result, j/k and the arrows move, s stars, ? lists
// them, Esc leaves; the skip link shows when focused.
import { expect, expectItemRows, itemTable, test, WHIP } from '../helpers/e2e-app';

test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

const currentRow = (page: import('@playwright/test').Page) => itemTable(page).locator('tr.row-current');

test('/ focuses the search, Enter opens the first result and Esc leaves the search', async ({ page }) => {
  await page.goto('/');
  await expectItemRows(page);
  await page.locator('body').press('/');
  const search = page.getByRole('searchbox', { name: 'Search items' });
  await expect(search).toBeFocused();
  await page.keyboard.type('abyssal wh');
  await expect(itemTable(page).getByRole('rowheader').first()).toHaveText(WHIP.name);
  await page.keyboard.press('Escape');
  await expect(search).not.toBeFocused();
  await search.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(WHIP.path));
});

test('j/k and the arrow keys move through rows, s stars, Enter opens, Esc leaves the row', async ({ page }) => {
  await page.goto('/');
  await expectItemRows(page);
  const names = await itemTable(page).getByRole('rowheader').allTextContents();
  await page.locator('body').press('j');
  await expect(currentRow(page).getByRole('rowheader')).toHaveText(names[0] ?? '');
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await expect(currentRow(page).getByRole('rowheader')).toHaveText(names[2] ?? '');
  await page.keyboard.press('k');
  await expect(currentRow(page).getByRole('rowheader')).toHaveText(names[1] ?? '');
  await page.keyboard.press('ArrowUp');
  await expect(currentRow(page).getByRole('rowheader')).toHaveText(names[0] ?? '');
  // Far down the virtualised table the current row is scrolled into view.
  for (let i = 0; i < 30; i += 1) await page.keyboard.press('j');
  await expect(currentRow(page)).toBeInViewport();
  await expect(currentRow(page).getByRole('rowheader')).toHaveText(names[0] === undefined ? '' : /./);
  const name = (await currentRow(page).getByRole('rowheader').textContent()) ?? '';
  await page.keyboard.press('s');
  await expect(currentRow(page).getByRole('button', { name: `Watch ${name}` })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(currentRow(page)).toHaveCount(0);
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: names[0] ?? '' })).toBeVisible();
});

test('? lists the shortcuts and Esc closes the list', async ({ page }) => {
  await page.goto('/');
  await expectItemRows(page);
  await page.locator('body').press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const key of ['/', 'Enter', 'j or ↓', 'k or ↑', 's', '?', 'Esc']) await expect(dialog.getByText(key, { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the skip link becomes visible when focused', async ({ page }) => {
  await page.goto('/');
  await expectItemRows(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  const box = await skip.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(40);
  expect(box?.height ?? 0).toBeGreaterThan(20);
});

test('a price copies its exact amount from the keyboard, Enter or Space, and the confirmation is announced', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await expectItemRows(page);
  await page.locator('body').press('/');
  await page.keyboard.type(WHIP.name);
  const row = itemTable(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: WHIP.name, exact: true }) });
  await expect(itemTable(page).getByRole('rowheader')).toHaveText([WHIP.name]);
  const buy = row.locator('td.col-low').getByRole('button');
  const sell = row.locator('td.col-high').getByRole('button');
  // Tab from the search box to the whip's buy price, through every control before it.
  const focusedBuy = () => buy.evaluate((el) => el === document.activeElement);
  for (let presses = 0; presses < 60 && !(await focusedBuy()); presses += 1) await page.keyboard.press('Tab');
  await expect(buy).toBeFocused();
  const status = page.getByRole('status').filter({ hasText: 'Copied' });

  const buyExact = await buy.getAttribute('title');
  expect(buyExact).toMatch(/^\d{1,3}(,\d{3})+ gp$/);
  await page.keyboard.press('Enter');
  await expect(status).toHaveText(`Copied ${buyExact}`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(buyExact?.replace(/\D/g, ''));

  await page.keyboard.press('Tab');
  await expect(sell).toBeFocused();
  const sellExact = await sell.getAttribute('title');
  await page.keyboard.press('Space');
  await expect(status).toHaveText(`Copied ${sellExact}`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(sellExact?.replace(/\D/g, ''));
});
