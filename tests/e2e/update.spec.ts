import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, expectItemRows, test, waitForServiceWorkerControl } from '../helpers/e2e-app';
import { DIST_DIR, startE2eServer } from '../helpers/e2e-server';

test('a new deployment shows "Update available", and Reload switches to it', async ({ page }) => {
  // Two service-worker installs and a rebuild of the precache: slow on a busy 2-core machine.
  test.slow();
  // A copy of the build this test may change: a new sw.js is what a deployment looks like to the browser.
  const deployed = mkdtempSync(join(tmpdir(), 'ge-e2e-dist-'));
  cpSync(DIST_DIR, deployed, { recursive: true });
  const server = await startE2eServer({ staticDir: deployed });
  try {
    await page.goto(`${server.url}/`);
    await expectItemRows(page);
    await waitForServiceWorkerControl(page);
    await expect(page.getByText('Update available')).toHaveCount(0);
    // The browser runs registration jobs one at a time; on a loaded machine the first install's job
    // can hold the queue for seconds. Deploy only once an update check has gone through, so the
    // new version is found by the app's own launch check, not by whatever was still queued.
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.ready).update();
    });

    appendFileSync(join(deployed, 'sw.js'), `\n// deployment ${Date.now()}\n`);
    await page.reload();
    const prompt = page.getByRole('alert').filter({ hasText: 'Update available' });
    await expect(prompt).toBeVisible({ timeout: 45_000 });

    await prompt.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return registration !== undefined && registration.waiting === null && navigator.serviceWorker.controller !== null;
    });
    await expectItemRows(page);
    await expect(page.getByText('Update available')).toHaveCount(0);
  } finally {
    await server.dispose();
    rmSync(deployed, { recursive: true, force: true });
  }
});
