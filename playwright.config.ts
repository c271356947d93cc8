// Browser tests: Debian's Chromium (never a Playwright download) emulating a Pixel 7, against the
// built client served by the real server with the demo market.
import { defineConfig, devices } from '@playwright/test';

const { defaultBrowserType: _ignored, ...pixel7 } = devices['Pixel 7'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Item icons come from the wiki; tests stay on loopback and see the fallback icon.
  '--host-resolver-rules=MAP oldschool.runescape.wiki ~NOTFOUND',
];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  forbidOnly: true,
  use: {
    ...pixel7,
    colorScheme: 'dark',
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
});
