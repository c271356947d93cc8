// Starts one GE Tracker instance from its config: opens the store, wires the upstream client, the
// sync, the stream and the app, listens, and hands back a handle to stop it. server/main.ts and the
// test harnesses all start through here, so a test runs production's wiring; what a test needs
// differently (a clock, a fake upstream, a substitute stream or backfill) is an option.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import { createApp } from './app';
import { createMetricsApp } from './http/metrics-app';
import type { Config } from './config';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { createChangeFeed, type ChangeFeed } from './change-feed';
import { openDatabase, type OpenedDatabase } from './store/db';
import { ensureStreamState, type StreamState } from './store/stream-state';
import { createStreamService, type StreamService, type StreamServiceDeps } from './stream/stream-service';
import { createSyncService, type SyncService } from './sync/sync-service';
import type { HistoryBackfill } from './sync/history-backfill';
import type { BackoffOptions } from './upstream/retry-policy';
import { createWikiClient } from './upstream/wiki-client';
import { createClusterNode, type ClusterNode } from './cluster/cluster-node';
import type { Agent } from 'node:https';
import { createPushService, type AlertPushService } from './push/push-service';
import { pushStatusOf, resolveVapid } from './push/vapid-keys';

/** Cluster mode: a resume id ahead of this instance waits this long for it to catch up. */
const HOLD_AHEAD_MS = 3000;

export interface StartOptions {
  /** Unix milliseconds, read by the sync, the stream and the routes alike; Date.now by default. */
  now?: () => number;
  /** The root logger; one at config.logLevel on stdout by default. */
  logger?: Logger;
  /** A fresh registry with Node's default metrics by default. */
  metrics?: Metrics;
  /** The wiki API base in place of config.upstreamUrl (the demo market, a test's fake). */
  upstreamUrl?: string;
  /** The upstream client's retry backoff (tests shorten it). */
  upstreamBackoff?: BackoffOptions;
  /** An open store to serve (a restart on the same database); opened from config by default. */
  store?: OpenedDatabase;
  /** Another stream service when SSE is enabled, or null for none at all. */
  createStream?: ((deps: StreamServiceDeps) => StreamService) | null;
  /** In place of the sync's /timeseries backfill, or null for none (history is what is stored). */
  backfillHistory?: HistoryBackfill | null;
  /** false: the sync is built but not scheduled; the caller runs its jobs. */
  startSync?: boolean;
  /** The listen backlog (benchmarks that connect thousands of clients at once). */
  backlog?: number;
  /** Tests only: the HTTPS agent pushes go out through (a stand-in push service's self-signed certificate). */
  pushAgent?: Agent;
}

export interface RunningServer {
  /** http://host:port as a browser on this machine reaches it. */
  url: string;
  port: number;
  /** Where /metrics is served by its own listener (METRICS_PORT); absent without one. */
  metricsUrl: string | undefined;
  config: Config;
  logger: Logger;
  metrics: Metrics;
  store: OpenedDatabase;
  /** The store's epoch and seq when the server started. */
  state: StreamState;
  feed: ChangeFeed;
  sync: SyncService;
  /** Absent when SSE_ENABLED=false (the stream route answers 404). */
  stream: StreamService | undefined;
  /** Cluster mode (REDIS_URL): the lease and the live log; the sync above then never runs itself. */
  cluster: ClusterNode | undefined;
  /** Price alerts for closed apps; absent while push is off (no VAPID_SUBJECT). */
  push: AlertPushService | undefined;
  app: Koa;
  server: Server;
  /** Graceful shutdown: stop the stream and the sync, close connections, then the store. */
  close(options?: { keepStore?: boolean }): Promise<void>;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = options.metrics ?? createMetrics();

  const store = options.store ?? (await openDatabase(config.databaseUrl));
  const state = await ensureStreamState(store.db, Math.floor(now() / 1000));
  logger.info({ database: config.databaseUrl, epoch: state.epoch, seq: state.seq }, 'store opened');

