// One row per sync job, read by /api/v1/health. Times are unix seconds. A success keeps the last
// error (health can still say when it happened); a failure keeps the last success.
import type { WindowStep } from '../../shared/domain/timestep';
import type { Db } from './db';

/** The job names health reports; exactly these strings. */
export type SyncJobName = 'mapping' | 'latest' | WindowStep | 'timeseries';

export async function recordJobSuccess(db: Db, job: SyncJobName, at: number, durationMs: number): Promise<void> {
  await db
    .insertInto('sync_state')
    .values({ job, last_success: at, last_error: null, last_error_at: null, last_duration_ms: durationMs })
    .onConflict((oc) => oc.column('job').doUpdateSet({ last_success: at, last_duration_ms: durationMs }))
    .execute();
}

export async function recordJobFailure(db: Db, job: SyncJobName, message: string, at: number, durationMs: number): Promise<void> {
  await db
    .insertInto('sync_state')
    .values({ job, last_success: null, last_error: message, last_error_at: at, last_duration_ms: durationMs })
    .onConflict((oc) => oc.column('job').doUpdateSet({ last_error: message, last_error_at: at, last_duration_ms: durationMs }))
    .execute();
}
