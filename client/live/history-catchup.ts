// After time away, or when the server announces new history, the intermediate prices live on in
// history buckets: fetch the buckets from the newest one stored on (or from where the server said
// the series changed, if older), for every series the device already keeps of the given items.
import { refreshSeries, type SeriesRefreshDeps } from '../db/series-refresh';
import { stepsOf, type HistoryChanges } from './history-refresh';

/**
 * Returns how many buckets arrived. `changes` limits it to the series the server changed (every
 * timestep when absent). Series never downloaded whole are left to the chart that first shows them
 * (it fetches everything); an answer the service worker built from the device (offline) brings
 * nothing new and is not stored again.
 */
export async function catchUpHistory(deps: SeriesRefreshDeps, itemIds: readonly number[], changes?: HistoryChanges): Promise<number> {
  let arrived = 0;
  // One series at a time: a watchlist is short, and the server should not see a burst per tab.
  for (const itemId of itemIds) {
    for (const timestep of stepsOf(changes)) {
      const answer = await refreshSeries(deps, itemId, timestep, { changedFrom: changes?.[timestep], wholeIfMissing: false });
      if (answer !== null && !answer.fromDevice) arrived += answer.buckets.length;
    }
  }
  return arrived;
}