  const feed = createChangeFeed((err) => logger.error({ err }, 'change listener failed'));
  const client = createWikiClient({
    baseUrl: options.upstreamUrl ?? config.upstreamUrl,
    userAgent: config.userAgent,
    timeoutMs: config.sync.upstreamTimeoutMs,
    retries: config.sync.upstreamRetries,
    maxBodyBytes: config.sync.upstreamMaxBytes,
    budget: config.sync.upstreamBudget,
    logger: logger.child({ component: 'upstream' }),
    metrics,
    backoff: options.upstreamBackoff,
    now,
  });
  const vapid = await resolveVapid(config.push, store.db, Math.floor(now() / 1000));
  const push = vapid === null
    ? undefined
    : createPushService({
      db: store.db, config: config.push, vapid, logger: logger.child({ component: 'push' }), metrics, agent: options.pushAgent, now,
      // Read only once the timer starts, after the cluster node below exists.
      leading: () => cluster === undefined || cluster.leading(),
    });
  // Alerts hear of a sync from the feed the sync itself announces through: in cluster mode only
  // the leader's, so only the leader evaluates and sends.
  const announce = (to: ChangeFeed): ChangeFeed => (push === undefined ? to : withAlerts(to, push));
  const syncDeps = { config, db: store.db, client, feed: announce(feed), logger: logger.child({ component: 'sync' }), metrics, now };
  const sync = createSyncService(syncDeps);
  const cluster = config.cluster === null
    ? undefined
    : createClusterNode({
      cluster: config.cluster,
      db: store.db,
      logger: logger.child({ component: 'cluster' }),
      metrics,
      local: feed,
      start: state,
      now,
      createSync: (term, log) => createSyncService({ ...syncDeps, feed: announce(log), term }),
      // Resets that came due while no instance led are pushed by the new leader now.
      onLeading: () => push?.limitResetsChanged(),
    });
  const createStream = options.createStream === undefined ? createStreamService : options.createStream;
  const stream = config.sse.enabled && createStream !== null
    ? createStream({ config, db: store.db, logger: logger.child({ component: 'sse' }), metrics, feed, now, holdAheadMs: config.cluster === null ? 0 : HOLD_AHEAD_MS })
    : undefined;
  await stream?.start();

  const backfillHistory = options.backfillHistory === undefined ? sync.backfillHistory : (options.backfillHistory ?? undefined);
  const app = createApp({ config, db: store.db, logger, metrics, now, stream, backfillHistory, unrecordedOutcomes: sync.unrecordedOutcomes, clusterStatus: cluster?.status, push: pushStatusOf(vapid), limitResetsChanged: push?.limitResetsChanged });
  // Node's request deadline runs until the request has been received, not answered: a stream's
  // GET has no body, so its deadline ends with its headers and the long-lived answer is never cut.
  // A client dripping its headers or a body is answered 408 and closed. The deadlines are checked
  // every quarter of the shorter one (Node's default check is every 30 s).
  const { headersTimeoutMs, requestTimeoutMs } = config.http;
  const server = createServer({
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.min(30_000, Math.max(25, Math.floor(headersTimeoutMs / 4))),
  }, app.callback());
  const port = await listen(server, config.port, config.host, options.backlog);
  const url = originOf(config.host, port);
  logger.info({ host: config.host, port, demo: config.demo }, `GE Tracker listening on ${url}`);
  const metricsServer = config.metrics.port === undefined ? undefined : createServer(createMetricsApp({ config, metrics, logger }).callback());
  const metricsUrl = metricsServer && originOf(config.host, await listen(metricsServer, config.metrics.port ?? 0, config.host));
  if (metricsUrl !== undefined) logger.info({ url: `${metricsUrl}/metrics` }, 'metrics served on their own port');

  push?.start();
  if (cluster !== undefined) cluster.start();
  else if (options.startSync !== false) void sync.start().catch((err: unknown) => logger.error({ err }, 'sync failed to start'));

  return {
    url, port, metricsUrl, config, logger, metrics, store, state, feed, sync, stream, cluster, push, app, server,
    async close(closing = {}) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await cluster?.stop();
      metricsServer?.close();
      metricsServer?.closeAllConnections();
      await stream?.close();
      await sync.stop();
      push?.close();
      server.closeAllConnections();
      await closed;
      if (!closing.keepStore) await store.close();
    },
  };
}

/** The feed `to`, also telling the alerts of every commit after it has told `to`. */
function withAlerts(to: ChangeFeed, push: AlertPushService): ChangeFeed {
  return {
    ...to,
    publish(committed) {
      to.publish(committed);
      push.onCommitted(committed);
    },
    publishWindow(window) {
      to.publishWindow(window);
      push.onWindow(window);
    },
  };
}

async function listen(server: Server, port: number, host: string, backlog?: number): Promise<number> {
  await new Promise<void>((resolve) => server.listen({ port, host, backlog }, resolve));
  return (server.address() as AddressInfo).port;
}

function originOf(host: string, port: number): string {
  return `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
}
