// The real sync (client, store, jobs) against the fake upstream, with the real app beside it for
// what a user would see (/api/v1/health). Each harness owns its database: in memory, or a file
// a test can reopen to simulate a restart.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { createMetrics, type Metrics } from '../../server/metrics';
import { createChangeFeed, type CommittedChanges } from '../../server/price-changes';
import { openDatabase, type OpenedDatabase } from '../../server/store/db';
import { ensureStreamState } from '../../server/store/stream-state';
import { createSyncService, type SyncService } from '../../server/sync/sync-service';
import { createWikiClient } from '../../server/upstream/wiki-client';
import { HealthResponseSchema, type HealthResponse } from '../../shared/protocol/api';
import { captureLogger, type CapturedLog } from './capture-logger';
import type { FakeUpstream } from './fake-upstream';

export interface SyncHarness {
  store: OpenedDatabase;
  config: Config;
  metrics: Metrics;
  log: CapturedLog;
  sync: SyncService;
  /** Every commit the sync announced, in order. */
  commits: CommittedChanges[];
  health(): Promise<HealthResponse>;
  /** GET a path of the app; the body as unparsed JSON. */
  get(path: string): Promise<{ status: number; headers: Headers; body: unknown }>;
  close(): Promise<void>;
}

export interface SyncHarnessOptions {
  databaseUrl?: string;
  env?: Record<string, string>;
  now?: () => number;
}

export async function startSyncHarness(fake: FakeUpstream, options: SyncHarnessOptions = {}): Promise<SyncHarness> {
  const config = loadConfig({
    DATABASE_URL: options.databaseUrl ?? 'sqlite::memory:',
    UPSTREAM_URL: fake.url,
    UPSTREAM_TIMEOUT: '2s',
    UPSTREAM_RETRIES: '1',
    SYNC_LATEST_INTERVAL: '1h',
    STATIC_DIR: '/nonexistent',
    ...options.env,
  });
  const store = await openDatabase(config.databaseUrl);
  await ensureStreamState(store.db);
  const log = captureLogger();
  const metrics = createMetrics({ defaults: false });
  const feed = createChangeFeed();
  const commits: CommittedChanges[] = [];
  feed.subscribe((committed) => commits.push(committed));
  const client = createWikiClient({
    baseUrl: config.upstreamUrl,
    userAgent: config.userAgent,
    timeoutMs: config.sync.upstreamTimeoutMs,
    retries: config.sync.upstreamRetries,
    maxBodyBytes: config.sync.upstreamMaxBytes,
    budget: config.sync.upstreamBudget,
    ...(options.now ? { now: options.now } : {}),
    logger: log.logger,
    metrics,
    backoff: { baseMs: 5, maxMs: 20 },
  });
  const sync = createSyncService({ config, db: store.db, client, feed, logger: log.logger, metrics, now: options.now });
  const app = createApp({ config, db: store.db, logger: log.logger, metrics, backfillHistory: sync.backfillHistory, unrecordedOutcomes: sync.unrecordedOutcomes });
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    store,
    config,
    metrics,
    log,
    sync,
    commits,
    async health() {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      return HealthResponseSchema.parse(await response.json());
    },
    async get(path) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    async close() {
      await sync.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
