// Entry point: the only place that reads the environment, opens the store, listens and exits.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import { openDatabase } from './store/db';
import { ensureStreamState } from './store/stream-state';
import { createChangeFeed } from './price-changes';
import { createWikiClient } from './upstream/wiki-client';
import { startDemoMarket, type DemoMarket } from './upstream/demo-market';
import { createSyncService } from './sync/sync-service';
import { createStreamService } from './stream/stream-service';
import { createApp } from './app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`ge-tracker: bad configuration: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  let demo: DemoMarket | undefined;
  let upstreamUrl = config.upstreamUrl;
  if (config.demo) {
    demo = await startDemoMarket({ tickMs: config.demoTickMs, logger: logger.child({ component: 'demo-market' }) });
    upstreamUrl = demo.url;
    logger.info({ upstream: upstreamUrl }, 'demo market started');
  }

  const store = await openDatabase(config.databaseUrl);
  const state = await ensureStreamState(store.db);
  logger.info({ database: config.databaseUrl, epoch: state.epoch, seq: state.seq }, 'store opened');

  const metrics = createMetrics();
  const feed = createChangeFeed((err) => logger.error({ err }, 'change listener failed'));
  const client = createWikiClient({
    baseUrl: upstreamUrl,
    userAgent: config.userAgent,
    timeoutMs: config.sync.upstreamTimeoutMs,
    retries: config.sync.upstreamRetries,
    maxBodyBytes: config.sync.upstreamMaxBytes,
    budget: config.sync.upstreamBudget,
    logger: logger.child({ component: 'upstream' }),
    metrics,
  });
  const sync = createSyncService({ config, db: store.db, client, feed, logger: logger.child({ component: 'sync' }), metrics });
  const stream = config.sse.enabled
    ? createStreamService({ config, db: store.db, logger: logger.child({ component: 'sse' }), metrics, feed })
    : undefined;
  await stream?.start();

  const app = createApp({ config, db: store.db, logger, metrics, stream, backfillHistory: sync.backfillHistory, unrecordedOutcomes: sync.unrecordedOutcomes });
  const server = createServer(app.callback());
  // SSE connections are long-lived: Node's request timeouts must not cut them.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  logger.info({ host: config.host, port, demo: config.demo }, `GE Tracker listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`);

  void sync.start().catch((err: unknown) => logger.error({ err }, 'sync failed to start'));

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await stream?.close();
    await sync.stop();
    server.closeAllConnections();
    await closed;
    await store.close();
    await demo?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`ge-tracker: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
