// "Hide thin or unstable" against the server's real 1h window: an item whose latest leg is far off
// its 1-hour average is hidden, one near it stays, the averages arrive with the `history` event of
// the window (no reload), the item page agrees, and they hold offline.
import { expect, itemTable, test, waitForServiceWorkerControl } from '../helpers/e2e-app';
import { expectLive, startLiveServer } from '../helpers/live-e2e';
import { startLiveMarket } from '../helpers/live-market';

const BOND = 'Old school bond';
const NATURE = 'Nature rune';

test('an item whose latest price is far off its 1-hour average is hidden by "hide thin or unstable", one near it stays, offline too', async ({ page, context }) => {
  const market = await startLiveMarket();
  const now = Math.floor(Date.now() / 1000);
  const hour = now - (now % 3600) - 3600;
  // The bond last traded at 13.3M / 13.0M against an hour that averaged 10M: 30% off. The rune and
  // the whip traded within a few per cent of their averages.
  market.fake.setWindow('1h', {
    timestamp: hour,
    data: {
      13190: { avgHighPrice: 10_000_000, highPriceVolume: 400, avgLowPrice: 9_900_000, lowPriceVolume: 300 },
      561: { avgHighPrice: 112, highPriceVolume: 90_000, avgLowPrice: 108, lowPriceVolume: 80_000 },
      4151: { avgHighPrice: 1_710_000, highPriceVolume: 400, avgLowPrice: 1_690_000, lowPriceVolume: 300 },
    },
  });
  market.fake.setCurrentWindow('1h', hour);
  // The server's first /1h answer waits, so the page is open and live before the window is stored.
  let release = (): void => {};
  market.fake.fail('1h', { kind: 'held', until: new Promise<void>((resolve) => (release = resolve)) }, Infinity);
  const server = await startLiveServer(market);
  try {
    await page.goto(`${server.url}/?steady=1`);
    const names = itemTable(page).getByRole('rowheader');
    await expectLive(page);
    await waitForServiceWorkerControl(page);
    // No average on the device yet: nothing is known to be unstable.
    await expect(names).toContainText([BOND]);
    await expect(names).toContainText([NATURE]);

    market.fake.clearFailures();
    release();
    await expect(names.filter({ hasText: BOND })).toHaveCount(0);
    await expect(names).toContainText([NATURE]);
    await expect(names).toContainText(['Abyssal whip']);
    // Without the filter the bond is back, its margin marked unstable for those who look.
    await page.goto(`${server.url}/?cols=all&q=bond`);
    await expect(itemTable(page).locator('td.col-margin').first()).toContainText('unstable');
    // The item page agrees, on a daily chart too (its averages come from the same stored hour).
    await page.goto(`${server.url}/items/13190/old-school-bond?range=1Y&step=24h`);
    await expect(page.getByText(/^Unstable: a latest price is more than 15% off its 1-hour average/)).toBeVisible();

    await context.setOffline(true);
    await page.goto(`${server.url}/?steady=1`);
    await expect(names).toContainText([NATURE]);
    await expect(names.filter({ hasText: BOND })).toHaveCount(0);
  } finally {
    await context.setOffline(false);
    await server.dispose();
    await market.close();
  }
});
