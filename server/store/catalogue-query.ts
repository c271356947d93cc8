// Read side of the catalogue: every item joined with its latest price and volumes, as plain
// records. A missing price or volume stays null (an item that never traded is not worth 0).
import { sql } from 'kysely';
import type { CatalogueFields } from '../../shared/domain/catalogue-fields';
import type { PriceLegs } from '../../shared/domain/price-legs';
import type { Db } from './db';
import { engineOf } from './engine';

export interface CatalogueRecord extends PriceLegs, CatalogueFields {
  /** Lower-cased name, for search. */
  nameLower: string;
  /** false once the item has left /mapping: still answerable by id, hidden from the list. */
  inMapping: boolean;
  /** seq of the item's last price change; 0 when it has no price. */
  seq: number;
  volume1h: number | null;
  volume24h: number | null;
}

function selectCatalogue(db: Db) {
  return db
    .selectFrom('items')
    .leftJoin('latest_prices', 'latest_prices.item_id', 'items.id')
    .leftJoin('item_volumes', 'item_volumes.item_id', 'items.id')
    .select([
      'items.id', 'items.name', 'items.name_lower', 'items.examine', 'items.members', 'items.icon',
      'items.buy_limit', 'items.value', 'items.lowalch', 'items.highalch', 'items.in_mapping',
      'latest_prices.high', 'latest_prices.high_time', 'latest_prices.low', 'latest_prices.low_time',
      'latest_prices.seq', 'item_volumes.volume_1h', 'item_volumes.volume_24h',
    ]);
}

type JoinedRow = Awaited<ReturnType<ReturnType<typeof selectCatalogue>['executeTakeFirstOrThrow']>>;

const orNull = (value: number | bigint | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

function toRecord(row: JoinedRow): CatalogueRecord {
  return {
    id: row.id,
    name: row.name,
    nameLower: row.name_lower,
    examine: row.examine,
    members: row.members === 1,
    icon: row.icon,
    limit: orNull(row.buy_limit),
    value: orNull(row.value),
    lowalch: orNull(row.lowalch),
    highalch: orNull(row.highalch),
    inMapping: row.in_mapping === 1,
    high: orNull(row.high),
    highTime: orNull(row.high_time),
    low: orNull(row.low),
    lowTime: orNull(row.low_time),
    seq: orNull(row.seq) ?? 0,
    volume1h: orNull(row.volume_1h),
    volume24h: orNull(row.volume_24h),
  };
}

/** Every item the store knows, including those no longer in /mapping. */
export async function readCatalogue(db: Db): Promise<CatalogueRecord[]> {
  const rows = await selectCatalogue(db).execute();
  return rows.map(toRecord);
}

/** Which of `ids` the catalogue knows (one query, however many ids). */
export async function readKnownItemIds(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('items').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => Number(row.id)));
}

/** The id of every catalogue row (in the mapping or not): the whole set, for a /latest that may name thousands. */
export async function readCatalogueIds(db: Db): Promise<Set<number>> {
  const rows = await db.selectFrom('items').select('id').execute();
  return new Set(rows.map((row) => Number(row.id)));
}

/**
 * A value that changes whenever anything was written to the store. Readers cache derived views
 * against it, so it may change without a write (a reload too many) but never stay put across one.
 * SQLite: rows changed through this connection (total_changes) or committed by another one
 * (data_version). PostgreSQL has neither: the current snapshot (`xmin:xmax:in-progress ids`)
 * changes whenever a transaction that wrote (took a transaction id) ends, as a write becomes
 * visible exactly when a snapshot stops listing it as in progress, and reading it takes no id
 * itself. It moves for other databases' writes too, which only costs a fingerprint read
 * (readCatalogueFingerprint says what really changed).
 */
export async function readStoreVersion(db: Db): Promise<string> {
  if (engineOf(db) === 'postgres') {
    const result = await sql<{ version: string }>`select pg_current_snapshot()::text as version`.execute(db);
    return result.rows[0]?.version ?? '';
  }
  const result = await sql<{ changes: number; version: number }>`
    select total_changes() as changes, (select data_version from pragma_data_version) as version
  `.execute(db);
  const row = result.rows[0];
  return `${row?.changes}:${row?.version}`;
}

/** What each part of the catalogue was last changed to, so a cache reloads only that part. */
export interface CatalogueFingerprint {
  /** Changes when a mapping sync writes (it stamps updated_at) or an item leaves the mapping. */
  items: string;
  volumes: string;
  epoch: string;
  /** Every price change takes the next seq: rows above a cached seq are exactly what changed. */
  seq: number;
}

export async function readCatalogueFingerprint(db: Db): Promise<CatalogueFingerprint> {
  const result = await sql<{ items: string; volumes: string; epoch: string | null; seq: number | null }>`
    select
      (select count(*) || ':' || coalesce(max(updated_at), 0) || ':' || coalesce(sum(in_mapping), 0) from items) as items,
      (select count(*) || ':' || coalesce(max(updated_at), 0) || ':' || coalesce(sum(volume_1h), 0) || ':'
        || coalesce(sum(volume_24h), 0) from item_volumes) as volumes,
      (select epoch from stream_state where id = 1) as epoch,
      (select seq from stream_state where id = 1) as seq
  `.execute(db);
  const row = result.rows[0];
  return { items: row?.items ?? '', volumes: row?.volumes ?? '', epoch: row?.epoch ?? '', seq: Number(row?.seq ?? 0) };
}

export interface VolumeRecord {
  itemId: number;
  volume1h: number | null;
  volume24h: number | null;
}

export async function readVolumes(db: Db): Promise<VolumeRecord[]> {
  const rows = await db.selectFrom('item_volumes').select(['item_id', 'volume_1h', 'volume_24h']).execute();
  return rows.map((row) => ({ itemId: row.item_id, volume1h: orNull(row.volume_1h), volume24h: orNull(row.volume_24h) }));
}
