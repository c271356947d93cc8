// Ingest of a real-size /latest: diff against the stored prices + write the changes + assign
// seqs, in one transaction, against a temp-file SQLite in WAL mode. Uses consecutive real
// snapshots from ../shared/data/osrs-wiki/latest-series when present (4,162 items, ~1,500
// changed between two), a generated pair of the same size otherwise. Target: p50 <= 30 ms.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/store/db';
import { ensureStreamState } from '../server/store/stream-state';
import { ingestLatest } from '../server/store/price-writes';
import type { ItemLegs } from '../server/store/price-diff';
import { LatestResponseSchema } from '../server/upstream/schemas';
import { toItemLegs } from '../server/sync/latest-snapshot';
import { percentile, printTable } from './table';

const RUNS = 30;
const SERIES_DIR = new URL('../../shared/data/osrs-wiki/latest-series/', import.meta.url).pathname;

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

async function main(): Promise<void> {
  const real = realSeries();
  const series = real ?? generatedSeries();
  const dir = mkdtempSync(join(tmpdir(), 'ge-ingest-bench-'));
  const store = await openDatabase(`sqlite:${join(dir, 'bench.sqlite')}`);
  await ensureStreamState(store.db);
  const timings: number[] = [];
  const changeCounts: number[] = [];
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
}

await main();
