import type Router from '@koa/router';
import type { AppDeps } from '../app-deps';
import type { HealthResponse, JobState } from '../../shared/protocol/api';
import { readStreamState, type StreamState } from '../store/stream-state';
import { clusterHealth } from './cluster-health';
import { readSyncStates } from '../store/sync-state-query';
import { PUSH_OFF_REASON } from '../push/vapid-keys';

/** A latest sync missing this many intervals in a row means prices are no longer live. */
const MISSED_INTERVALS = 3;
const NO_JOB: JobState = { lastSuccess: null, lastError: null, lastErrorAt: null };

export function isDegraded(latest: JobState, nowSeconds: number, latestIntervalMs: number): boolean {
  if (latest.lastSuccess === null) return true;
  if (latest.lastErrorAt !== null && latest.lastErrorAt > latest.lastSuccess) return true;
  return (nowSeconds - latest.lastSuccess) * 1000 > MISSED_INTERVALS * latestIntervalMs;
}

async function readStoreHealth(db: AppDeps['db']): Promise<{ state: StreamState; jobs: Record<string, JobState> }> {
  const state = await readStreamState(db);
  const jobs: Record<string, JobState> = {};
  for (const row of await readSyncStates(db)) {
    jobs[row.job] = { lastSuccess: row.lastSuccess, lastError: row.lastError, lastErrorAt: row.lastErrorAt };
  }
  return { state, jobs };
}

export function registerHealthRoutes(router: Router, deps: Pick<AppDeps, 'config' | 'db' | 'stream' | 'now' | 'clusterStatus' | 'unrecordedOutcomes' | 'push'>): void {
  router.get('/api/v1/health', async (ctx) => {
    const status = deps.clusterStatus?.();
    let store: Awaited<ReturnType<typeof readStoreHealth>>;
    let database: 'up' | 'down' = 'up';
    try {
      store = await readStoreHealth(deps.db);
    } catch (err) {
      // One process: the store is the server, so this fails as before. A cluster member still answers.
      if (status === undefined) throw err;
      database = 'down';
      store = { state: { epoch: '', seq: status.log.seq }, jobs: {} };
    }
    const { state, jobs } = store;
    // An outcome the store could not record is known only in memory; it is newer than the row.
    for (const [job, outcome] of Object.entries(deps.unrecordedOutcomes?.() ?? {})) jobs[job] = { ...(jobs[job] ?? NO_JOB), ...outcome };
    const latest = jobs.latest ?? NO_JOB;
    const now = Math.floor(deps.now() / 1000);
    const cluster = status === undefined ? undefined : clusterHealth(status, database, deps.now());
    const syncStale = isDegraded(latest, now, deps.config.sync.latestIntervalMs);
    if (syncStale) cluster?.reasons.push('the price sync has not succeeded lately (see upstream)');
    const degraded = syncStale || (cluster?.reasons.length ?? 0) > 0;
    const body: HealthResponse = {
      status: degraded ? 'degraded' : 'ok',
      demo: deps.config.demo,
      staleAfterSeconds: Math.max(1, Math.round(deps.config.staleAfterMs / 1000)),
      epoch: state.epoch,
      seq: state.seq,
      clients: deps.stream?.clientCount() ?? 0,
      upstream: { ...latest, jobs },
      push: deps.push?.enabled === true ? { enabled: true, reason: null } : { enabled: false, reason: deps.push?.reason ?? PUSH_OFF_REASON },
      ...(cluster === undefined ? {} : { cluster: cluster.cluster, reasons: cluster.reasons }),
    };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });
}
