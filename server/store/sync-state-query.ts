import type { Db } from './db';

export interface SyncJobState {
  job: string;
  /** Unix seconds. */
  lastSuccess: number | null;
  lastError: string | null;
  /** Unix seconds. */
  lastErrorAt: number | null;
}

export async function readSyncStates(db: Db): Promise<SyncJobState[]> {
  const rows = await db
    .selectFrom('sync_state')
    .select(['job', 'last_success', 'last_error', 'last_error_at'])
    .orderBy('job')
    .execute();
  return rows.map((row) => ({
    job: row.job,
    lastSuccess: row.last_success === null ? null : Number(row.last_success),
    lastError: row.last_error,
    lastErrorAt: row.last_error_at === null ? null : Number(row.last_error_at),
  }));
}
