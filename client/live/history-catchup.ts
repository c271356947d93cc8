// After time away, or when the server announces new history, the intermediate prices live on in
// history buckets: fetch the buckets from the newest one stored on (or from where the server said
// the series changed, if older), for every series the device already keeps of the given items.
import type { Api } from '../api';
import { readCoverage } from '../db/meta';
import { newestBucketTime, storeHistory } from '../db/points';
import type { GeDb } from '../db/schema';
import { refreshSince, stepsOf, type HistoryChanges } from './history-refresh';

export interface HistoryCatchUpDeps {
  db: GeDb;
  api: Pick<Api, 'history'>;
  now?: () => number;
}

/**
 * Returns how many buckets arrived. `changes` limits it to the series the server changed (every
 * timestep when absent). Series never downloaded whole are left to the chart that first shows them
 * (it fetches everything); an answer the service worker built from the device (offline) brings
 * nothing new and is not stored again.
 */
export async function catchUpHistory(deps: HistoryCatchUpDeps, itemIds: readonly number[], changes?: HistoryChanges): Promise<number> {
  let arrived = 0;
  // One series at a time: a watchlist is short, and the server should not see a burst per tab.
  for (const itemId of itemIds) {
    for (const timestep of stepsOf(changes)) {
      const [coverage, newest] = await Promise.all([readCoverage(deps.db, itemId, timestep), newestBucketTime(deps.db, itemId, timestep)]);
      if (coverage === null || newest === null) continue;
      const answer = await deps.api.history(itemId, timestep, refreshSince(newest, changes?.[timestep]));
      if (answer.fromDevice) continue;
      await storeHistory(deps.db, itemId, timestep, answer.buckets, { full: false, at: (deps.now ?? Date.now)() });
      arrived += answer.buckets.length;
    }
  }
  return arrived;
}
