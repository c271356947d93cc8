import { buyCell, expect, expectItemRows, findItem, test, waitForServiceWorkerControl, WHIP } from '../helpers/e2e-app';

test.use({ viewport: { width: 360, height: 740 } });

test('at 360 px the page never scrolls sideways and every control is at least 44 px to tap', async ({ page }) => {
  await page.goto('/');
  await expectItemRows(page);
  const smallControls = async (least: number) => {
    const controls = page.locator('header a, header button, main button, main input, main select, main summary, main tbody a');
    const boxes = await controls.evaluateAll((elements) =>
      elements
        .map((element) => ({ element: element.outerHTML.slice(0, 80), box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 1 && box.height > 1 && box.top < window.innerHeight)
        .map(({ element, box }) => ({ element, width: Math.round(box.width), height: Math.round(box.height) })),
    );
    expect(boxes.length).toBeGreaterThan(least);
    return boxes.filter((b) => b.height < 44 || b.width < 44);
  };
  // The table's rows (filters closed), then every filter control (the panel fills the screen).
  expect(await smallControls(20)).toEqual([]);
  await page.getByText('Filters', { exact: true }).click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await smallControls(12)).toEqual([]);
});

test('prices show compact with the exact amount on hover, and a long press copies it with a confirmation', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await expectItemRows(page);
  const row = await findItem(page, WHIP.name);
  const buy = buyCell(row).locator('.price');
  await expect(buy).toHaveText(/^\d+(\.\d+)?[KM]$/);
  await expect(buy).toHaveAttribute('title', /^\d{1,3}(,\d{3})+ gp$/);
  const box = await buy.boundingBox();
  if (!box) throw new Error('the buy price is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const exact = await buy.getAttribute('title');
  await page.mouse.down();
  // The value is not cut off in place any more: the confirmation shows it whole.
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toHaveText(`Copied ${exact}`);
  await page.mouse.up();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(exact?.replace(/\D/g, ''));
});

test('the price stream and the REST API are never answered by the service worker', async ({ page }) => {
  const served: Array<{ url: string; fromServiceWorker: boolean }> = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) served.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() });
  });
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await page.reload();
  await expectItemRows(page);
  await expect.poll(() => served.some((r) => r.url.includes('/api/v1/prices/stream'))).toBe(true);
  expect(served.filter((r) => r.fromServiceWorker)).toEqual([]);
});
