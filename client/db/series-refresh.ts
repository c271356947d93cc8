// Bringing one stored history series up to date from the server: the one `since` rule, for the
// item page's loader and for the leader's catch-up alike. The newest stored bucket is always asked
// for again, since a rollup bucket (1h and up; a 6h or 24h one for hours) grows until it closes.
import type { Timestep } from '../../shared/domain/timestep';
import type { Api, HistoryAnswer } from '../api';
import { readCoverage } from './meta';
import { newestBucketTime, storeHistory } from './points';
import type { GeDb } from './schema';

/**
 * The `since` of a history request that brings a stored series up to date: buckets after it come
 * back. From the older of the newest stored bucket and the oldest bucket the server said changed
 * (a backfilled window can lie below the newest stored one), both included.
 */
export function refreshSince(newestStored: number, changedFrom: number | undefined): number {
  return Math.min(newestStored, changedFrom ?? newestStored) - 1;
}

export interface SeriesRefreshDeps {
  db: GeDb;
  api: Pick<Api, 'history'>;
  now?: () => number;
}

export interface SeriesRefreshOptions {
  /** The oldest bucket the server said changed, if it said so. */
  changedFrom?: number;
  /** A series never downloaded whole is fetched whole (the chart showing it) rather than left alone. */
  wholeIfMissing: boolean;
}

/**
 * Fetches what is new of one series and stores it. Returns the answer, or null when the series was
 * never downloaded whole and `wholeIfMissing` is off. An answer the service worker built from the
 * device (offline) brings nothing new and is not stored again.
 */
export async function refreshSeries(
  deps: SeriesRefreshDeps,
  itemId: number,
  timestep: Timestep,
  options: SeriesRefreshOptions,
): Promise<HistoryAnswer | null> {
  const [coverage, newest] = await Promise.all([readCoverage(deps.db, itemId, timestep), newestBucketTime(deps.db, itemId, timestep)]);
  const since = coverage !== null && newest !== null ? refreshSince(newest, options.changedFrom) : undefined;
  if (since === undefined && !options.wholeIfMissing) return null;
  const answer = await deps.api.history(itemId, timestep, since);
  if (!answer.fromDevice) {
    await storeHistory(deps.db, itemId, timestep, answer.buckets, { full: since === undefined, at: (deps.now ?? Date.now)() });
  }
  return answer;
}
