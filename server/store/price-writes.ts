// Writes a /latest snapshot: diff against the stored prices, give every change the next global
// seq, and write the changes together with stream_state.seq in ONE transaction, so a reader (or a
// crash) never sees prices without their seq or a seq without its prices.
import type { CommittedChanges, PriceChange } from '../change-feed';
import type { Db } from './db';
import { diffLatest, type ItemLegs } from './price-diff';
import { insertRows, type BulkTarget } from './bulk-insert';
import { readCatalogueIds } from './catalogue-query';
import { readLatestPrices } from './latest-query';
import { lockStreamState } from './stream-state';
import { fenceWrite } from './leader-term';

export interface IngestOptions {
  /** Unix milliseconds of the commit (tests pin it). */
  now?: number;
  /** Runs inside the open transaction just before it commits: a seam for crash tests. */
  beforeCommit?: () => Promise<void>;
  /** Cluster mode: the writing leader's term; the write is refused if the store has seen a newer one. */
  term?: number;
  /** More ids than this that neither the catalogue nor the stored prices know refuse the snapshot whole. */
  maxNewItems?: number;
}

/** A snapshot naming a flood of ids nobody knows: nothing of it is written. */
export class NewItemsRefusedError extends Error {
  constructor(readonly unknown: number, readonly limit: number) {
    super(`${unknown} ids are unknown to the catalogue and the store (more than ${limit})`);
    this.name = 'NewItemsRefusedError';
  }
}

export async function ingestLatest(db: Db, snapshot: readonly ItemLegs[], options: IngestOptions = {}): Promise<CommittedChanges> {
  const committedAt = options.now ?? Date.now();
  const changedAt = Math.floor(committedAt / 1000);
  return db.transaction().execute(async (trx) => {
    // First, so the stored prices below are read after any ingest that held the lock has committed.
    const state = await lockStreamState(trx);
    if (options.term !== undefined) await fenceWrite(trx, options.term);
    const stored = new Map((await readLatestPrices(trx)).map((latest) => [latest.itemId, latest]));
    if (options.maxNewItems !== undefined) await refuseFlood(trx, snapshot, stored, options.maxNewItems);
    const changed = diffLatest(stored, snapshot);
    let seq = state.seq;
    const changes: PriceChange[] = changed.map((legs) => ({ ...legs, seq: (seq += 1) }));
    await writeChanges(trx, changes, changedAt);
    if (changes.length > 0) await trx.updateTable('stream_state').set({ seq }).where('id', '=', 1).execute();
    await options.beforeCommit?.();
    return { epoch: state.epoch, seq, committedAt, changes };
  });
}

/** Ids new to the stored prices are few after the first sync; only past the limit is the catalogue asked. */
async function refuseFlood(db: Db, snapshot: readonly ItemLegs[], stored: ReadonlyMap<number, unknown>, limit: number): Promise<void> {
  const fresh = snapshot.filter((item) => !stored.has(item.itemId));
  if (fresh.length <= limit) return;
  const catalogue = await readCatalogueIds(db);
  const unknown = fresh.filter((item) => !catalogue.has(item.itemId)).length;
  if (unknown > limit) throw new NewItemsRefusedError(unknown, limit);
}

const LATEST: BulkTarget = {
  table: 'latest_prices',
  columns: [
    ['item_id', 'int4'], ['high', 'int8'], ['high_time', 'int8'], ['low', 'int8'], ['low_time', 'int8'], ['seq', 'int8'], ['changed_at', 'int8'],
  ],
  keyWidth: 1,
};

async function writeChanges(db: Db, changes: PriceChange[], changedAt: number): Promise<void> {
  await insertRows(
    db,
    LATEST,
    changes.map((c) => [c.itemId, c.high, c.highTime, c.low, c.lowTime, c.seq, changedAt]),
    `on conflict (item_id) do update set
      high = excluded.high, high_time = excluded.high_time, low = excluded.low, low_time = excluded.low_time,
      seq = excluded.seq, changed_at = excluded.changed_at`,
  );
}
