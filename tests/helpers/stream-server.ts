// A real server on 127.0.0.1:0 with a real store, the real stream service and a change feed the
// test drives itself.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { createLogger, type Logger } from '../../server/logger';
import { createMetrics, type Metrics } from '../../server/metrics';
import { createChangeFeed, type ChangeFeed } from '../../server/price-changes';
import { openDatabase, type OpenedDatabase } from '../../server/store/db';
import { ensureStreamState } from '../../server/store/stream-state';
import { createStreamService, type StreamService, type StreamServiceDeps } from '../../server/stream/stream-service';

export interface StreamServer {
  url: string;
  config: Config;
  store: OpenedDatabase;
  feed: ChangeFeed;
  metrics: Metrics;
  stream: StreamService | undefined;
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
}

export async function startStreamServer(env: Record<string, string> = {}, options: StreamServerOptions = {}): Promise<StreamServer> {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', ...env });
  const opened = options.store ?? (await openDatabase(config.databaseUrl));
  await ensureStreamState(opened.db);
  const metrics = createMetrics({ defaults: false });
  const feed = createChangeFeed();
  const logger = options.logger ?? createLogger('silent');
  const create = options.createStream ?? createStreamService;
  const stream = config.sse.enabled ? create({ config, db: opened.db, logger, metrics, feed }) : undefined;
  await stream?.start();
  const app = createApp({ config, db: opened.db, logger, metrics, stream });
  const server = createServer(app.callback());
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: options.backlog }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    store: opened,
    feed,
    metrics,
    stream,
    server,
    async close(options = {}) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await stream?.close();
      server.closeAllConnections();
      await closed;
      if (!options.keepStore) await opened.close();
    },
  };
}
