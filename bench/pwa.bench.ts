// The PWA on a phone-sized headless Chromium: the JavaScript a first paint needs (gzipped, the
// chart in its own chunk), and two offline cold starts measured from navigation start: to the first
// table rows of a 4,500-item catalogue, and to an item chart holding a year of 24h points plus
// 365 5m points. Each cold start is a fresh browser process on a profile whose service worker and
// IndexedDB were filled once online; the times are the app's own performance marks
// (`ge:first-rows`, `ge:chart-drawn`). Median of 5. Then the whole table is scrolled through, a
// screenful per frame, counting frame times and the rows the DOM holds.
import { chromium, type BrowserContext } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS, CHROMIUM_PATH, PIXEL_7 } from '../tests/helpers/e2e-chromium';
import { DIST_DIR, REPO_ROOT, startE2eServer } from '../tests/helpers/e2e-server';
import { seedDevice, type DeviceSeed } from './pwa-seed';
import { percentile, printTable } from './table';

const RUNS = 5;
const SEED: DeviceSeed = { items: 4500, chartItem: 4151, yearPoints: 365, fiveMinutePoints: 365 };
const CHART_PATH = `/items/${SEED.chartItem}/bench-item?range=1Y&step=24h`;

const gzipKb = (file: string) => gzipSync(readFileSync(join(DIST_DIR, file))).length / 1024;

/** The entry script and what it imports statically (vite lists those as modulepreload links). */
function initialScripts(): string[] {
  const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  return [...new Set(sources.filter(Boolean))];
}

function bundleRows() {
  const initial = initialScripts();
  const chart = readdirSync(join(DIST_DIR, 'assets')).filter((name) => name.startsWith('price-chart') && name.endsWith('.js'));
  return [
    { metric: 'initial JS (gzip)', value: `${initial.reduce((sum, f) => sum + gzipKb(f), 0).toFixed(1)} KB`, target: '<= 60 KB', files: initial.join(' ') },
    { metric: 'chart chunk (gzip)', value: `${chart.reduce((sum, f) => sum + gzipKb(join('assets', f)), 0).toFixed(1)} KB`, target: 'separate', files: chart.map((f) => `assets/${f}`).join(' ') },
  ];
}

async function launch(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, { ...PIXEL_7, executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Online once: the service worker installs and precaches; then the device data is replaced by the seed. */
async function prepareProfile(profile: string, url: string): Promise<void> {
  const context = await launch(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null && document.querySelector('table.items tbody th') !== null, undefined, { timeout: 30_000 });
  await page.evaluate(seedDevice, SEED);
  await context.close();
}

/** A fresh browser process, offline, opening `path`; returns the time of `mark` from navigation start. */
async function coldStart(profile: string, url: string, path: string, mark: string): Promise<number> {
  const context = await launch(profile);
  try {
    await context.setOffline(true);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${url}${path}`);
    const handle = await page.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime, mark, { timeout: 30_000 });
    return Number(await handle.jsonValue());
  } finally {
    await context.close();
  }
}

/** Scrolls the 4,500-row table end to end, one step per animation frame. */
async function scrollThrough(profile: string, url: string): Promise<{ frames: number[]; maxRows: number }> {
  const context = await launch(profile);
  try {
    await context.setOffline(true);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${url}/`);
    await page.waitForFunction(() => performance.getEntriesByName('ge:first-rows').length > 0);
    return await page.evaluate(async () => {
      const scroller = document.querySelector('.table-scroll');
      if (!scroller) throw new Error('no table');
      const frames: number[] = [];
      let maxRows = 0;
      let last = performance.now();
      while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
        scroller.scrollTop += scroller.clientHeight;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        frames.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, document.querySelectorAll('table.items tbody tr').length);
      }
      return { frames, maxRows };
    });
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the client build failed');
  printTable('PWA bundle (dist/)', bundleRows());

  const server = await startE2eServer();
  const profile = mkdtempSync(join(tmpdir(), 'ge-bench-profile-'));
  try {
    await prepareProfile(profile, server.url);
    const rows: number[] = [];
    const charts: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      rows.push(await coldStart(profile, server.url, '/', 'ge:first-rows'));
      charts.push(await coldStart(profile, server.url, CHART_PATH, 'ge:chart-drawn'));
    }
    const line = (metric: string, times: number[]) => ({
      metric,
      'median ms': Math.round(percentile(times, 50)),
      'min ms': Math.round(Math.min(...times)),
      'max ms': Math.round(Math.max(...times)),
      target: '<= 1000 ms',
    });
    printTable(`Offline cold start, Pixel 7 emulation, headless Chromium, ${RUNS} runs`, [
      line(`first table rows (${SEED.items} items)`, rows),
      line(`item chart (${SEED.yearPoints} x 24h + ${SEED.fiveMinutePoints} x 5m stored)`, charts),
    ]);
    const scroll = await scrollThrough(profile, server.url);
    printTable('Scrolling the whole table, a screenful per frame', [
      {
        frames: scroll.frames.length,
        'p50 frame ms': Math.round(percentile(scroll.frames, 50)),
        'p95 frame ms': Math.round(percentile(scroll.frames, 95)),
        'max rows in DOM': scroll.maxRows,
        items: SEED.items,
      },
    ]);
  } finally {
    await server.dispose();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
