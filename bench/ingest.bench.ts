// Ingest of a real-size /latest by the sync's writer: diff + write the changes + assign seqs,
// atomically (on SQLite one transaction reading the stored prices; on PostgreSQL one statement
// diffed against the writer's last commit, docs/decisions/0018), against a temp-file SQLite in
// WAL mode and, when reachable, a fresh database on the PostgreSQL at 127.0.0.1:5432
// (TEST_POSTGRES_URL; its row is skipped with the reason otherwise). Uses consecutive real snapshots from ../shared/data/osrs-wiki/latest-series
// when present (4,162 items, ~1,500 changed between two), a generated pair of the same size
// otherwise. Target: p50 <= 30 ms. Also times a /1h window (~2,900 items) with what it feeds:
// 6h/24h rollups and item volumes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../server/store/db';
import { createPostgresDatabase, dropPostgresDatabases, postgresUnavailable } from '../tests/helpers/postgres-admin';
import { ensureStreamState } from '../server/store/stream-state';
import { createLatestWriter } from '../server/store/price-writes';
import type { ItemLegs } from '../server/store/price-diff';
import { LatestResponseSchema, WindowResponseSchema, type WindowResponse } from '../server/upstream/schemas';
import { ingestWindow } from '../server/store/windows-repo';
import { toBuckets } from '../server/sync/window-job';
import { toItemLegs } from '../server/sync/latest-snapshot';
import { percentile, printTable } from './table';

const RUNS = 30;
const SERIES_DIR = new URL('../../shared/data/osrs-wiki/latest-series/', import.meta.url).pathname;
const HOURS_DIR = new URL('../../shared/data/osrs-wiki/1h-series/', import.meta.url).pathname;

export function realSeries(): ItemLegs[][] | null {
  if (!existsSync(SERIES_DIR)) return null;
  const files = readdirSync(SERIES_DIR).filter((f) => f.endsWith('.json')).sort();
  return files.map((f) => toItemLegs(LatestResponseSchema.parse(JSON.parse(readFileSync(join(SERIES_DIR, f), 'utf8')))));
}

export function generatedSeries(count = 12, items = 4162, changes = 1500): ItemLegs[][] {
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

export interface Timings {
  latest: number[];
  changes: number[];
  windows: number[];
  windowItems: number[];
}

/** Opens a store at `url`, times every run on it, and closes it. */
async function measure(url: string, series: ItemLegs[][]): Promise<Timings> {
  const store = await openDatabase(url);
  await ensureStreamState(store.db);
  const timings: Timings = { latest: [], changes: [], windows: [], windowItems: [] };
  // The sync's own writer: on PostgreSQL it diffs against its last commit (docs/decisions/0018).
  const writer = createLatestWriter(store.db);
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const k = run % (series.length - 1);
      const before = series[k];
      const after = series[k + 1];
      if (!before || !after) throw new Error('series too short');
      await writer.ingest(before); // untimed: put the store in the "previous snapshot" state
      const started = performance.now();
      const committed = await writer.ingest(after);
      timings.latest.push(performance.now() - started);
      timings.changes.push(committed.changes.length);
    }
    for (const window of hourWindows()) {
      const started = performance.now();
      const result = await ingestWindow(store.db, '1h', window.timestamp, toBuckets(window));
      if (result === 'written') timings.windows.push(performance.now() - started);
      timings.windowItems.push(Object.keys(window.data).length);
    }
  } finally {
    await store.close();
  }
  return timings;
}

export async function onSqlite(series: ItemLegs[][]): Promise<Timings> {
  const dir = mkdtempSync(join(tmpdir(), 'ge-ingest-bench-'));
  try {
    return await measure(`sqlite:${join(dir, 'bench.sqlite')}`, series);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PostgreSQL timings, or why there are none. */
export async function onPostgres(series: ItemLegs[][]): Promise<Timings | string> {
  const unavailable = await postgresUnavailable();
  if (unavailable !== null) return unavailable;
  const { name, url } = await createPostgresDatabase('ge_bench');
  try {
    return await measure(url, series);
  } finally {
    await dropPostgresDatabases([name]);
  }
}

async function main(): Promise<void> {
  const real = realSeries();
  const series = real ?? generatedSeries();
  const engines: Array<[string, Timings | string]> = [
    ['SQLite, temp file, WAL', await onSqlite(series)],
    ['PostgreSQL', await onPostgres(series)],
  ];
  const measured = engines.filter((entry): entry is [string, Timings] => typeof entry[1] !== 'string');
  for (const [engine, reason] of engines) {
    if (typeof reason === 'string') process.stdout.write(`\n${engine}: skipped (${reason})\n`);
  }
  printTable(`ingest /latest (${real ? 'real latest-series' : 'generated'}: ${series[0]?.length} items), ${RUNS} runs`, measured.map(([engine, t]) => ({
    engine,
    case: 'diff + write + seq, atomic',
    'changes p50': percentile(t.changes, 50),
    'p50 ms': percentile(t.latest, 50),
    'p95 ms': percentile(t.latest, 95),
    'p99 ms': percentile(t.latest, 99),
    'max ms': Math.max(...t.latest),
    'target p50 ms': 30,
    result: percentile(t.latest, 50) <= 30 ? 'ok' : 'MISSED',
  })));
  printTable(`ingest /1h windows (${existsSync(HOURS_DIR) ? 'real 1h-series' : 'generated'}), in hour order`, measured.map(([engine, t]) => ({
    engine,
    case: 'buckets + 6h/24h rollups + item volumes, one transaction',
    windows: t.windows.length,
    'items p50': percentile(t.windowItems, 50),
    'p50 ms': percentile(t.windows, 50),
    'p95 ms': percentile(t.windows, 95),
    'max ms': Math.max(...t.windows),
  })));
}

// Run by `npm run bench -- ingest`; imported by the cluster bench for its ingest rows.
if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
