// axe-core, injected into the page, finds no violation on the table, the item page, the
// watchlist and the alerts page, in the dark and the light scheme.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { chart, expect, expectItemRows, findItem, itemTable, test, WHIP } from '../helpers/e2e-app';
import { deviceStore } from '../helpers/live-e2e';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

async function violations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the page's Content-Security-Policy refuses inline scripts, and stays on.
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return found.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

for (const colorScheme of ['dark', 'light'] as const) {
  test.describe(`in the ${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test('the table, the item page and the watchlist have no axe violations', async ({ page }) => {
      await page.goto('/?cols=all');
      await expectItemRows(page);
      await page.getByText('Filters', { exact: true }).click();
      expect(await violations(page)).toEqual([]);

      // The open filter panel leaves the phone's table little room: star from a fresh table.
      await page.goto('/');
      await expectItemRows(page);
      const row = await findItem(page, WHIP.name);
      await row.getByRole('button', { name: `Watch ${WHIP.name}` }).click();
      // Stored before the page is left, or the watchlist below may open without it.
      await expect.poll(async () => ((await deviceStore(page, 'watchlist')) as Array<{ itemId: number }>).map((entry) => entry.itemId)).toEqual([WHIP.id]);
      await page.goto(WHIP.path);
      await expect(chart(page).locator('canvas')).toBeVisible({ timeout: 20_000 });
      expect(await violations(page)).toEqual([]);

      await page.goto('/watchlist');
      await expect(page.getByRole('table', { name: 'Watchlist' }).getByRole('rowheader')).toHaveText([WHIP.name]);
      expect(await violations(page)).toEqual([]);
      expect(await itemTable(page).count()).toBe(0);
    });

    test('the alerts page, with an alert and a form error, has no axe violations', async ({ page }) => {
      await page.goto(`/alerts?item=${WHIP.id}`);
      const form = page.getByRole('form', { name: 'Add an alert' });
      await expect(form.getByLabel('Item')).toHaveValue(WHIP.name);
      await form.getByLabel('Target', { exact: true }).fill('1.5m');
      await form.getByRole('button', { name: 'Add alert' }).click();
      await expect(page.getByRole('listitem', { name: `${WHIP.name}: Buy price below 1.5M` })).toBeVisible();
      await form.getByLabel('Target', { exact: true }).fill('lots');
      await form.getByRole('button', { name: 'Add alert' }).click();
      await expect(form.getByRole('alert')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  });
}
