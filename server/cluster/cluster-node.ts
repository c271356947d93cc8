// One instance's part in a cluster: it competes for the sync lease, and while it holds it runs a
// sync that writes under its term and announces to the live log (one sync service per term,
// stopped the moment the term ends). Every instance reads the log into its own stream. Followers
// never sync. What health shows about the cluster is read from here.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { ChangeFeed } from '../change-feed';
import type { ClusterConfig } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Db } from '../store/db';
import { claimTerm, readTerm } from '../store/leader-term';
import { readStreamState, type StreamState } from '../store/stream-state';
import type { SyncService } from '../sync/sync-service';
import { closeRedis, openRedis } from './redis-connection';
import { createLeaderLease, type LeaseState } from './leader-lease';
import { createLogPublisher } from './log-publisher';
import { createLogReader, type LogReaderStatus } from './log-reader';

export interface ClusterNodeDeps {
  cluster: ClusterConfig;
  db: Db;
  logger: Logger;
  metrics: Metrics;
  /** The feed this instance's stream listens to; the log reader publishes into it. */
  local: ChangeFeed;
  /** The store's head at start-up. */
  start: StreamState;
  now: () => number;
  /** A sync that writes under `term` and announces through `feed`; started when elected, stopped when deposed. */
  createSync: (term: number, feed: ChangeFeed) => SyncService;
  /** Elected and syncing: what only the leader does may start at once (the buy-limit timer looks now, not at its next check). */
  onLeading?: () => void;
}

export interface ClusterStatus extends LeaseState {
  instance: string;
  /** Whether this instance's lease connection to Redis is up. */
  redis: 'up' | 'down';
  log: LogReaderStatus;
}

export interface ClusterNode {
  instanceId: string;
  start(): void;
  status(): ClusterStatus;
  /** Whether this instance holds the lease now (it syncs, evaluates alerts and sends pushes). */
  leading(): boolean;
  stop(): Promise<void>;
}

export function createClusterNode(deps: ClusterNodeDeps): ClusterNode {
  const { cluster, db, logger } = deps;
  const instanceId = cluster.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const commandTimeoutMs = Math.max(100, Math.floor(cluster.leaseTtlMs / 3));
  const leaseRedis = openRedis(cluster.redisUrl, `${instanceId}:lease`, { commandTimeoutMs, logger });
  const publishRedis = openRedis(cluster.redisUrl, `${instanceId}:publish`, { commandTimeoutMs, logger });
  const blockMs = Math.max(100, Math.min(1000, commandTimeoutMs));
  const reader = createLogReader({
    redis: openRedis(cluster.redisUrl, `${instanceId}:read`, { commandTimeoutMs: blockMs + 1000, logger }),
    prefix: cluster.prefix, blockMs, local: deps.local, start: deps.start, logger, now: deps.now,
  });
  let sync: SyncService | undefined;
  let stopping: Promise<void> = Promise.resolve();

  const lease = createLeaderLease({
    redis: leaseRedis,
    prefix: cluster.prefix,
    instanceId,
    ttlMs: cluster.leaseTtlMs,
    storeTerm: () => readTerm(db),
    async onElected(term) {
      await stopping;
      // Waits for any ingest of an older term to finish; from here on they are refused.
      if (!(await claimTerm(db, term))) return false;
      if (lease.state().role !== 'leader' || lease.state().term !== term) return true;
      const publisher = createLogPublisher({
        redis: publishRedis, prefix: cluster.prefix, token: `${instanceId}:${term}`, maxLength: cluster.logMaxLength, logger, now: deps.now,
      });
      await publisher.seed(await readStreamState(db));
      sync = deps.createSync(term, publisher.feed);
      void sync.start().catch((err: unknown) => logger.error({ err, term }, 'sync failed to start'));
      deps.onLeading?.();
      return true;
    },
    onDeposed() {
      const ended = sync;
      sync = undefined;
      if (ended !== undefined) stopping = ended.stop();
    },
    logger,
  });

  return {
    instanceId,
    start() {
      reader.start();
      lease.start();
    },
    leading: () => lease.state().role === 'leader',
    status() {
      const status: ClusterStatus = { instance: instanceId, ...lease.state(), redis: leaseRedis.status === 'ready' ? 'up' : 'down', log: reader.status() };
      const { metrics } = deps;
      metrics.clusterLeader.set(status.role === 'leader' ? 1 : 0);
      metrics.clusterTerm.set(status.term);
      metrics.clusterRedisUp.set(status.redis === 'up' ? 1 : 0);
      metrics.clusterLagSeq.set(Math.max(0, status.log.leaderSeq - status.log.seq));
      metrics.clusterStreamDelaySeconds.set(status.log.delayMs / 1000);
      return status;
    },
    async stop() {
      await lease.stop();
      await stopping;
      await reader.stop();
      closeRedis(leaseRedis);
      closeRedis(publishRedis);
    },
  };
}
