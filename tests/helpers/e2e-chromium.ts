// How the browser tests launch Chromium: Debian's build, never a Playwright download.
import { devices } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

const { defaultBrowserType: _chromium, ...pixel7 } = devices['Pixel 7'];
export const PIXEL_7 = pixel7;
