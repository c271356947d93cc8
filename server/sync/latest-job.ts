import { setImmediate as nextTurn } from 'node:timers/promises';
import { NewItemsRefusedError, type LatestWriter } from '../store/price-writes';
import { UpstreamError } from '../upstream/upstream-error';
import type { CallOptions } from '../upstream/wiki-client';
import type { JobContext } from './job-context';
import { toItemLegs } from './latest-snapshot';

export interface LatestJobDeps extends JobContext {
  /** SYNC_MAX_NEW_ITEMS: more ids unknown to both the catalogue and the store refuse the answer. */
  maxNewItems: number;
  /** The sync's one writer of /latest (it remembers its last commit; server/store/price-writes.ts). */
  latestWriter: LatestWriter;
}

/**
 * /latest into the store, then the announcement. The feed hears of the changes only after the
 * commit, so the stream never sends a price the store could still lose. A sync without changes
 * is announced too (the stream's sync-complete). An answer that would flood the store with ids
 * nobody knows (the real API adds a handful a month) is refused whole: the last good prices stay.
 */
export async function syncLatest(deps: LatestJobDeps, call: CallOptions): Promise<void> {
  const snapshot = await deps.client.latest(call);
  const legs = toItemLegs(snapshot);
  let committed;
  try {
    committed = await deps.latestWriter.ingest(legs, { now: deps.now(), term: deps.term, maxNewItems: deps.maxNewItems });
  } catch (error) {
    if (!(error instanceof NewItemsRefusedError)) throw error;
    const why = `refused: ${error.unknown} ids are unknown to the catalogue and the store (more than SYNC_MAX_NEW_ITEMS=${error.limit})`;
    throw new UpstreamError('latest', 'invalid', `${why}; the last good prices are kept`);
  }
  deps.metrics.syncChanges.inc(committed.changes.length);
  deps.logger.debug({ items: legs.length, rejected: snapshot.rejected, changes: committed.changes.length, seq: committed.seq }, 'latest synced');
  deps.feed.publish(committed);
  // The stream's writes are corked until the next tick, and ticks wait for every pending promise
  // continuation: without this turn of the event loop the job's bookkeeping after it (its outcome
  // recorded in the store, a WAL checkpoint now and then) would run before any client is sent a byte.
  await nextTurn();
}
