// /5m and /1h windows. Each is written once (synced_windows remembers it), in one transaction
// with what it feeds: its buckets, and for an hour the item volumes and the 6h/24h rollups.
import { sql } from 'kysely';
import type { WindowStep } from '../../shared/domain/timestep';
import type { Db } from './db';
import { rollupHourly, upsertBuckets, type BucketInput } from './buckets-repo';
import { fenceWrite } from './leader-term';

const HOUR = 3600;
const DAY = 86_400;

/**
 * 'duplicate': this window was already written (the wiki serves the same /1h twice). With a
 * `term` (cluster mode) the write is refused, FencedWriteError, once the store has seen a newer
 * leader; the check comes last, so the stream_state row is locked only for the commit.
 */
export async function ingestWindow(
  db: Db,
  step: WindowStep,
  timestamp: number,
  buckets: readonly BucketInput[],
  now = Math.floor(Date.now() / 1000),
  term?: number,
): Promise<'written' | 'duplicate'> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('synced_windows')
      .values({ timestep: step, timestamp, items: buckets.length, synced_at: now })
      .onConflict((oc) => oc.columns(['timestep', 'timestamp']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return 'duplicate';
    await upsertBuckets(trx, step, buckets);
    if (step === '1h') {
      await rollupHourly(trx, '6h', timestamp, timestamp + HOUR);
      await rollupHourly(trx, '24h', timestamp, timestamp + HOUR);
      await refreshItemVolumes(trx, now);
    }
    if (term !== undefined) await fenceWrite(trx, term);
    return 'written';
  });
}

/** Window starts of `step` already written, from `since` on, ascending. */
export async function listSyncedWindows(db: Db, step: WindowStep, since: number): Promise<number[]> {
  const rows = await db
    .selectFrom('synced_windows')
    .select('timestamp')
    .where('timestep', '=', step)
    .where('timestamp', '>=', since)
    .orderBy('timestamp')
    .execute();
  return rows.map((row) => Number(row.timestamp));
}

/** Start of the newest window of `step` written (unix seconds), or null when none is. */
export async function readNewestWindow(db: Db, step: WindowStep): Promise<number | null> {
  const newest = await db
    .selectFrom('synced_windows')
    .select((eb) => eb.fn.max('timestamp').as('ts'))
    .where('timestep', '=', step)
    .executeTakeFirst();
  return newest?.ts === null || newest?.ts === undefined ? null : Number(newest.ts);
}

export async function pruneSyncedWindows(db: Db, step: WindowStep, before: number): Promise<void> {
  await db.deleteFrom('synced_windows').where('timestep', '=', step).where('timestamp', '<', before).execute();
}

/**
 * volume_1h: both sides of the newest stored hour; volume_24h: the sum over the 24 hours ending
 * with it. An item that did not trade in those hours gets 0, not a stale figure.
 */
async function refreshItemVolumes(db: Db, now: number): Promise<void> {
  const last = await readNewestWindow(db, '1h');
  if (last === null) return;
  const first = last - DAY + HOUR;
  await sql`
    insert into item_volumes (item_id, volume_1h, volume_24h, updated_at)
    select item_id,
      sum(case when timestamp = ${last} then high_volume + low_volume else 0 end),
      sum(high_volume + low_volume), ${now}
    from price_buckets
    where timestep = '1h' and timestamp >= ${first} and timestamp <= ${last}
    group by item_id
    on conflict (item_id) do update set
      volume_1h = excluded.volume_1h, volume_24h = excluded.volume_24h, updated_at = excluded.updated_at`.execute(db);
  await sql`
    update item_volumes set volume_1h = 0, volume_24h = 0, updated_at = ${now}
    where item_id not in (
      select item_id from price_buckets where timestep = '1h' and timestamp >= ${first} and timestamp <= ${last})`.execute(db);
}
