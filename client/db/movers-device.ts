// Movers from what this device holds (offline): the stored history buckets of the period's
// timestep, summarised per item with the same rules the server uses.
import { PERIOD_SECONDS, PERIOD_STEP, summariseSeries, type MoverPeriod, type MoverSummary } from '../../shared/domain/movers';
import { keepValid } from './guards';
import { isPointRecord, type PointRecord } from './records';
import type { GeDb } from './schema';

export interface DeviceMovers {
  /** Newest stored bucket of the step, or null when the device holds none. */
  asOf: number | null;
  summaries: MoverSummary[];
}

export async function readDeviceMovers(db: GeDb, period: MoverPeriod, now: number): Promise<DeviceMovers> {
  const step = PERIOD_STEP[period];
  // Some slack before the period: the newest stored bucket may be older than now.
  const from = now - 2 * PERIOD_SECONDS[period];
  const rows = keepValid(isPointRecord, await db.getAllFromIndex('points', 'byTimestamp', IDBKeyRange.lowerBound(from))).filter((row) => row.timestep === step);
  const byItem = new Map<number, PointRecord[]>();
  for (const row of rows) byItem.set(row.itemId, [...(byItem.get(row.itemId) ?? []), row]);
  const asOf = rows.reduce<number | null>((newest, row) => Math.max(newest ?? row.timestamp, row.timestamp), null);
  if (asOf === null) return { asOf, summaries: [] };
  const summaries = [...byItem].map(([itemId, buckets]) => summariseSeries(itemId, buckets, period, asOf)).filter((summary): summary is MoverSummary => summary !== null);
  return { asOf, summaries };
}
