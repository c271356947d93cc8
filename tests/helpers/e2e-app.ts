// Shared steps for the browser tests: the base URL from global setup, and the moves a user makes
// before going offline (visit, star an item, open its chart).
import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './e2e-server';

export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error('E2E_BASE_URL is not set: run the specs through playwright.config.ts (its global setup starts the server)');
    await use(url);
  },
});
export { expect };

export const WHIP = { id: 4151, name: 'Abyssal whip', path: '/items/4151/abyssal-whip' };

export function itemTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Grand Exchange items' });
}

export function rowFor(table: Locator, name: string): Locator {
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name, exact: true }) });
}

/** Rows are drawn (the table is virtualised: only those in view exist). */
/** A row's buy price cell, whichever columns are shown. */
export function buyCell(row: Locator): Locator {
  return row.locator('td.col-low');
}

export async function expectItemRows(page: Page): Promise<void> {
  await expect(itemTable(page).getByRole('rowheader').first()).toBeVisible({ timeout: 20_000 });
}

/** Types into the search box and waits for the item's row. */
export async function findItem(page: Page, name: string): Promise<Locator> {
  await page.getByRole('searchbox', { name: 'Search items' }).fill(name);
  const row = rowFor(itemTable(page), name);
  await expect(row).toBeVisible();
  return row;
}

export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
}

/** Online: items and prices on the device, the whip starred, its chart viewed once. */
export async function useAppOnline(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expectItemRows(page);
  await expect(page.getByText(/as of/)).toBeVisible();
  await waitForServiceWorkerControl(page);
  const row = await findItem(page, WHIP.name);
  await row.getByRole('button', { name: `Watch ${WHIP.name}` }).click();
  await expect(row.getByRole('button', { name: `Watch ${WHIP.name}` })).toHaveAttribute('aria-pressed', 'true');
  await row.getByRole('link', { name: WHIP.name }).click();
  await expect(page).toHaveURL(new RegExp(`${WHIP.path}`));
  await expect(chart(page).locator('canvas')).toBeVisible({ timeout: 20_000 });
}

export function chart(page: Page): Locator {
  return page.getByRole('img', { name: /Abyssal whip prices/ });
}

export function offlineBanner(page: Page): Locator {
  // "Offline: showing what this device saved…"; the live indicator's bare "Offline" is another status.
  return page.getByRole('status').filter({ hasText: 'Offline:' });
}

/** Offline (or with the server gone): the table, the watchlist and the whip's chart still show. */
export async function expectDeviceCopy(page: Page, origin = ''): Promise<void> {
  await page.goto(`${origin}/`);
  await expect(offlineBanner(page)).toBeVisible();
  await expectItemRows(page);
  const row = await findItem(page, WHIP.name);
  // The buy price cell holds a price, not the dash of a missing one.
  await expect(buyCell(row)).toHaveText(/^\d/);

  await page.goto(`${origin}/watchlist`);
  await expect(offlineBanner(page)).toBeVisible();
  const watchlist = page.getByRole('table', { name: 'Watchlist' });
  await expect(watchlist.getByRole('rowheader')).toHaveText([WHIP.name]);

  await page.goto(`${origin}${WHIP.path}`);
  await expect(offlineBanner(page)).toBeVisible();
  await expect(page.getByRole('heading', { name: WHIP.name })).toBeVisible();
  await expect(chart(page).locator('canvas')).toBeVisible();
}

export function screenshotPath(name: string): string {
  const dir = join(REPO_ROOT, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
