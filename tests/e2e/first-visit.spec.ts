import { expect, expectItemRows, itemTable, screenshotPath, test, waitForServiceWorkerControl, WHIP } from '../helpers/e2e-app';
import { startWireCounter } from '../helpers/wire-counter';

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

test('a first visit downloads each file once, compressed, the service worker\'s precache included', async ({ browser, baseURL }) => {
  const wire = await startWireCounter(baseURL ?? '');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${wire.url}/`);
    await expectItemRows(page);
    await waitForServiceWorkerControl(page);
    // Controlling means installed: every precache download has been made.
    const files = wire.entries.filter((e) => !e.url.startsWith('/api/'));
    const downloads = new Map<string, number>();
    for (const e of files.filter((f) => f.status === 200)) downloads.set(e.url, (downloads.get(e.url) ?? 0) + 1);
    expect([...downloads].filter(([, n]) => n > 1), 'files downloaded twice').toEqual([]);
    // The precache did ask for the shell again, and the server confirmed it without a body.
    for (const e of files.filter((f) => f.status !== 200)) {
      expect(e.status, e.url).toBe(304);
      expect(e.bodyBytes, e.url).toBe(0);
    }
    const scripts = files.filter((e) => e.status === 200 && /\.(js|css|html)$|^\/$/.test(e.url.split('?')[0] ?? ''));
    expect(scripts.map((e) => e.url)).toEqual(expect.arrayContaining(['/', '/sw.js']));
    // Files under half a kilobyte have no compressed copy: a copy would save less than a packet.
    for (const e of scripts) if (e.bodyBytes >= 512) expect(e.responseHeaders['content-encoding'], e.url).toBe('br');
    for (const e of scripts.filter((f) => f.url.startsWith('/assets/'))) expect(e.responseHeaders['cache-control']).toBe('public, max-age=31536000, immutable');

    // The catalogue in one compressed answer; never the public list's pages.
    const api = wire.entries.filter((e) => e.url.startsWith('/api/'));
    const catalogue = api.filter((e) => e.url === '/api/v1/catalogue');
    expect(catalogue).toHaveLength(1);
    expect(catalogue[0]?.responseHeaders['content-encoding']).toBe('br');
    expect(api.filter((e) => e.url.startsWith('/api/v1/items'))).toEqual([]);

    // The next visit is answered by the service worker: no file crosses the wire again.
    wire.reset();
    await page.reload();
    await expectItemRows(page);
    expect(wire.entries.filter((e) => !e.url.startsWith('/api/') && e.status === 200).map((e) => e.url)).toEqual([]);
    // That start's refresh has looked at the catalogue's age once it asks for the prices: only
    // then is the age forgotten below, or that refresh would revalidate the catalogue too.
    await expect.poll(() => wire.entries.some((e) => e.url.startsWith('/api/v1/prices/latest'))).toBe(true);

    // A catalogue refresh (here made due by forgetting when the last one was) is revalidated:
    // the unchanged catalogue crosses the wire as a bodiless 304.
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('ge-tracker');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction('meta', 'readwrite');
      tx.objectStore('meta').delete('catalogueAt');
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    });
    wire.reset();
    await page.reload();
    await expectItemRows(page);
    await expect.poll(() => wire.entries.filter((e) => e.url === '/api/v1/catalogue').map((e) => [e.status, e.bodyBytes])).toEqual([[304, 0]]);
  } finally {
    await context.close();
    await wire.close();
  }
});
