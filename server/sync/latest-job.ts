import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { ChangeFeed } from '../price-changes';
import type { Db } from '../store/db';
import { ingestLatest } from '../store/price-writes';
import type { CallOptions, WikiClient } from '../upstream/wiki-client';
import { toItemLegs } from './latest-snapshot';

export interface LatestJobDeps {
  db: Db;
  client: WikiClient;
  feed: ChangeFeed;
  logger: Logger;
  metrics: Metrics;
  now: () => number;
}

/**
 * /latest into the store, then the announcement. The feed hears of the changes only after the
 * commit, so the stream never sends a price the store could still lose. A sync without changes
 * is announced too (the stream's sync-complete).
 */
export async function syncLatest(deps: LatestJobDeps, call: CallOptions): Promise<void> {
  const snapshot = await deps.client.latest(call);
  const committed = await ingestLatest(deps.db, toItemLegs(snapshot), { now: deps.now() });
  deps.metrics.syncChanges.inc(committed.changes.length);
  deps.logger.debug({ items: Object.keys(snapshot.data).length, changes: committed.changes.length, seq: committed.seq }, 'latest synced');
  deps.feed.publish(committed);
}
