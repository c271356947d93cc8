// When the device refuses a write for lack of space, the oldest history of items nobody is
// watching goes first: it is the cheapest data to lose (the server can send it again) and the
// least likely to be looked at offline.
import type { GeDb } from './schema';

export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('name' in error)) return false;
  return error.name === 'QuotaExceededError' || ('cause' in error && isQuotaError(error.cause));
}

/** Share of the stored history points a pruning pass deletes. */
const PRUNE_FRACTION = 0.25;
const PRUNE_MIN = 500;

/** Deletes the oldest history points of unwatched items; returns how many went. */
export async function pruneHistory(db: GeDb): Promise<number> {
  const watched = new Set(await db.getAllKeys('watchlist'));
  const total = await db.count('points');
  const target = Math.max(PRUNE_MIN, Math.ceil(total * PRUNE_FRACTION));
  const tx = db.transaction('points', 'readwrite');
  let deleted = 0;
  let cursor = await tx.store.index('byTimestamp').openCursor();
  while (cursor && deleted < target) {
    const [itemId] = cursor.primaryKey;
    if (!watched.has(itemId)) {
      void cursor.delete();
      deleted += 1;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return deleted;
}

/** Runs a write; on a quota error prunes history once and retries. Nothing to prune: the error stands. */
export async function withQuotaRetry<T>(db: GeDb, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    const freed = await pruneHistory(db);
    if (freed === 0) throw error;
    return write();
  }
}

/**
 * Replaces every row of `store` with `rows` and writes each of `meta` under its key, in one
 * transaction, under the quota retry: a whole download (the catalogue, a price snapshot, an hour's averages).
 */
export async function replaceStore(db: GeDb, store: 'items' | 'latest' | 'hourly', rows: readonly unknown[], meta: Readonly<Record<string, unknown>>): Promise<void> {
  await withQuotaRetry(db, async () => {
    const tx = db.transaction([store, 'meta'], 'readwrite');
    const target = tx.objectStore(store);
    void target.clear();
    for (const row of rows) void target.put(row);
    for (const [key, value] of Object.entries(meta)) void tx.objectStore('meta').put(value, key);
    await tx.done;
  });
}
