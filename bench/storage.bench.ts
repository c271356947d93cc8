// How big the store grows: bytes per price bucket measured on a real SQLite file (WAL, written
// window by window as the sync writes them, not vacuumed), and the size that implies for a year
// of ~4,300 items under the default retention (docs/decisions/0003-history-retention.md).
// Also measures the layout migration 002 replaced (a rowid table with a separate primary-key index).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../server/store/db';
import { upsertBuckets, type BucketInput } from '../server/store/buckets-repo';
import { printTable } from './table';

const ITEMS = 2900; // items in a real /1h window
const WINDOWS = 120;

function windowRows(timestamp: number, random: () => number, prices: number[]): BucketInput[] {
  return prices.map((price, i) => {
    const oneSided = random() < 0.15;
    return {
      itemId: 2 + i * 7,
      timestamp,
      avgHigh: Math.round(price * (1 + random() * 0.02)),
      avgLow: oneSided ? null : Math.round(price * (1 - random() * 0.02)),
      highVolume: Math.floor(Math.exp(random() * 12)),
      lowVolume: oneSided ? 0 : Math.floor(Math.exp(random() * 12)),
    };
  });
}

async function rowidLayout(db: Db): Promise<void> {
  await sql`drop table price_buckets`.execute(db);
  await sql`create table price_buckets (item_id integer not null, timestep text not null, timestamp bigint not null,
    avg_high bigint, avg_low bigint, high_volume bigint not null, low_volume bigint not null,
    primary key (item_id, timestep, timestamp))`.execute(db);
  await sql`create index price_buckets_step_time on price_buckets (timestep, timestamp)`.execute(db);
}

async function measure(layout: 'current' | 'rowid'): Promise<{ bytesPerRow: number; file: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ge-storage-bench-'));
  const path = join(dir, 'store.sqlite');
  try {
    const store = await openDatabase(`sqlite:${path}`);
    if (layout === 'rowid') await rowidLayout(store.db);
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const prices = Array.from({ length: ITEMS }, () => Math.ceil(Math.exp(random() * 20)));
    for (let w = 0; w < WINDOWS; w += 1) {
      const rows = windowRows(1748239200 + w * 3600, random, prices);
      await store.db.transaction().execute((trx) => upsertBuckets(trx, '1h', rows));
    }
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
    await store.close();
    const file = statSync(path).size;
    return { bytesPerRow: file / (ITEMS * WINDOWS), file };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Rows a year holds with the default retention: items per window as seen in real responses
// (/5m ~1,500, /1h ~2,900, /24h ~3,500; 6h taken between the two).
const YEAR = [
  { timestep: '5m', kept: '2 days', items: 1500, buckets: 2 * 288 },
  { timestep: '1h', kept: '30 days', items: 2900, buckets: 30 * 24 },
  { timestep: '6h', kept: '365 days', items: 3200, buckets: 365 * 4 },
  { timestep: '24h', kept: 'forever (1st year)', items: 3500, buckets: 365 },
];

const current = await measure('current');
const rowid = await measure('rowid');
printTable(`price_buckets on disk (${ITEMS} items x ${WINDOWS} hourly windows, WAL, not vacuumed)`, [
  { layout: 'WITHOUT ROWID + (timestep, timestamp) index (current)', 'bytes/row': current.bytesPerRow, 'file MB': current.file / 1e6 },
  { layout: 'rowid table + PK index + (timestep, timestamp) index (001)', 'bytes/row': rowid.bytesPerRow, 'file MB': rowid.file / 1e6 },
]);
const rows = YEAR.map((y) => ({ ...y, rows: y.items * y.buckets }));
const total = rows.reduce((sum, r) => sum + r.rows, 0);
printTable('a year of ~4,300 items, default retention (current layout)', [
  ...rows.map((r) => ({ timestep: r.timestep, kept: r.kept, 'rows': r.rows, 'MB': (r.rows * current.bytesPerRow) / 1e6 })),
  { timestep: 'total', kept: '', rows: total, MB: (total * current.bytesPerRow) / 1e6 },
]);
