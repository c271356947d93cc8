// The real sync (client, store, jobs) against the fake upstream, with the real app beside it for
// what a user would see (/api/v1/health). Each harness owns its database: in memory, or a file
// a test can reopen to simulate a restart. The sync is not scheduled: tests run its jobs.
import { loadConfig, type Config } from '../../server/config';
import { createMetrics, type Metrics } from '../../server/metrics';
import type { CommittedChanges } from '../../server/change-feed';
import { startServer } from '../../server/start';
import type { OpenedDatabase } from '../../server/store/db';
import type { SyncService } from '../../server/sync/sync-service';
import { HealthResponseSchema, type HealthResponse } from '../../shared/protocol/api';
import { captureLogger, type CapturedLog } from './capture-logger';
import type { FakeUpstream } from './fake-upstream';
import type { Agent } from 'node:https';
import type { AlertPushService } from '../../server/push/push-service';

export interface SyncHarness {
  /** The app's origin. */
  url: string;
  store: OpenedDatabase;
  config: Config;
  metrics: Metrics;
  log: CapturedLog;
  sync: SyncService;
  /** Price alerts (absent unless VAPID_SUBJECT is in env). */
  push: AlertPushService | undefined;
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
  /** The HTTPS agent pushes go out through (a stand-in push service). */
  pushAgent?: Agent;
}

export async function startSyncHarness(fake: FakeUpstream, options: SyncHarnessOptions = {}): Promise<SyncHarness> {
  const config = loadConfig({
    DATABASE_URL: options.databaseUrl ?? 'sqlite::memory:',
    PORT: '0',
    HOST: '127.0.0.1',
    UPSTREAM_URL: fake.url,
    UPSTREAM_TIMEOUT: '2s',
    UPSTREAM_RETRIES: '1',
    SYNC_LATEST_INTERVAL: '1h',
    STATIC_DIR: '/nonexistent',
    ...options.env,
  });
  const log = captureLogger();
  const running = await startServer(config, {
    now: options.now,
    logger: log.logger,
    metrics: createMetrics({ defaults: false }),
    upstreamBackoff: { baseMs: 5, maxMs: 20 },
    createStream: null,
    startSync: false,
    pushAgent: options.pushAgent,
  });
  const commits: CommittedChanges[] = [];
  running.feed.subscribe((committed) => commits.push(committed));
  const get = async (path: string): Promise<Response> => fetch(`${running.url}${path}`);

  return {
    url: running.url,
    store: running.store,
    config,
    metrics: running.metrics,
    log,
    sync: running.sync,
    push: running.push,
    commits,
    async health() {
      return HealthResponseSchema.parse(await (await get('/api/v1/health')).json());
    },
    async get(path) {
      const response = await get(path);
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    close: () => running.close(),
  };
}
