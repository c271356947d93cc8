import { expectDeviceCopy, test, useAppOnline } from '../helpers/e2e-app';
import { startE2eServer } from '../helpers/e2e-server';

test('offline, a reload shows the table, the watchlist and a viewed chart from the device', async ({ page, context }) => {
  await useAppOnline(page);
  await context.setOffline(true);
  await page.reload();
  await expectDeviceCopy(page);
});

test('with the server stopped, a reload shows the table, the watchlist and a viewed chart from the device', async ({ page }) => {
  const server = await startE2eServer();
  try {
    await useAppOnline(page, `${server.url}/`);
    await server.stop();
    await page.reload();
    await expectDeviceCopy(page, server.url);
  } finally {
    await server.dispose();
  }
});
