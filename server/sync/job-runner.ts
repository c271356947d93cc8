// Runs one sync job: never two of the same at once, its outcome recorded in sync_state (what
// /api/v1/health shows), its duration in metrics. A failure is logged and recorded, never thrown:
// a failing upstream must not stop the server. An outcome the store could not record (a read-only
// or full disk) is kept in memory until a later one is recorded, so health still shows it.
import { describeError } from '../error-chain';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Db } from '../store/db';
import { recordJobFailure, recordJobSuccess, type SyncJobName } from '../store/sync-state-repo';
import type { JobState } from '../../shared/protocol/api';

/** The fields of a job's state its last outcome sets, as the store would have recorded them. */
export type UnrecordedOutcomes = Partial<Record<SyncJobName, Partial<JobState>>>;

export interface JobRunner {
  /** Runs `work` unless a run of `job` is in flight; resolves true when it succeeded. */
  run(job: SyncJobName, work: () => Promise<void>): Promise<boolean>;
  /** Runs `work` (concurrent calls allowed) and records its outcome; rethrows its error. */
  track(job: SyncJobName, work: () => Promise<void>): Promise<void>;
  /** Resolves when every run in flight has finished. */
  idle(): Promise<void>;
  /** The last outcome of each job whose recording failed (empty while the store records them). */
  unrecorded(): UnrecordedOutcomes;
}

export interface JobRunnerDeps {
  db: Db;
  logger: Logger;
  metrics: Metrics;
  now: () => number;
  /** True once shutdown began: a job cut short by it is neither a success nor a failure. */
  cancelled: () => boolean;
}

export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const running = new Map<SyncJobName, Promise<boolean>>();
  const active = new Set<Promise<unknown>>();
  const unrecorded = new Map<SyncJobName, Partial<JobState>>();

  function execute(job: SyncJobName, work: () => Promise<void>): Promise<{ error: unknown }> {
    const promise = attempt(job, work);
    active.add(promise);
    return promise.finally(() => active.delete(promise));
  }

  async function attempt(job: SyncJobName, work: () => Promise<void>): Promise<{ error: unknown }> {
    const started = deps.now();
    const stopTimer = deps.metrics.syncSeconds.startTimer({ job });
    let error: unknown;
    try {
      await work();
    } catch (caught) {
      error = caught;
    }
    stopTimer();
    if (error !== undefined && deps.cancelled()) return { error };
    const durationMs = Math.max(0, Math.round(deps.now() - started));
    const at = Math.floor(deps.now() / 1000);
    const message = error === undefined ? undefined : describeError(error);
    try {
      if (message === undefined) await recordJobSuccess(deps.db, job, at, durationMs);
      else await recordJobFailure(deps.db, job, message, at, durationMs);
      unrecorded.delete(job);
    } catch (recordError) {
      unrecorded.set(job, message === undefined ? { lastSuccess: at } : { lastError: message, lastErrorAt: at });
      deps.logger.error({ err: recordError, job }, 'could not record the sync state');
    }
    if (error === undefined) deps.logger.debug({ job, durationMs }, 'sync job done');
    else deps.logger.warn({ err: error, job, durationMs }, 'sync job failed');
    return { error };
  }

  return {
    run(job, work) {
      const inFlight = running.get(job);
      if (inFlight) return inFlight.then(() => false);
      const promise = execute(job, work)
        .then(({ error }) => error === undefined)
        .finally(() => running.delete(job));
      running.set(job, promise);
      return promise;
    },
    async track(job, work) {
      const { error } = await execute(job, work);
      if (error !== undefined) throw error;
    },
    async idle() {
      while (active.size > 0) await Promise.all([...active]);
    },
    unrecorded: () => Object.fromEntries(unrecorded),
  };
}
