// Deletes history older than config.retention allows (docs/decisions/0003-history-retention.md).
import type { Config } from '../config';
import type { Db } from '../store/db';
import { pruneBuckets } from '../store/buckets-repo';
import { pruneSyncedWindows } from '../store/windows-repo';
import { isWindowStep, TIMESTEPS, type Timestep } from '../../shared/domain/timestep';

/**
 * Retention per timestep in seconds. Infinity keeps that timestep forever (a configured 0), so
 * `now - keep` is the oldest timestamp kept without a special case anywhere.
 */
export function retentionSeconds(retention: Config['retention']): Record<Timestep, number> {
  const seconds = (ms: number): number => (ms > 0 ? Math.floor(ms / 1000) : Number.POSITIVE_INFINITY);
  return {
    '5m': seconds(retention.fiveMinuteMs),
    '1h': seconds(retention.oneHourMs),
    '6h': seconds(retention.sixHourMs),
    '24h': seconds(retention.dayMs),
  };
}

export async function pruneHistory(db: Db, retention: Config['retention'], nowSeconds: number): Promise<Record<Timestep, number>> {
  const keep = retentionSeconds(retention);
  const deleted: Record<Timestep, number> = { '5m': 0, '1h': 0, '6h': 0, '24h': 0 };
  for (const step of TIMESTEPS) {
    if (keep[step] === Number.POSITIVE_INFINITY) continue;
    const before = nowSeconds - keep[step];
    deleted[step] = await pruneBuckets(db, step, before);
    if (isWindowStep(step)) await pruneSyncedWindows(db, step, before);
  }
  return deleted;
}
