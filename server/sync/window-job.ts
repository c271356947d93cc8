// /5m and /1h: the newest complete window, then a bounded backfill (?timestamp=) of the windows
// before it that the store lacks, e.g. after downtime. Windows are de-duplicated by the response's
// own timestamp, because the wiki sometimes serves the previous /1h again. Each window written is
// announced once its transaction has committed, so clients can fetch it at once.
import type { BucketInput } from '../store/buckets-repo';
import { ingestWindow, listSyncedWindows } from '../store/windows-repo';
import type { WindowResponse } from '../upstream/schemas';
import type { CallOptions } from '../upstream/wiki-client';
import type { JobContext } from './job-context';
import { TIMESTEP_SECONDS, type WindowStep } from '../../shared/domain/timestep';

export interface WindowJobDeps extends Pick<JobContext, 'db' | 'client' | 'logger' | 'now' | 'term'> {
  feed: Pick<JobContext['feed'], 'publishWindow'>;
  backfillMaxWindows: number;
  /** Windows older than this many seconds (Infinity: none) would be pruned at once, so they are not fetched. */
  retentionSeconds: number;
}

export interface WindowSyncResult {
  /** The start of the newest window the wiki served. */
  newest: number;
  written: number;
}

export async function syncWindows(deps: WindowJobDeps, step: WindowStep, call: CallOptions): Promise<WindowSyncResult> {
  const size = TIMESTEP_SECONDS[step];
  const newest = await deps.client.window(step, undefined, call);
  let written = (await store(deps, step, newest)) === 'written' ? 1 : 0;

  const nowSeconds = Math.floor(deps.now() / 1000);
  const oldestWanted = Math.max(newest.timestamp - deps.backfillMaxWindows * size, nowSeconds - deps.retentionSeconds);
  const synced = new Set(await listSyncedWindows(deps.db, step, oldestWanted));
  // Newest first: if the upstream fails half-way, the most useful windows are already in.
  for (let at = newest.timestamp - size; at >= oldestWanted && at > 0; at -= size) {
    if (synced.has(at)) continue;
    const window = await deps.client.window(step, at, call);
    if ((await store(deps, step, window)) === 'written') written += 1;
  }
  if (written > 0) deps.logger.info({ step, newest: newest.timestamp, written }, 'windows synced');
  return { newest: newest.timestamp, written };
}

async function store(deps: WindowJobDeps, step: WindowStep, window: WindowResponse): Promise<'written' | 'duplicate'> {
  const buckets = toBuckets(window);
  const result = await ingestWindow(deps.db, step, window.timestamp, buckets, Math.floor(deps.now() / 1000), deps.term);
  if (result === 'written') deps.feed.publishWindow({ timestep: step, timestamp: window.timestamp, items: buckets.length });
  return result;
}

export function toBuckets(window: WindowResponse): BucketInput[] {
  return Object.entries(window.data).map(([key, entry]) => ({
    itemId: Number(key),
    timestamp: window.timestamp,
    avgHigh: entry.avgHighPrice,
    avgLow: entry.avgLowPrice,
    highVolume: entry.highPriceVolume,
    lowVolume: entry.lowPriceVolume,
  }));
}
