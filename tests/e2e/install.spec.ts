import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, expectItemRows, test, waitForServiceWorkerControl } from '../helpers/e2e-app';
import { CHROMIUM_ARGS, CHROMIUM_PATH, PIXEL_7 } from '../helpers/e2e-chromium';

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

test('Chromium finds nothing stopping installation', async ({ playwright, baseURL }) => {
  // A real profile: Chromium never offers installation in an incognito context.
  const profile = mkdtempSync(join(tmpdir(), 'ge-e2e-profile-'));
  const context = await playwright.chromium.launchPersistentContext(profile, { ...PIXEL_7, executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${baseURL}/`);
    await expectItemRows(page);
    await waitForServiceWorkerControl(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const { errors } = await cdp.send('Page.getAppManifest');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
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
