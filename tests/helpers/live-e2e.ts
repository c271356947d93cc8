// Browser tests of the live stream: the real server against a fake wiki the test moves
// (live-market.ts) with a short sync interval, and readers for what the device and the server
// hold, so a test can compare them.
import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './e2e-app';
import { LatestPricesResponseSchema, HistoryResponseSchema, HealthResponseSchema, type HealthResponse } from '../../shared/protocol/api';
import { startE2eServer, type E2eServer } from './e2e-server';
import { startLiveMarket, type LiveMarket } from './live-market';

export const SYNC_MS = 500;
/** The live server's /metrics token (metrics are never public). */
const METRICS_TOKEN = 'e2e-metrics';

/** The real server against the market, syncing every `syncMs`; `port` to come back on the same origin. */
export function startLiveServer(market: LiveMarket, options: { port?: number; syncMs?: number } = {}): Promise<E2eServer> {
  return startE2eServer({
    demo: false,
    port: options.port,
    env: {
      UPSTREAM_URL: market.fake.url,
      UPSTREAM_RETRIES: '0',
      // Long enough for a test to hold a window's answer while the browser reconnects.
      UPSTREAM_TIMEOUT: '30s',
      SYNC_LATEST_INTERVAL: `${options.syncMs ?? SYNC_MS}ms`,
      SYNC_WINDOW_DELAY: '1s',
      SSE_RETRY: '500ms',
      METRICS_TOKEN: METRICS_TOKEN,
    },
  });
}

export interface LiveWorld {
  market: LiveMarket;
  server: E2eServer;
  /** Stops the server and starts one on a fresh database (a new epoch) at the same origin. */
  replaceWithFreshServer(): Promise<E2eServer>;
}

/** Each test gets its own market and server (`syncMs` sets the sync interval), torn down after it. */
export const liveTest = test.extend<{ live: LiveWorld; syncMs: number }>({
  syncMs: [SYNC_MS, { option: true }],
  live: async ({ syncMs }, use) => {
    const market = await startLiveMarket();
    const servers: E2eServer[] = [];
    const start = async (port?: number): Promise<E2eServer> => {
      const server = await startLiveServer(market, { syncMs, port });
      servers.push(server);
      return server;
    };
    try {
      const first = await start();
      await use({
        market,
        server: first,
        async replaceWithFreshServer() {
          await first.dispose();
          return start(first.port);
        },
      });
    } finally {
      for (const server of servers) await server.dispose();
      await market.close();
    }
  },
});

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

export async function serverHealth(server: E2eServer): Promise<HealthResponse> {
  return HealthResponseSchema.parse(await getJson(`${server.url}/api/v1/health`));
}

export interface PriceView {
  cursor: string | null;
  /** item id -> "high/highTime/low/lowTime/seq" */
  prices: Record<string, string>;
}

// Legs only: the app's compact stream labels each item with the seq of the event that brought it
// (decision 0010), which may be above the seq of the item's own last change on the server.
const priceKey = (p: { high: unknown; highTime: unknown; low: unknown; lowTime: unknown }): string =>
  [p.high, p.highTime, p.low, p.lowTime].join('/');

export async function serverPrices(server: E2eServer): Promise<PriceView> {
  const latest = LatestPricesResponseSchema.parse(await getJson(`${server.url}/api/v1/prices/latest`));
  return { cursor: `${latest.epoch}.${latest.seq}`, prices: Object.fromEntries(Object.entries(latest.prices).map(([id, p]) => [id, priceKey(p)])) };
}

export async function serverBuckets(server: E2eServer, itemId: number): Promise<number[]> {
  const history = HistoryResponseSchema.parse(await getJson(`${server.url}/api/v1/items/${itemId}/history?timestep=5m`));
  return history.buckets.map((b) => b.timestamp);
}

/** `ge_sse_catchups_total` by result, from the server's metrics. */
export async function catchUps(server: E2eServer): Promise<{ exact: number; resync: number }> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const count = (result: string) => Number(new RegExp(`^ge_sse_catchups_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { exact: count('exact'), resync: count('resync') };
}

interface RawDevice {
  cursor: unknown;
  latest: Array<Record<string, unknown>>;
  points: Array<Record<string, unknown>>;
}

/** What the page's IndexedDB holds: the cursor, every price, and the 5m buckets of one item. */
export async function devicePrices(page: Page): Promise<PriceView> {
  const raw = await readDevice(page);
  const cursor = raw.cursor as { epoch?: unknown; seq?: unknown } | undefined;
  return {
    cursor: cursor ? `${String(cursor.epoch)}.${String(cursor.seq)}` : null,
    prices: Object.fromEntries(raw.latest.map((p) => [String(p.itemId), priceKey(p as Parameters<typeof priceKey>[0])])),
  };
}

export async function deviceBuckets(page: Page, itemId: number): Promise<number[]> {
  const raw = await readDevice(page);
  return raw.points.filter((p) => p.itemId === itemId && p.timestep === '5m').map((p) => Number(p.timestamp));
}

/** Every record of one of the page's IndexedDB stores. */
export function deviceStore(page: Page, store: string): Promise<unknown[]> {
  return readStore(page, store, null) as Promise<unknown[]>;
}

/** The record under `key` in one of the page's IndexedDB stores (`meta`'s keys are out of line), or undefined. */
export function deviceValue(page: Page, store: string, key: string): Promise<unknown> {
  return readStore(page, store, key);
}

function readStore(page: Page, store: string, key: string | null): Promise<unknown> {
  return page.evaluate(
    ({ name, key }) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('ge-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const records = open.result.transaction(name).objectStore(name);
          const request = key === null ? records.getAll() : records.get(key);
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    { name: store, key },
  );
}

function readDevice(page: Page): Promise<RawDevice> {
  return page.evaluate(
    () =>
      new Promise<RawDevice>((resolve, reject) => {
        const open = indexedDB.open('ge-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['meta', 'latest', 'points'], 'readonly');
          const cursor = tx.objectStore('meta').get('cursor');
          const latest = tx.objectStore('latest').getAll();
          const points = tx.objectStore('points').getAll();
          tx.oncomplete = () => {
            db.close();
            resolve({ cursor: cursor.result, latest: latest.result, points: points.result });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The header's live indicator (the item page has a second one on its chart). */
export function headerLive(page: Page): Locator {
  return page.getByRole('banner').getByRole('status', { name: 'Live connection' });
}

export async function expectLive(page: Page, timeout = 20_000): Promise<void> {
  await expect(headerLive(page)).toHaveText('Live', { timeout });
}

/**
 * Records the titles (exact prices) of price cells as they light up, so a test sees the brief
 * highlight however late it looks.
 */
export async function recordHighlights(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    const observer = new MutationObserver((mutations) => {
      for (const { target } of mutations) if (target instanceof HTMLElement && target.classList.contains('flash')) seen.push(target.title);
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'] });
    // Held by the page so the observer outlives this call.
    Object.assign(window, { highlightedPrices: seen, highlightObserver: observer });
  });
  return () => page.evaluate(() => [...((window as unknown as { highlightedPrices?: string[] }).highlightedPrices ?? [])]);
}

/** Counts stream requests that resumed from a cursor and reached the server (a response came back). */
export function countCatchUpResponses(page: Page): { count(): number; reset(): void } {
  let count = 0;
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname === '/api/v1/prices/stream' && url.searchParams.has('since') && response.status() === 200) count += 1;
  });
  return { count: () => count, reset: () => (count = 0) };
}
