import { expect, expectItemRows, test, waitForServiceWorkerControl } from '../helpers/e2e-app';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('Chromium finds nothing stopping installation', async ({ page, context }) => {
  await page.goto('/');
  await expectItemRows(page);
  await waitForServiceWorkerControl(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  const { errors } = await cdp.send('Page.getAppManifest');
  expect(errors).toEqual([]);
});

test('the manifest names the app, its colours, shortcuts and icons that exist at their stated sizes', async ({ page, request }) => {
  await page.goto('/');
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifestHref).toBeTruthy();
  const manifest = (await (await request.get(manifestHref ?? '')).json()) as Record<string, unknown> & { icons: ManifestIcon[]; shortcuts: Array<{ name: string; url: string }> };
  expect(manifest).toMatchObject({ name: expect.stringContaining('GE Tracker'), short_name: 'GE Tracker', id: '/', start_url: '/', scope: '/', display: 'standalone' });
  expect(String(manifest.description)).toMatch(/Grand Exchange/);
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
  expect(manifest.theme_color).toBe(background);
  expect(manifest.background_color).toBe(background);
  expect(manifest.shortcuts.map((s) => s.name)).toEqual(['Watchlist', 'Search items']);

  for (const purpose of ['any', 'maskable']) {
    for (const size of [192, 512]) {
      const icon = manifest.icons.find((i) => i.purpose === purpose && i.sizes === `${size}x${size}`);
      expect(icon, `${purpose} ${size} icon`).toBeDefined();
      const response = await request.get(icon?.src ?? '');
      expect(response.ok()).toBe(true);
      expect(pngSize(await response.body())).toEqual([size, size]);
    }
  }
  const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  expect(pngSize(await (await request.get(touchIcon ?? '')).body())).toEqual([180, 180]);
});
