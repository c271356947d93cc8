// One instance's part in a cluster: it competes for the sync lease, and while it holds it runs a
// sync that writes under its term (one sync service per term, stopped the moment the term ends).
// Followers never sync. What health shows about the cluster is read from here.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { ClusterConfig } from '../config';
import type { Logger } from '../logger';
import type { Db } from '../store/db';
import { claimTerm, readTerm } from '../store/leader-term';
import type { SyncService } from '../sync/sync-service';
import { closeRedis, openRedis } from './redis-connection';
import { createLeaderLease, type LeaseState } from './leader-lease';

export interface ClusterNodeDeps {
  cluster: ClusterConfig;
  db: Db;
  logger: Logger;
  /** A sync that writes under `term`; started when elected, stopped when deposed. */
  createSync: (term: number) => SyncService;
}

export interface ClusterStatus extends LeaseState {
  instance: string;
}

export interface ClusterNode {
  instanceId: string;
  start(): void;
  status(): ClusterStatus;
  stop(): Promise<void>;
}

export function createClusterNode(deps: ClusterNodeDeps): ClusterNode {
  const { cluster, db, logger } = deps;
  const instanceId = cluster.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const commandTimeoutMs = Math.max(100, Math.floor(cluster.leaseTtlMs / 3));
  const leaseRedis = openRedis(cluster.redisUrl, `${instanceId}:lease`, { commandTimeoutMs, logger });
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
      sync = deps.createSync(term);
      void sync.start().catch((err: unknown) => logger.error({ err, term }, 'sync failed to start'));
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
    start: () => lease.start(),
    status: () => ({ instance: instanceId, ...lease.state() }),
    async stop() {
      await lease.stop();
      await stopping;
      closeRedis(leaseRedis);
    },
  };
}
