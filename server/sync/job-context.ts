// What the sync service hands each of its jobs: the store, the wiki, the feed that announces
// commits, and the one clock. Each job names the part it uses.
import type { ChangeFeed } from '../change-feed';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Db } from '../store/db';
import type { WikiClient } from '../upstream/wiki-client';

export interface JobContext {
  db: Db;
  client: WikiClient;
  feed: ChangeFeed;
  logger: Logger;
  metrics: Metrics;
  /** Unix milliseconds. */
  now: () => number;
  /** Cluster mode: the leader term the store's writes (prices, windows, catalogue) are fenced with (server/store/leader-term.ts). */
  term?: number;
}
