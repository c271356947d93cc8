// A phone's first visit, in bytes on the wire: Pixel 7 emulation in headless Chromium against the
// real catalogue (../shared/data/osrs-wiki mapping.json, 4,275 items, and latest.json, served by a
// fake wiki on loopback and synced by the real server), counted at a loopback proxy in front of
// the server: every answer's status line, headers and body as sent (compressed when it was), the
// service worker's precache requests included. The visit ends when the service worker controls
// the page, the table shows, and no answer but the live stream has been pending for a second.
// Side by side: this checkout ("after") and the commit before the lean wire ("before",
// BENCH_BASELINE, extracted with git archive and built into a temp folder). Item icons come from
// the wiki's image origin, blocked here as in the browser tests, and are not counted.
import { chromium, type Browser } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH, PIXEL_7 } from '../tests/helpers/e2e-chromium';
import { DIST_DIR, REPO_ROOT, startE2eServer } from '../tests/helpers/e2e-server';
import { startFakeUpstream } from '../tests/helpers/fake-upstream';
import { readRealCatalogue } from '../tests/helpers/real-wiki-data';
import { waitFor } from '../tests/helpers/wait-for';
import { startWireCounter, wireBytes, type WireEntry } from '../tests/helpers/wire-counter';
import { printTable } from './table';

/** The last commit whose client downloaded the catalogue in pages of full rows, uncompressed. */
const BASELINE = process.env.BENCH_BASELINE ?? 'b013567';
const GOAL_KB = 400;
const QUIET_MS = 1000;

const KINDS: Array<[string, (url: string) => boolean]> = [
  ['catalogue', (url) => url.startsWith('/api/v1/catalogue') || url.startsWith('/api/v1/items')],
  ['latest prices', (url) => url.startsWith('/api/v1/prices/latest')],
  ['live stream (so far)', (url) => url.startsWith('/api/v1/prices/stream')],
  ['other API', (url) => url.startsWith('/api/')],
  ['scripts and styles', (url) => /\.(js|css)(\?|$)/.test(url) && url !== '/sw.js'],
  ['page, manifest, service worker', (url) => url === '/' || /^\/(index\.html|sw\.js|manifest\.webmanifest)/.test(url)],
  ['icons', (url) => /\.(png|svg)(\?|$)/.test(url)],
  ['other', () => true],
];

const kindOf = (entry: WireEntry): string => KINDS.find(([, match]) => match(entry.url))?.[0] ?? 'other';
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

interface Visit {
  entries: WireEntry[];
  /** Files (not API answers) sent whole more than once. */
  twice: string[];
}

/** Builds the baseline commit's client in a temp checkout; null (with the reason printed) when it cannot. */
function prepareBaseline(): string | null {
  if (spawnSync('git', ['-C', REPO_ROOT, 'cat-file', '-e', `${BASELINE}^{commit}`]).status !== 0) {
    process.stdout.write(`\nbefore: not measured (commit ${BASELINE} is not in this repository; set BENCH_BASELINE)\n`);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ge-bench-baseline-'));
  const extract = spawnSync('sh', ['-c', `git -C "${REPO_ROOT}" archive ${BASELINE} | tar -x -C "${dir}"`], { stdio: 'inherit' });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  const build = extract.status === 0 ? spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], { cwd: dir, stdio: 'inherit' }) : extract;
  if (build.status !== 0) {
    process.stdout.write(`\nbefore: not measured (the baseline ${BASELINE} did not build)\n`);
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return dir;
}

async function firstVisit(browser: Browser, upstreamUrl: string, items: number, root?: string): Promise<Visit> {
  const server = await startE2eServer({ demo: false, root, staticDir: root ? join(root, 'dist') : DIST_DIR, env: { UPSTREAM_URL: upstreamUrl, SYNC_WINDOW_DELAY: '1h' } });
  const wire = await startWireCounter(server.url);
  try {
    await waitFor('the server to sync the real catalogue', async () => {
      const answer = await fetch(`${server.url}/api/v1/items?limit=1`).then((r) => r.json() as Promise<{ total?: number }>, () => ({ total: 0 }));
      return answer.total === items;
    }, 60_000);
    const context = await browser.newContext({ ...PIXEL_7, serviceWorkers: 'allow' });
    try {
      const page = await context.newPage();
      await page.goto(`${wire.url}/`);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null && document.querySelector('table.items tbody th') !== null, undefined, { timeout: 60_000 });
      let seen = -1;
      let quietSince = Date.now();
      await waitFor('the first visit to finish downloading', () => {
        const pending = wire.entries.some((e) => !e.done && kindOf(e) !== 'live stream (so far)');
        if (pending || wire.entries.length !== seen) {
          seen = wire.entries.length;
          quietSince = Date.now();
          return false;
        }
        return Date.now() - quietSince >= QUIET_MS;
      }, 60_000);
    } finally {
      await context.close();
    }
    const entries = [...wire.entries];
    const whole = new Map<string, number>();
    for (const e of entries) if (!e.url.startsWith('/api/') && e.status === 200) whole.set(e.url, (whole.get(e.url) ?? 0) + 1);
    return { entries, twice: [...whole].filter(([, n]) => n > 1).map(([url]) => url) };
  } finally {
    await wire.close();
    await server.dispose();
  }
}

function rows(visits: { before: Visit | null; after: Visit }) {
  const column = (visit: Visit | null, kind: string | null) => {
    if (!visit) return { bytes: '-', requests: '-' };
    const picked = kind === null ? visit.entries : visit.entries.filter((e) => kindOf(e) === kind);
    return { bytes: kb(wireBytes(picked)), requests: String(picked.length) };
  };
  const line = (label: string, kind: string | null, target = '') => {
    const before = column(visits.before, kind);
    const after = column(visits.after, kind);
    return { part: label, before: before.bytes, after: after.bytes, 'requests before': before.requests, 'requests after': after.requests, target };
  };
  const used = KINDS.map(([kind]) => kind).filter((kind) => [visits.before, visits.after].some((v) => v?.entries.some((e) => kindOf(e) === kind)));
  return [
    ...used.map((kind) => line(kind, kind)),
    line('total', null, `<= ${GOAL_KB} KB`),
    {
      part: 'files sent whole twice', before: visits.before ? String(visits.before.twice.length) : '-', after: String(visits.after.twice.length),
      'requests before': '', 'requests after': '', target: '0',
    },
  ];
}

async function main(): Promise<void> {
  const real = readRealCatalogue();
  if (!real) {
    process.stdout.write('\nskipped: the real catalogue (../shared/data/osrs-wiki/mapping.json, latest.json) is not here\n');
    return;
  }
  const build = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the client build failed');
  const upstream = await startFakeUpstream();
  upstream.setMapping(real.mappingBody);
  upstream.setLatest(real.latestBody);
  const baseline = prepareBaseline();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const before = baseline ? await firstVisit(browser, upstream.url, real.items.length, baseline) : null;
    const after = await firstVisit(browser, upstream.url, real.items.length);
    printTable(`First visit on a phone (Pixel 7, headless Chromium), ${real.items.length} real items: bytes on the wire (headers + bodies as sent), before = ${BASELINE}`, rows({ before, after }));
    if (after.twice.length > 0) process.stdout.write(`sent twice after: ${after.twice.join(' ')}\n`);
  } finally {
    await browser.close();
    await upstream.close();
    if (baseline) rmSync(baseline, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
