import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Db } from '../store/db';
import type { ChangeFeed } from '../price-changes';
import type { WikiClient } from '../upstream/wiki-client';
import type { Timestep } from '../../shared/domain/timestep';

export type HistoryBackfill = (itemId: number, timestep: Timestep) => Promise<void>;

export interface SyncServiceDeps {
  config: Config;
  db: Db;
  client: WikiClient;
  feed: ChangeFeed;
  logger: Logger;
  metrics: Metrics;
}

export interface SyncService {
  /** Runs mapping then latest once, then schedules every job. */
  start(): Promise<void>;
  /** Stops scheduling and waits for a running job's transaction to finish. */
  stop(): Promise<void>;
  backfillHistory: HistoryBackfill;
}

// Stub: replaced by the sync's owner.
export function createSyncService(_deps: SyncServiceDeps): SyncService {
  return { start: async () => {}, stop: async () => {}, backfillHistory: async () => {} };
}
