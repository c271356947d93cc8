// What alert rules compare the latest prices against, for every item at once, read from the stored
// buckets and made by the device's own rule (shared/domain/alert-market-buckets.ts): the newest
// 5-minute window, the newest hour and the 24 hours ending with it. Read again whenever a window is
// stored; whether the hour is still fresh is decided at each evaluation (`referenceAt`). The hourly
// part (a day and two hours of buckets: ~100k rows on the real catalogue) is read again only when
// the stored hours changed, not at every 5-minute window.
import { DAY_SECONDS, HOUR_MAX_AGE, hourlyReference, NO_HOURLY_REFERENCE, withWindow, type BucketReference, type HourlyReference } from '../../shared/domain/alert-market-buckets';
import { CONFIRMED_MAX_AGE } from '../../shared/domain/alerts/alert-market';
import type { SeriesBucket } from '../../shared/domain/movers';
import type { Timestep } from '../../shared/domain/timestep';
import type { Db } from './db';
import { readBucketsSince } from './history-query';

interface StoredWindows {
  newest: number | null;
  count: number;
}

/** The newest stored window of each timestep and how many are stored (what a kept reading was made from), in one query. */
async function storedWindows(db: Db): Promise<Record<'5m' | '1h', StoredWindows>> {
  const rows = await db.selectFrom('synced_windows')
    .select((eb) => ['timestep', eb.fn.max('timestamp').as('ts'), eb.fn.countAll().as('count')])
    .where('timestep', 'in', ['5m', '1h']).groupBy('timestep').execute();
  const of = (timestep: Timestep): StoredWindows => {
    const row = rows.find((r) => r.timestep === timestep);
    return { newest: row === undefined || row.ts === null ? null : Number(row.ts), count: Number(row?.count ?? 0) };
  };
  return { '5m': of('5m'), '1h': of('1h') };
}

/**
 * Each item's buckets of one timestep since `since`. Only the span any evaluation can still read:
 * evaluations come after the newest window, so a 5-minute window more than CONFIRMED_MAX_AGE older
 * than the newest is never read, nor an hour more than HOUR_MAX_AGE older, nor the day before it.
 */
async function bucketsByItem(db: Db, timestep: Timestep, since: number | null): Promise<Map<number, SeriesBucket[]>> {
  const byItem = new Map<number, SeriesBucket[]>();
  if (since === null) return byItem;
  for (const { itemId, ...bucket } of await readBucketsSince(db, timestep, since)) {
    const buckets = byItem.get(itemId);
    if (buckets === undefined) byItem.set(itemId, [bucket]);
    else buckets.push(bucket);
  }
  return byItem;
}

export interface AlertReferenceReader {
  /** Every item's reference as the stored buckets now give it. */
  read(): Promise<Map<number, BucketReference>>;
}

export function createAlertReferenceReader(db: Db): AlertReferenceReader {
  let hourly: { from: string; byItem: Map<number, HourlyReference> } | null = null;
  return {
    async read() {
      const { '5m': five, '1h': hours } = await storedWindows(db);
      const from = `${hours.newest}:${hours.count}`;
      if (hourly?.from !== from) {
        const byItem = new Map<number, HourlyReference>();
        const buckets = await bucketsByItem(db, '1h', hours.newest === null ? null : hours.newest - HOUR_MAX_AGE - DAY_SECONDS);
        for (const [itemId, list] of buckets) byItem.set(itemId, hourlyReference(list));
        hourly = { from, byItem };
      }
      const fiveMinute = await bucketsByItem(db, '5m', five.newest === null ? null : five.newest - CONFIRMED_MAX_AGE - 1);
      const references = new Map<number, BucketReference>();
      for (const itemId of new Set([...fiveMinute.keys(), ...hourly.byItem.keys()])) {
        references.set(itemId, withWindow(fiveMinute.get(itemId) ?? [], hourly.byItem.get(itemId) ?? NO_HOURLY_REFERENCE));
      }
      return references;
    },
  };
}

/** Every item's reference, read afresh. */
export function readAlertReferences(db: Db): Promise<Map<number, BucketReference>> {
  return createAlertReferenceReader(db).read();
}
