// Deletes history older than config.retention allows (docs/decisions/0003-history-retention.md).
import type { Config } from '../config';
import type { Db } from '../store/db';
import { pruneBuckets } from '../store/buckets-repo';
import { pruneSyncedWindows } from '../store/windows-repo';
import type { Timestep } from '../../shared/domain/timestep';

/** Retention per timestep in seconds; 0 keeps that timestep forever. */
export function retentionSeconds(retention: Config['retention']): Record<Timestep, number> {
  return {
    '5m': Math.floor(retention.fiveMinuteMs / 1000),
    '1h': Math.floor(retention.oneHourMs / 1000),
    '6h': Math.floor(retention.sixHourMs / 1000),
    '24h': Math.floor(retention.dayMs / 1000),
  };
}

export async function pruneHistory(db: Db, retention: Config['retention'], nowSeconds: number): Promise<Record<Timestep, number>> {
  const keep = retentionSeconds(retention);
  const deleted: Record<Timestep, number> = { '5m': 0, '1h': 0, '6h': 0, '24h': 0 };
  for (const step of ['5m', '1h', '6h', '24h'] as const) {
    if (keep[step] === 0) continue;
    const before = nowSeconds - keep[step];
    deleted[step] = await pruneBuckets(db, step, before);
    if (step === '5m' || step === '1h') await pruneSyncedWindows(db, step, before);
  }
  return deleted;
}
