// REST read paths at real size: search and sort over the whole catalogue (~4,300 items), a page of
// 100 by profit, a 365-point history, the latest-prices set. Seeded from the real /mapping and
// /latest in ../shared/data/osrs-wiki when present (generated at that size otherwise) into a
// temp-file SQLite in WAL mode. Timed through the whole stack: an HTTP request on 127.0.0.1 to
// app.callback(), routing, validation, the query and JSON encoding, read back in full. The
// history query is also timed as the store function alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBuckets } from '../server/store/history-query';
import { bucketStart } from '../shared/domain/timestep';
import { seedBuckets, seedItems, seedLatest, seedVolumes, type SeedItem, type SeedPrice } from '../tests/helpers/seed-store';
import { readRealCatalogue } from '../tests/helpers/real-wiki-data';
import { startTestApp, type TestApp } from '../tests/helpers/test-app';
import { percentile, printTable } from './table';

const RUNS = 200;
const WARMUP = 20;
const WHIP = 4151;

interface Catalogue {
  source: string;
  items: SeedItem[];
  prices: SeedPrice[];
  volumes: Array<{ itemId: number; volume1h: number | null; volume24h: number | null }>;
}

function realCatalogue(): Catalogue | null {
  const real = readRealCatalogue();
  return real && { source: 'real mapping.json + latest.json', items: real.items, prices: real.prices, volumes: real.volumes };
}

function generatedCatalogue(count = 4_300): Catalogue {
  const metals = ['Bronze', 'Iron', 'Steel', 'Mithril', 'Adamant', 'Rune', 'Dragon', 'Abyssal', 'Ancient', 'Blessed'];
  const things = ['sword', 'platebody', 'whip', 'arrow', 'bar', 'dagger', 'shield', 'helm', 'boots', 'rune', 'bolts', 'potion(4)'];
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const now = Math.floor(Date.now() / 1000);
  const items = Array.from({ length: count }, (_, i) => ({
    id: i + 2,
    name: `${metals[i % metals.length]} ${things[Math.floor(i / metals.length) % things.length]} ${Math.floor(i / 120) || ''}`.trim(),
    members: i % 4 !== 0,
    limit: i % 13 === 0 ? null : 100,
    highalch: i % 20 === 0 ? null : Math.floor(random() * 1e5),
  }));
  const prices = items.filter((_, i) => i % 30 !== 0).map((item) => {
    const low = Math.floor(10 + random() * 1e6);
    return { itemId: item.id, high: low + Math.floor(random() * 2e4) - 5e3, highTime: now - 60, low, lowTime: now - 600 };
  });
  return { source: 'generated', items, prices, volumes: prices.map((p) => ({ itemId: p.itemId, volume1h: p.low % 977, volume24h: null })) };
}

/** Times `task`; `prepare` runs untimed before each run. */
async function time(runs: number, task: () => Promise<void>, prepare?: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i += 1) {
    await prepare?.();
    await task();
  }
  const timings: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    await prepare?.();
    const started = performance.now();
    await task();
    timings.push(performance.now() - started);
  }
  return timings;
}

async function get(t: TestApp, path: string): Promise<void> {
  const res = await t.request(path);
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${res.text.slice(0, 200)}`);
}

function row(name: string, timings: number[], target?: number): Record<string, string | number> {
  const p50 = percentile(timings, 50);
  return {
    case: name,
    'p50 ms': p50,
    'p95 ms': percentile(timings, 95),
    'target p50 ms': target ?? '',
    result: target === undefined ? '' : p50 <= target ? 'ok' : 'MISSED',
  };
}

async function main(): Promise<void> {
  const catalogue = realCatalogue() ?? generatedCatalogue();
  const dir = mkdtempSync(join(tmpdir(), 'ge-rest-bench-'));
  const now = Math.floor(Date.now() / 1000);
  const history = Array.from({ length: 365 }, (_, i) => ({
    timestamp: bucketStart(now, '1h') - (365 - i) * 3600,
    avgHighPrice: 1_700_000 + i,
    avgLowPrice: 1_690_000 + i,
    highPriceVolume: 40,
    lowPriceVolume: 60,
  }));
  const t = await startTestApp({
    env: { DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`, SYNC_ENABLED: 'false' },
    seed: async (db) => {
      await seedItems(db, catalogue.items);
      await seedLatest(db, catalogue.prices);
      await seedVolumes(db, catalogue.volumes);
      await seedBuckets(db, WHIP, '1h', history);
    },
  });
  try {
    const rows: Array<Record<string, string | number>> = [];
    for (const [name, path] of [
      ['search "whip"', '/api/v1/items?q=whip'],
      ['search "rune"', '/api/v1/items?q=rune'],
      ['search "a" (most items match)', '/api/v1/items?q=a'],
      ['search "dragon", sort by profit', '/api/v1/items?q=dragon&sort=profit'],
      ['search "bolts", members only, sort by ROI asc', '/api/v1/items?q=bolts&members=true&sort=roi&order=asc'],
    ] as const) {
      rows.push(row(name, await time(RUNS, () => get(t, path)), 10));
    }
    rows.push(row('page of 100 by profit', await time(RUNS, () => get(t, '/api/v1/items?sort=profit&limit=100')), 10));
    rows.push(row('page of 500 by 1h volume, asc', await time(RUNS, () => get(t, '/api/v1/items?sort=volume1h&order=asc&limit=500'))));
    // What a sync does between two requests: ~1,500 changed prices (the real /latest rate), or a
    // mapping sync rewriting every item. The request after it pays for the cache refresh.
    let tick = 0;
    const changed = catalogue.prices.slice(0, 1_500);
    const changePrices = async (): Promise<void> => {
      tick += 1;
      await seedLatest(t.db, changed.map((p) => ({ ...p, high: (p.high ?? 0) + tick, highTime: now })));
    };
    rows.push(row('search "whip" after 1,500 price changes', await time(50, () => get(t, '/api/v1/items?q=whip'), changePrices), 10));
    const touchMapping = async (): Promise<void> => {
      tick += 1;
      await t.db.updateTable('items').set({ updated_at: now + tick }).execute();
    };
    rows.push(row('search "whip" after a mapping sync (full reload)', await time(20, () => get(t, '/api/v1/items?q=whip'), touchMapping)));
    rows.push(row('one item by id', await time(RUNS, () => get(t, `/api/v1/items/${WHIP}`))));
    rows.push(row('history 365 points (1h), HTTP', await time(RUNS, () => get(t, `/api/v1/items/${WHIP}/history?timestep=1h`)), 2));
    rows.push(row('history 365 points (1h), store query only', await time(RUNS, async () => void (await readBuckets(t.db, WHIP, '1h'))), 2));
    const state = await t.request('/api/v1/prices/latest');
    const { epoch, seq } = JSON.parse(state.text) as { epoch: string; seq: number };
    rows.push(row(`latest prices, full set (${catalogue.prices.length})`, await time(50, () => get(t, '/api/v1/prices/latest'))));
    rows.push(row('latest prices, delta since the current seq', await time(RUNS, () => get(t, `/api/v1/prices/latest?since=${epoch}.${seq}`))));
    printTable(
      `REST reads (${catalogue.source}: ${catalogue.items.length} items, ${catalogue.prices.length} prices), ` +
        `${RUNS} runs after ${WARMUP} warm-up, HTTP on 127.0.0.1 to app.callback(), temp-file SQLite WAL`,
      rows,
    );
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
