// What the app is built from. Its own module so route modules can name the part they use without
// importing the app that mounts them.
import type { Config } from './config';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { Db } from './store/db';
import type { StreamService } from './stream/stream-service';
import type { HistoryBackfill } from './sync/history-backfill';

/** What every part of the server is built from: the app, the sync and the stream alike. */
export interface CoreDeps {
  config: Config;
  db: Db;
  logger: Logger;
  metrics: Metrics;
}

export interface AppDeps extends CoreDeps {
  /** Unix milliseconds: the one clock every route reads (tests drive it). */
  now: () => number;
  /** The live stream; absent when SSE_ENABLED=false or in REST-only tests. */
  stream?: StreamService;
  /** Fetches /timeseries for history the store lacks; absent in tests that don't need it. */
  backfillHistory?: HistoryBackfill;
}
