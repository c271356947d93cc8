// A real server on 127.0.0.1:0 with a real store, the real stream service and a change feed the
// test drives itself (the sync is built but never scheduled, and history is what the store holds).
import type { Server } from 'node:http';
import { loadConfig, type Config } from '../../server/config';
import type { Logger } from '../../server/logger';
import { createMetrics, type Metrics } from '../../server/metrics';
import type { ChangeFeed } from '../../server/change-feed';
import { startServer } from '../../server/start';
import type { OpenedDatabase } from '../../server/store/db';
import type { StreamService, StreamServiceDeps } from '../../server/stream/stream-service';
import type { SyncService } from '../../server/sync/sync-service';

export interface StreamServer {
  url: string;
  config: Config;
  store: OpenedDatabase;
  feed: ChangeFeed;
  metrics: Metrics;
  stream: StreamService | undefined;
  /** The real sync on this store and feed, never scheduled: a test runs its jobs (against UPSTREAM_URL). */
  sync: SyncService;
  server: Server;
  /** Closes the stream (as on shutdown), the HTTP server and, unless `keepStore`, the store. */
  close(options?: { keepStore?: boolean }): Promise<void>;
}

export interface StreamServerOptions {
  /** Reuse a store (a restart on the same database); opened from DATABASE_URL otherwise. */
  store?: OpenedDatabase;
  logger?: Logger;
  /** The listen backlog, for benchmarks that connect thousands of clients at once. */
  backlog?: number;
  /** Another stream service behind the same app (a benchmark's peer hubs). */
  createStream?: (deps: StreamServiceDeps) => StreamService;
  /** Unix milliseconds for the stream and the routes; Date.now by default. */
  now?: () => number;
}

export async function startStreamServer(env: Record<string, string> = {}, options: StreamServerOptions = {}): Promise<StreamServer> {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...env });
  const running = await startServer(config, {
    ...options,
    metrics: createMetrics({ defaults: false }),
    backfillHistory: null,
    startSync: false,
  });
  const { url, store, feed, metrics, stream, sync, server } = running;
  return { url, config, store, feed, metrics, stream, sync, server, close: running.close };
}
