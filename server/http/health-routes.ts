import type Router from '@koa/router';
import type { AppDeps } from '../app-deps';
import type { HealthResponse, JobState } from '../../shared/protocol/api';
import { readStreamState } from '../store/stream-state';
import { readSyncStates } from '../store/sync-state-query';

/** A latest sync missing this many intervals in a row means prices are no longer live. */
const MISSED_INTERVALS = 3;
const NO_JOB: JobState = { lastSuccess: null, lastError: null, lastErrorAt: null };

export function isDegraded(latest: JobState, nowSeconds: number, latestIntervalMs: number): boolean {
  if (latest.lastSuccess === null) return true;
  if (latest.lastErrorAt !== null && latest.lastErrorAt > latest.lastSuccess) return true;
  return (nowSeconds - latest.lastSuccess) * 1000 > MISSED_INTERVALS * latestIntervalMs;
}

export function registerHealthRoutes(router: Router, deps: Pick<AppDeps, 'config' | 'db' | 'stream' | 'now'>): void {
  router.get('/api/v1/health', async (ctx) => {
    const state = await readStreamState(deps.db);
    const jobs: Record<string, JobState> = {};
    for (const row of await readSyncStates(deps.db)) {
      jobs[row.job] = { lastSuccess: row.lastSuccess, lastError: row.lastError, lastErrorAt: row.lastErrorAt };
    }
    const latest = jobs.latest ?? NO_JOB;
    const now = Math.floor(deps.now() / 1000);
    const body: HealthResponse = {
      status: isDegraded(latest, now, deps.config.sync.latestIntervalMs) ? 'degraded' : 'ok',
      demo: deps.config.demo,
      staleAfterSeconds: Math.max(1, Math.round(deps.config.staleAfterMs / 1000)),
      epoch: state.epoch,
      seq: state.seq,
      clients: deps.stream?.clientCount() ?? 0,
      upstream: { ...latest, jobs },
    };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });
}
