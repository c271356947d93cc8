// Latest prices. Writes are idempotent per item: a record whose seq is not newer than the stored
// one is ignored, so a re-delivered or reordered batch changes nothing. A batch and the cursor it
// advances are written in one transaction, so a crash never leaves one without the other.
import type { LatestPricesResponse } from '../../shared/protocol/api';
import { applyCompactItem, type CompactBatch, type CompactItem } from '../../shared/protocol/compact-prices';
import { isPriceRecord, toPriceRecords, type PriceRecord } from './records';
import { isCursor, type StoredCursor } from './meta';
import { keepValid } from './guards';
import { replaceStore, withQuotaRetry } from './quota';
import type { GeDb } from './schema';

/** Keeps the newest record per item when a batch mentions an item twice. */
function newestPerItem(records: readonly PriceRecord[]): PriceRecord[] {
  const byItem = new Map<number, PriceRecord>();
  for (const record of records) {
    const held = byItem.get(record.itemId);
    if (!held || record.seq > held.seq) byItem.set(record.itemId, record);
  }
  return [...byItem.values()];
}

function isNewerCursor(next: StoredCursor, stored: unknown): boolean {
  return !isCursor(stored) || stored.epoch !== next.epoch || next.seq > stored.seq;
}

/**
 * Applies a batch of price changes (and, when given, the cursor they bring us to).
 * Returns the records that were newer than what was stored: the ones a view must redraw.
 */
export function applyPrices(db: GeDb, records: readonly PriceRecord[], cursor?: StoredCursor): Promise<PriceRecord[]> {
  const batch = newestPerItem(records);
  return withQuotaRetry(db, () => writeBatch(db, batch, cursor));
}

function writeBatch(db: GeDb, batch: readonly PriceRecord[], cursor: StoredCursor | undefined): Promise<PriceRecord[]> {
  return writeMerged(db, batch.map((r) => r.itemId), (i, old) => {
    const record = batch[i] as PriceRecord;
    return old === undefined || record.seq > old.seq ? record : null;
  }, cursor);
}

/** The store as writeMerged reads it. */
interface LatestStore {
  get(id: number): Promise<unknown>;
  getAll(range: IDBKeyRange): Promise<unknown[]>;
}
/** From this many ids on, one range read is cheaper than a read per id. */
const RANGE_READ_FROM = 256;

/**
 * The held record of each id. A batch as big as a sync's (hundreds of items spread over the
 * catalogue) is read in one request over the ids' range, not one request per id.
 */
async function readHeld(latest: LatestStore, itemIds: readonly number[]): Promise<(index: number) => unknown> {
  if (itemIds.length < RANGE_READ_FROM) {
    const held = await Promise.all(itemIds.map((id) => latest.get(id)));
    return (index) => held[index];
  }
  let low = Infinity;
  let high = -Infinity;
  for (const id of itemIds) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  // Keyed by the store's key path; writeMerged checks each record's shape, as for a read by id.
  const byId = new Map<unknown, unknown>();
  for (const record of await latest.getAll(IDBKeyRange.bound(low, high))) byId.set((record as { itemId: unknown }).itemId, record);
  return (index) => byId.get(itemIds[index]);
}

/**
 * One transaction: reads the held record of each id, writes what `merge` makes of it (null: keep
 * it) and the cursor when it is newer. Returns the records written.
 */
async function writeMerged(
  db: GeDb,
  itemIds: readonly number[],
  merge: (index: number, held: PriceRecord | undefined) => PriceRecord | null,
  cursor: StoredCursor | undefined,
): Promise<PriceRecord[]> {
  const tx = db.transaction(['latest', 'meta'], 'readwrite');
  const latest = tx.objectStore('latest');
  const meta = tx.objectStore('meta');
  const [held, storedCursor] = await Promise.all([readHeld(latest, itemIds), cursor ? meta.get('cursor') : undefined]);
  const applied: PriceRecord[] = [];
  for (let i = 0; i < itemIds.length; i += 1) {
    const old = held(i);
    const record = merge(i, isPriceRecord(old) ? old : undefined);
    if (record === null) continue;
    applied.push(record);
    void latest.put(record);
  }
  if (cursor && isNewerCursor(cursor, storedCursor)) void meta.put(cursor, 'cursor');
  await tx.done;
  return applied;
}

/**
 * Applies a compact batch (a `p1` event) with the cursor it brings us to: each item's changed legs
 * laid over the stored record, under the batch's seq; an item stored at that seq or newer is kept.
 * Exact because the batch continues the stored cursor (the caller checks the epoch; the server
 * sends every leg changed after the cursor the connection resumed from).
 */
export function applyCompactBatch(db: GeDb, batch: CompactBatch, cursor: StoredCursor): Promise<PriceRecord[]> {
  const { items } = batch;
  return withQuotaRetry(db, () => writeMerged(db, items.map((item) => item.itemId), (i, old) => {
    const item = items[i] as CompactItem;
    if (old !== undefined && old.seq >= cursor.seq) return null;
    const legs = applyCompactItem(old, item);
    return { itemId: item.itemId, high: legs.high, highTime: legs.highTime, low: legs.low, lowTime: legs.lowTime, seq: cursor.seq };
  }, cursor));
}

/** Replaces every stored price with a full snapshot (a new epoch, or a resync): items it lacks are dropped. */
export async function replacePrices(db: GeDb, records: readonly PriceRecord[], cursor: StoredCursor): Promise<void> {
  const batch = newestPerItem(records);
  await replaceStore(db, 'latest', batch, { cursor });
}

/** What a latest-prices answer changed: every price (`full`: these are the new whole), or these records, newer than the device's. */
export interface LatestApplied {
  full: boolean;
  records: PriceRecord[];
}

/**
 * Applies a GET /api/v1/prices/latest answer, from the REST refresh or the stream's resync alike:
 * a full one replaces every price, a partial one applies its changes; either moves the cursor.
 */
export async function applyLatest(db: GeDb, answer: LatestPricesResponse): Promise<LatestApplied> {
  const records = toPriceRecords(answer);
  const cursor = { epoch: answer.epoch, seq: answer.seq };
  if (!answer.full) return { full: false, records: await applyPrices(db, records, cursor) };
  await replacePrices(db, records, cursor);
  return { full: true, records };
}

export async function listPrices(db: GeDb): Promise<PriceRecord[]> {
  return keepValid(isPriceRecord, await db.getAll('latest'));
}

export async function getPrice(db: GeDb, itemId: number): Promise<PriceRecord | undefined> {
  const row: unknown = await db.get('latest', itemId);
  return isPriceRecord(row) ? row : undefined;
}
