// Starred items: the user's own data, never dropped by an upgrade or by quota pruning.
import { isWatchEntry, type WatchEntry } from './records';
import { keepValid } from './guards';
import type { GeDb } from './schema';

/** Starred items with when they were starred, oldest first (what an export carries). */
export async function listWatchEntries(db: GeDb): Promise<WatchEntry[]> {
  return keepValid(isWatchEntry, await db.getAll('watchlist')).sort((a, b) => a.addedAt - b.addedAt);
}

/** Watched item ids, oldest star first. */
export async function listWatchlist(db: GeDb): Promise<number[]> {
  return (await listWatchEntries(db)).map((entry) => entry.itemId);
}

export async function setWatched(db: GeDb, itemId: number, watched: boolean, at: number): Promise<void> {
  if (watched) await db.put('watchlist', { itemId, addedAt: at });
  else await db.delete('watchlist', itemId);
}
