// Ingest of a real-size /latest: diff against the stored prices + write the changes + assign
// seqs, in one transaction, against a temp-file SQLite in WAL mode. Uses consecutive real
// snapshots from ../shared/data/osrs-wiki/latest-series when present (4,162 items, ~1,500
// changed between two), a generated pair of the same size otherwise. Target: p50 <= 30 ms.
// Also times a /1h window (~2,900 items) with what it feeds: 6h/24h rollups and item volumes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/store/db';
import { ensureStreamState } from '../server/store/stream-state';
import { ingestLatest } from '../server/store/price-writes';
import type { ItemLegs } from '../server/store/price-diff';
import { LatestResponseSchema, WindowResponseSchema, type WindowResponse } from '../server/upstream/schemas';
import { ingestWindow } from '../server/store/windows-repo';
import { toBuckets } from '../server/sync/window-job';
import { toItemLegs } from '../server/sync/latest-snapshot';
import { percentile, printTable } from './table';

const RUNS = 30;
const SERIES_DIR = new URL('../../shared/data/osrs-wiki/latest-series/', import.meta.url).pathname;
const HOURS_DIR = new URL('../../shared/data/osrs-wiki/1h-series/', import.meta.url).pathname;

function realSeries(): ItemLegs[][] | null {
  if (!existsSync(SERIES_DIR)) return null;
  const files = readdirSync(SERIES_DIR).filter((f) => f.endsWith('.json')).sort();
  return files.map((f) => toItemLegs(LatestResponseSchema.parse(JSON.parse(readFileSync(join(SERIES_DIR, f), 'utf8')))));
}

function generatedSeries(count = 12, items = 4162, changes = 1500): ItemLegs[][] {
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let current: ItemLegs[] = Array.from({ length: items }, (_, i) => {
    const price = Math.floor(10 + random() * 1e6);
    return { itemId: i * 7 + 2, high: price + 5, highTime: 1748239000, low: price, lowTime: 1748239000 };
  });
  const series = [current];
  for (let s = 1; s < count; s += 1) {
    current = current.map((legs) => ({ ...legs }));
    for (let c = 0; c < changes; c += 1) {
      const legs = current[Math.floor(random() * items)];
      if (legs) Object.assign(legs, { high: (legs.high ?? 0) + 1, highTime: 1748239000 + s * 300 });
    }
    series.push(current);
  }
  return series;
}

function hourWindows(): WindowResponse[] {
  if (existsSync(HOURS_DIR)) {
    return readdirSync(HOURS_DIR).filter((f) => f.endsWith('.json')).sort()
      .map((f) => WindowResponseSchema.parse(JSON.parse(readFileSync(join(HOURS_DIR, f), 'utf8'))));
  }
  const entry = { avgHighPrice: 1000, highPriceVolume: 50, avgLowPrice: 990, lowPriceVolume: 40 };
  return Array.from({ length: 24 }, (_, h) => ({
    timestamp: 1748145600 + h * 3600,
    data: Object.fromEntries(Array.from({ length: 2900 }, (_, i) => [String(2 + i * 7), entry])),
  }));
}

async function main(): Promise<void> {
  const real = realSeries();
  const series = real ?? generatedSeries();
  const dir = mkdtempSync(join(tmpdir(), 'ge-ingest-bench-'));
  const store = await openDatabase(`sqlite:${join(dir, 'bench.sqlite')}`);
  await ensureStreamState(store.db);
  const timings: number[] = [];
  const changeCounts: number[] = [];
  const windowTimings: number[] = [];
  const windowItems: number[] = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const k = run % (series.length - 1);
      const before = series[k];
      const after = series[k + 1];
      if (!before || !after) throw new Error('series too short');
      await ingestLatest(store.db, before); // untimed: put the store in the "previous snapshot" state
      const started = performance.now();
      const committed = await ingestLatest(store.db, after);
      timings.push(performance.now() - started);
      changeCounts.push(committed.changes.length);
    }
    for (const window of hourWindows()) {
      const started = performance.now();
      const result = await ingestWindow(store.db, '1h', window.timestamp, toBuckets(window));
      if (result === 'written') windowTimings.push(performance.now() - started);
      windowItems.push(Object.keys(window.data).length);
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(`ingest /latest (${real ? 'real latest-series' : 'generated'}: ${series[0]?.length} items), ${RUNS} runs, temp-file SQLite WAL`, [
    {
      case: 'diff + write + seq, one transaction',
      'changes p50': percentile(changeCounts, 50),
      'p50 ms': percentile(timings, 50),
      'p95 ms': percentile(timings, 95),
      'max ms': Math.max(...timings),
      'target p50 ms': 30,
      result: percentile(timings, 50) <= 30 ? 'ok' : 'MISSED',
    },
  ]);
  printTable(`ingest /1h windows (${existsSync(HOURS_DIR) ? 'real 1h-series' : 'generated'}), ${windowTimings.length} windows in hour order`, [
    {
      case: 'buckets + 6h/24h rollups + item volumes, one transaction',
      'items p50': percentile(windowItems, 50),
      'p50 ms': percentile(windowTimings, 50),
      'p95 ms': percentile(windowTimings, 95),
      'max ms': Math.max(...windowTimings),
    },
  ]);
}

await main();
