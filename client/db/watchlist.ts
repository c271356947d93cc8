// Starred items: the user's own data, never dropped by an upgrade or by quota pruning.
import { isWatchEntry } from './records';
import { keepValid } from './guards';
import type { GeDb } from './schema';

/** Watched item ids, oldest star first. */
export async function listWatchlist(db: GeDb): Promise<number[]> {
  const entries = keepValid(isWatchEntry, await db.getAll('watchlist'));
  return entries.sort((a, b) => a.addedAt - b.addedAt).map((entry) => entry.itemId);
}

export async function setWatched(db: GeDb, itemId: number, watched: boolean, at: number): Promise<void> {
  if (watched) await db.put('watchlist', { itemId, addedAt: at });
  else await db.delete('watchlist', itemId);
}
