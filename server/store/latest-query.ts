// Read side of latest_prices: each item's latest legs with the seq (and time) of its last change.
import type { PriceChange } from '../change-feed';
import type { Db } from './db';
import { ensureStreamState, findStreamState, type StreamState } from './stream-state';

/** An item's latest legs and the seq of its last change: the same shape the sync announces. */
export type LatestRecord = PriceChange;

export interface LatestState extends LatestRecord {
  /** Unix seconds of the commit that wrote this state. */
  changedAt: number;
}

export interface LatestSnapshot {
  state: StreamState;
  prices: LatestState[];
}

function selectLatest(db: Db) {
  return db.selectFrom('latest_prices').select(['item_id', 'high', 'high_time', 'low', 'low_time', 'seq', 'changed_at']);
}

type LatestRow = Awaited<ReturnType<ReturnType<typeof selectLatest>['executeTakeFirstOrThrow']>>;

const toRecord = (row: LatestRow): LatestRecord => ({
  itemId: row.item_id,
  high: row.high,
  highTime: row.high_time,
  low: row.low,
  lowTime: row.low_time,
  seq: Number(row.seq),
});

/** Latest prices of every item, or only those whose last change has a seq above `afterSeq`. */
export async function readLatestPrices(db: Db, afterSeq?: number): Promise<LatestRecord[]> {
  let query = selectLatest(db);
  if (afterSeq !== undefined) query = query.where('seq', '>', afterSeq);
  const rows = await query.orderBy('item_id').execute();
  return rows.map(toRecord);
}

/**
 * Every item's latest state and the stream state, read in one transaction so both describe the
 * same commit. PostgreSQL needs repeatable read for that (read committed takes a new snapshot per
 * statement); SQLite's transactions are serializable and its driver ignores the setting. The epoch
 * is made first, outside: under repeatable read PostgreSQL refuses even `on conflict do nothing`
 * when an ingest updated the row after the snapshot began ("could not serialize access").
 */
export async function readLatestSnapshot(db: Db): Promise<LatestSnapshot> {
  await ensureStreamState(db);
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    // A plain read first: an insert (even one that does nothing) under repeatable read fails with a
    // serialization error when an ingest or a leader's term claim updates the row meanwhile.
    const state = (await findStreamState(trx)) ?? (await ensureStreamState(trx));
    const rows = await selectLatest(trx).execute();
    return { state, prices: rows.map((row) => ({ ...toRecord(row), changedAt: Number(row.changed_at) })) };
  });
}
