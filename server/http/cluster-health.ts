// The cluster part of /api/v1/health: role, term, Redis and the store as this instance sees them,
// and how far its stream is behind the leader. "Receiving the live log" is its own check: Redis
// can answer while the log is starved (centrifugo#1189), and health must not stay green then.
import type { HealthResponse } from '../../shared/protocol/api';
import type { ClusterStatus } from '../cluster/cluster-node';

/** The log reader answers at least once a block (about a second); this long without means it is stuck. */
const SILENT_LOG_MS = 5000;

export function clusterHealth(
  status: ClusterStatus,
  database: 'up' | 'down',
  nowMs: number,
): { cluster: NonNullable<HealthResponse['cluster']>; reasons: string[] } {
  const { log } = status;
  const receiving = log.lastReadAt > 0 && nowMs - log.lastReadAt < SILENT_LOG_MS;
  const reasons: string[] = [];
  if (status.redis === 'down') reasons.push('Redis is unreachable: no leader can be elected and no live log is read; serving what this instance holds');
  else if (!receiving) reasons.push(`not receiving the live log${log.error === null ? '' : ` (${log.error})`}`);
  if (database === 'down') reasons.push('the store (PostgreSQL) is unreachable');
  return {
    cluster: {
      instance: status.instance,
      role: status.role,
      term: status.term,
      leader: status.leader,
      redis: status.redis,
      database,
      lag: Math.max(0, log.leaderSeq - log.seq),
      receiving,
    },
    reasons,
  };
}
