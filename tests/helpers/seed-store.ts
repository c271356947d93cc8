// Writes store rows directly with kysely, so REST tests and benchmarks need none of the sync code.
import type { Timestep } from '../../shared/domain/timestep';
import type { Db } from '../../server/store/db';
import { ensureStreamState } from '../../server/store/stream-state';

export interface SeedItem {
  id: number;
  name: string;
  examine?: string;
  members?: boolean;
  icon?: string;
  limit?: number | null;
  value?: number | null;
  lowalch?: number | null;
  highalch?: number | null;
  inMapping?: boolean;
}

export interface SeedPrice {
  itemId: number;
  high: number | null;
  highTime: number | null;
  low: number | null;
  lowTime: number | null;
}

export interface SeedBucket {
  timestamp: number;
  avgHighPrice: number | null;
  avgLowPrice: number | null;
  highPriceVolume?: number;
  lowPriceVolume?: number;
}

/** SQLite allows ~32k bound values per statement: insert big seeds in slices. */
const SLICE = 1_000;

async function insertSliced<T>(rows: T[], insert: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += SLICE) await insert(rows.slice(i, i + SLICE));
}

export async function seedItems(db: Db, items: SeedItem[], now = Math.floor(Date.now() / 1000)): Promise<void> {
  await insertSliced(items, (slice) =>
    db
      .insertInto('items')
      .values(
        slice.map((item) => ({
          id: item.id,
          name: item.name,
          name_lower: item.name.toLowerCase(),
          examine: item.examine ?? `${item.name}.`,
          members: item.members === false ? 0 : 1,
          icon: item.icon ?? `${item.name}.png`,
          buy_limit: item.limit ?? null,
          value: item.value ?? null,
          lowalch: item.lowalch ?? null,
          highalch: item.highalch ?? null,
          in_mapping: item.inMapping === false ? 0 : 1,
          updated_at: now,
        })),
      )
      .execute(),
  );
}

/**
 * Writes latest prices the way the sync does: each change gets the next global seq, and the
 * store's seq moves to the last one. Returns the seq given to each row, in order.
 */
export async function seedLatest(db: Db, prices: SeedPrice[], now = Math.floor(Date.now() / 1000)): Promise<number[]> {
  const state = await ensureStreamState(db, now);
  const seqs = prices.map((_, index) => state.seq + index + 1);
  await insertSliced(
    prices.map((price, index) => ({ price, seq: seqs[index] ?? 0 })),
    (slice) =>
      db
        .insertInto('latest_prices')
        .values(
          slice.map(({ price, seq }) => ({
            item_id: price.itemId,
            high: price.high,
            high_time: price.highTime,
            low: price.low,
            low_time: price.lowTime,
            seq,
            changed_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.column('item_id').doUpdateSet((eb) => ({
            high: eb.ref('excluded.high'),
            high_time: eb.ref('excluded.high_time'),
            low: eb.ref('excluded.low'),
            low_time: eb.ref('excluded.low_time'),
            seq: eb.ref('excluded.seq'),
            changed_at: eb.ref('excluded.changed_at'),
          })),
        )
        .execute(),
  );
  await db.updateTable('stream_state').set({ seq: state.seq + prices.length }).where('id', '=', 1).execute();
  return seqs;
}

export async function seedVolumes(
  db: Db,
  volumes: Array<{ itemId: number; volume1h: number | null; volume24h: number | null }>,
  now = Math.floor(Date.now() / 1000),
): Promise<void> {
  await insertSliced(volumes, (slice) =>
    db
      .insertInto('item_volumes')
      .values(slice.map((v) => ({ item_id: v.itemId, volume_1h: v.volume1h, volume_24h: v.volume24h, updated_at: now })))
      .execute(),
  );
}

export async function seedBuckets(db: Db, itemId: number, timestep: Timestep, buckets: SeedBucket[]): Promise<void> {
  await insertSliced(buckets, (slice) =>
    db
      .insertInto('price_buckets')
      .values(
        slice.map((b) => ({
          item_id: itemId,
          timestep,
          timestamp: b.timestamp,
          avg_high: b.avgHighPrice,
          avg_low: b.avgLowPrice,
          high_volume: b.highPriceVolume ?? (b.avgHighPrice === null ? 0 : 1),
          low_volume: b.lowPriceVolume ?? (b.avgLowPrice === null ? 0 : 1),
        })),
      )
      .onConflict((oc) => oc.columns(['item_id', 'timestep', 'timestamp']).doNothing())
      .execute(),
  );
}

export async function seedSyncState(
  db: Db,
  job: string,
  state: { lastSuccess: number | null; lastError?: string | null; lastErrorAt?: number | null },
): Promise<void> {
  const row = {
    job,
    last_success: state.lastSuccess,
    last_error: state.lastError ?? null,
    last_error_at: state.lastErrorAt ?? null,
    last_duration_ms: 5,
  };
  await db
    .insertInto('sync_state')
    .values(row)
    .onConflict((oc) => oc.column('job').doUpdateSet(row))
    .execute();
}
