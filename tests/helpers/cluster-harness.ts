// A cluster under test: its own redis-server, its own PostgreSQL database, one fake wiki, and
// instances started through startServer in this process (or as child processes, to SIGKILL or
// SIGSTOP one). Short lease and sync intervals. Skipped, saying why, without redis-server or
// PostgreSQL, except under CI=true where it fails.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe } from 'vitest';
import { loadConfig } from '../../server/config';
import { createMetrics } from '../../server/metrics';
import { startServer, type RunningServer, type StartOptions } from '../../server/start';
import { readStreamState } from '../../server/store/stream-state';
import { postgresEngine, unavailable as postgresUnavailable } from './store-engines';
import { redisUnavailable, startTestRedis, type TestRedis } from './redis-server';
import { startFakeWiki } from './wiki-fixtures';
import type { FakeUpstream } from './fake-upstream';
import { waitFor } from './wait-for';

/** /metrics is never public: the instances here serve it behind this token. */
export const CLUSTER_METRICS_TOKEN = 'cluster-test-metrics';

export const LEASE_TTL_MS = 1500;
export const SYNC_INTERVAL_MS = 200;
const unavailable = redisUnavailable ?? postgresUnavailable;
if (unavailable !== null && process.env.CI !== 'true') console.warn(`skipping the cluster tests: ${unavailable}`);

export interface TestCluster {
  redis: TestRedis;
  wiki: FakeUpstream;
  databaseUrl: string;
  /** The environment every instance gets (child processes too). */
  env: Record<string, string>;
  instances: RunningServer[];
  /** Another instance, with `overrides` on top of the cluster's environment. */
  startInstance(overrides?: Record<string, string>): Promise<RunningServer>;
  /** The one instance that leads now, once exactly one does. */
  leader(timeoutMs?: number): Promise<RunningServer>;
  /**
   * The leader, once its first sync is in the store: the catalogue and the first prices. Before
   * that a stream asked for any item id is answered 404 unknown_item, as the catalogue is empty.
   */
  synced(timeoutMs?: number): Promise<RunningServer>;
  close(): Promise<void>;
}

/** Runs `body` with a database of its own, or skips it saying why. */
export function describeCluster(title: string, body: (createDatabase: () => Promise<string>) => void): void {
  if (unavailable !== null && process.env.CI !== 'true') {
    describe.skip(`${title} (skipped: ${unavailable})`, () => undefined);
    return;
  }
  describe(title, () => {
    beforeAll(() => {
      if (unavailable !== null) throw new Error(`${unavailable} (CI=true: the cluster tests must run)`);
    });
    const engine = postgresEngine();
    body(() => engine.createDatabase());
  });
}

/** `overrides` go on top of the test cluster's environment for every instance; `options` into each instance's start. */
export async function startTestCluster(databaseUrl: string, count: number, overrides: Record<string, string> = {}, options: StartOptions = {}): Promise<TestCluster> {
  const redis = await startTestRedis();
  const wiki = await startFakeWiki();
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    REDIS_PREFIX: `t${randomBytes(4).toString('hex')}:`,
    CLUSTER_LEASE_TTL: `${LEASE_TTL_MS}ms`,
    SYNC_LATEST_INTERVAL: `${SYNC_INTERVAL_MS}ms`,
    SSE_HEARTBEAT_INTERVAL: '500ms',
    SSE_MAX_CLIENTS_PER_IP: '1000',
    UPSTREAM_URL: wiki.url,
    UPSTREAM_RETRIES: '0',
    LOG_LEVEL: 'silent',
    METRICS_TOKEN: CLUSTER_METRICS_TOKEN,
    HOST: '127.0.0.1',
    PORT: '0',
    STATIC_DIR: mkdtempSync(join(tmpdir(), 'ge-static-')),
    ...overrides,
  };
  const instances: RunningServer[] = [];
  const startInstance = async (extra: Record<string, string> = {}): Promise<RunningServer> => {
    const config = loadConfig({ ...env, ...extra, INSTANCE_ID: `i${instances.length}`, USER_AGENT: `ge-test/i${instances.length}` });
    const running = await startServer(config, { metrics: createMetrics({ defaults: false }), backfillHistory: null, ...options });
    instances.push(running);
    return running;
  };
  for (let i = 0; i < count; i += 1) await startInstance();
  const leader = (timeoutMs = 3 * LEASE_TTL_MS): Promise<RunningServer> =>
    waitFor('exactly one leader', () => {
      const leaders = instances.filter((i) => i.cluster?.status().role === 'leader');
      return leaders.length === 1 ? leaders[0] : undefined;
    }, timeoutMs);
  return {
    redis, wiki, databaseUrl, env, instances, startInstance, leader,
    async synced(timeoutMs = 10_000) {
      const found = await leader(timeoutMs);
      await waitFor('the first sync in the store', async () => (await readStreamState(found.store.db)).seq > 0, timeoutMs);
      return found;
    },
    async close() {
      // The redis-server is killed whatever else fails, so no test leaves one running.
      try {
        await Promise.allSettled(instances.map((i) => i.close()));
        await wiki.close();
      } finally {
        await redis.kill();
      }
    },
  };
}
