// What alert rules compare the latest prices against, for every item at once, read from the stored
// buckets and made by the device's own rule (shared/domain/alert-market-buckets.ts): the newest
// 5-minute window, the newest hour and the 24 hours ending with it. Read again whenever a window is
// stored; whether the hour is still fresh is decided at each evaluation (`referenceAt`).
import { bucketReference, DAY_SECONDS, HOUR_MAX_AGE, type BucketReference } from '../../shared/domain/alert-market-buckets';
import { CONFIRMED_MAX_AGE } from '../../shared/domain/alerts/alert-market';
import type { SeriesBucket } from '../../shared/domain/movers';
import type { Timestep } from '../../shared/domain/timestep';
import type { Db } from './db';
import { readBucketsSince } from './history-query';

async function newestWindow(db: Db, timestep: Timestep): Promise<number | null> {
  const row = await db.selectFrom('synced_windows').select((eb) => eb.fn.max('timestamp').as('ts')).where('timestep', '=', timestep).executeTakeFirst();
  return row?.ts === null || row?.ts === undefined ? null : Number(row.ts);
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

export async function readAlertReferences(db: Db): Promise<Map<number, BucketReference>> {
  const five = await newestWindow(db, '5m');
  const hour = await newestWindow(db, '1h');
  const fiveMinute = await bucketsByItem(db, '5m', five === null ? null : five - CONFIRMED_MAX_AGE - 1);
  const hourly = await bucketsByItem(db, '1h', hour === null ? null : hour - HOUR_MAX_AGE - DAY_SECONDS);
  const references = new Map<number, BucketReference>();
  for (const itemId of new Set([...fiveMinute.keys(), ...hourly.keys()])) {
    references.set(itemId, bucketReference(fiveMinute.get(itemId) ?? [], hourly.get(itemId) ?? []));
  }
  return references;
}
