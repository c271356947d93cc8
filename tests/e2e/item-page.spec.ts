// The item page: exact gp a trader can copy, one width for every section, the chart within a
// phone's first screen, a title and a wiki link naming the item, and "no such item" for a bad id.
import { chart, expect, expectItemRows, screenshotPath, test, WHIP } from '../helpers/e2e-app';

test.describe('on a 1440 px desktop', () => {
  test.use({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

  test('shows exact gp for every figure, copies one with a tap, names the item in the title, and links its wiki page', async ({ page, context }, testInfo) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(WHIP.path);
    await expect(page.getByRole('heading', { name: WHIP.name })).toBeVisible({ timeout: 20_000 });
    await expect(page).toHaveTitle(`${WHIP.name} · GE Tracker`);
    for (const label of ['Margin', 'GE tax', 'Profit after tax', 'Potential profit (limit)']) {
      await expect(page.locator('dl.figures div').filter({ hasText: label }).first().locator('dd')).toHaveText(/^-?\d{1,3}(,\d{3})* gp( \(-?[\d.]+[KMB]\))?$/);
    }
    const profit = page.locator('dl.figures div').filter({ hasText: 'Profit after tax' }).locator('.price');
    const exact = (await profit.getAttribute('title')) ?? '';
    await profit.click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toHaveText(`Copied ${exact}`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(exact.replace(/[^\d-]/g, ''));
    await expect(page.getByRole('link', { name: `${WHIP.name} on the OSRS Wiki` })).toHaveAttribute('href', /oldschool\.runescape\.wiki\/.*id=4151$/);

    await expect(chart(page).locator('canvas')).toBeVisible({ timeout: 20_000 });
    // Every section shares one width and one left edge.
    const edges = await page.locator('.item-page > *').evaluateAll((sections) => sections.map((s) => { const r = s.getBoundingClientRect(); return `${Math.round(r.left)}:${Math.round(r.width)}`; }));
    expect(new Set(edges).size).toBe(1);
    const path = screenshotPath('item-page-desktop.png');
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach('item page on a desktop', { path, contentType: 'image/png' });
  });
});

test('on a phone the chart starts within the first screen', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 839 });
  await page.goto(WHIP.path);
  await expect(chart(page).locator('canvas')).toBeVisible({ timeout: 20_000 });
  const top = await chart(page).evaluate((el) => el.getBoundingClientRect().top);
  expect(top).toBeLessThan(839);
  // Volume bars are drawn at a phone's width too: pixels of their fill colour along the bottom.
  const barPixels = await chart(page).locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context) return 0;
    const { data } = context.getImageData(0, Math.floor(canvas.height * 0.6), canvas.width, Math.floor(canvas.height * 0.35));
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs((data[i] ?? 0) - 140) < 6 && Math.abs((data[i + 2] ?? 0) - 165) < 6 && (data[i + 3] ?? 0) > 100) count += 1;
    return count;
  });
  expect(barPixels).toBeGreaterThan(200);
  await page.screenshot({ path: screenshotPath('item-page-phone.png') });
});

test('the crosshair shows the margin, and a step that cannot fill the range says so', async ({ page }) => {
  await page.goto(`${WHIP.path}?range=1W&step=5m`);
  await expect(chart(page).locator('canvas')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('note')).toHaveText(/^5m steps reach back \d+ h, not the whole 1W: choose 1h to see all of it\.$/);
  const box = await chart(page).locator('.u-over').boundingBox();
  if (!box) throw new Error('no plot area');
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
  await expect(chart(page).locator('.u-legend .u-series').filter({ hasText: 'Margin' }).locator('.u-value')).toHaveText(/^-?\d{1,3}(,\d{3})* gp$/);
});

test('an unknown id says there is no such item, with no chart section', async ({ page }) => {
  await page.goto('/');
  await expectItemRows(page);
  await page.goto('/items/999999/nothing');
  await expect(page.getByRole('heading', { name: 'No such item' })).toBeVisible();
  await expect(page).toHaveTitle('No such item · GE Tracker');
  await expect(page.getByRole('heading', { name: 'Price history' })).toHaveCount(0);
  await expect(page.getByText(/online/i)).toHaveCount(0);
});
