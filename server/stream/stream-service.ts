import type { Context } from 'koa';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Db } from '../store/db';
import type { ChangeFeed } from '../price-changes';

export interface StreamServiceDeps {
  config: Config;
  db: Db;
  logger: Logger;
  metrics: Metrics;
  feed: ChangeFeed;
}

export interface StreamService {
  /** Loads what catch-up needs and starts heartbeats. */
  start(): Promise<void>;
  /** Serves GET /api/v1/prices/stream. */
  handle(ctx: Context): Promise<void>;
  clientCount(): number;
  /** Stop accepting, tell clients when to retry, close every connection. */
  close(): Promise<void>;
}

// Stub: replaced by the hub's owner.
export function createStreamService(_deps: StreamServiceDeps): StreamService {
  return {
    start: async () => {},
    handle: async () => {},
    clientCount: () => 0,
    close: async () => {},
  };
}
