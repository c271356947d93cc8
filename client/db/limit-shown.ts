// Which buy-limit resets this device has told the user of, so each window's end is told once:
// by the page that saw it come due or by the service worker showing the server's push, whichever
// marks it first (the check and the mark are one transaction).
import type { LimitReset } from '../../shared/domain/limit-resets';
import type { GeDb } from './schema';

export interface ShownReset extends LimitReset {
  /** Unix seconds. */
  shownAt: number;
}

/** Entries older than this are dropped: a reset that old is never told anyway (STALE_RESET_SECONDS). */
const KEEP_SECONDS = 2 * 24 * 3600;

/** Marks the resets as told and returns those no one had told yet (the caller shows them). */
export async function claimLimitResets(db: GeDb, resets: readonly LimitReset[], now: number): Promise<LimitReset[]> {
  const tx = db.transaction('limitShown', 'readwrite');
  const known = await Promise.all(resets.map((reset) => tx.store.getKey([reset.itemId, reset.at])));
  const fresh = resets.filter((_, index) => known[index] === undefined);
  const writes = fresh.map((reset) => tx.store.put({ itemId: reset.itemId, at: reset.at, shownAt: now } satisfies ShownReset));
  let cursor = await tx.store.index('byAt').openCursor(IDBKeyRange.upperBound(now - KEEP_SECONDS));
  while (cursor) {
    await cursor.delete();
    cursor = await cursor.continue();
  }
  await Promise.all([...writes, tx.done]);
  return fresh;
}
