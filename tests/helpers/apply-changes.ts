// Stands in for the latest sync: writes a batch of price changes to latest_prices and
// stream_state in one transaction, one new seq per change, then announces the commit.
import type { ChangeFeed, CommittedChanges, PriceChange } from '../../server/change-feed';
import type { Db } from '../../server/store/db';

export type PriceInput = Omit<PriceChange, 'seq'>;

export async function applyChanges(db: Db, feed: ChangeFeed, inputs: readonly PriceInput[], committedAt = Date.now()): Promise<CommittedChanges> {
  const committed = await commitChanges(db, inputs, committedAt);
  feed.publish(committed);
  return committed;
}

/** The write half of applyChanges, for callers that time or route the announcement themselves. */
export async function commitChanges(db: Db, inputs: readonly PriceInput[], committedAt = Date.now()): Promise<CommittedChanges> {
  return db.transaction().execute(async (trx) => {
    const state = await trx.selectFrom('stream_state').select(['epoch', 'seq']).where('id', '=', 1).executeTakeFirstOrThrow();
    let seq = Number(state.seq);
    const changes: PriceChange[] = [];
    const changedAt = Math.floor(committedAt / 1000);
    for (const input of inputs) {
      seq += 1;
      changes.push({ ...input, seq });
      const row = {
        high: input.high, high_time: input.highTime, low: input.low, low_time: input.lowTime, seq, changed_at: changedAt,
      };
      await trx
        .insertInto('latest_prices')
        .values({ item_id: input.itemId, ...row })
        .onConflict((oc) => oc.column('item_id').doUpdateSet(row))
        .execute();
    }
    await trx.updateTable('stream_state').set({ seq }).where('id', '=', 1).execute();
    return { epoch: state.epoch, seq, committedAt, changes };
  });
}

/** Adds catalogue rows so the stream knows these ids even before they have a price. */
export async function addItems(db: Db, ids: readonly number[]): Promise<void> {
  // In slices: SQLite caps the number of bound variables in one statement.
  for (let start = 0; start < ids.length; start += 500) {
    await db
      .insertInto('items')
      .values(ids.slice(start, start + 500).map((id) => ({
        id, name: `Item ${id}`, examine: '', members: 0, icon: '', buy_limit: null, value: null,
        lowalch: null, highalch: null, name_lower: `item ${id}`, in_mapping: 1, updated_at: 0,
      })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

/** A plausible new state for `itemId`, different on every call. */
export function priceMove(itemId: number, step: number): PriceInput {
  const base = 1000 + ((itemId * 7919) % 100_000);
  return { itemId, high: base + step, highTime: 1_748_000_000 + step, low: base - 10 + step, lowTime: 1_748_000_000 + step };
}
