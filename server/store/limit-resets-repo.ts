// The buy-limit resets devices wait for. A device's set is replaced whole with its subscription
// (in the same transaction); the instance that sends takes what is due by deleting it first, so a
// reset is pushed at most once, even by two instances that both believe they lead for a moment.
import type { LimitReset } from '../../shared/domain/limit-resets';
import type { Db } from './db';

/** Replaces the subscription's resets with those still to come after `now` (unix seconds); returns how many are kept. */
export async function writeLimitResets(trx: Db, subscriptionId: string, resets: readonly LimitReset[], now: number): Promise<number> {
  await trx.deleteFrom('push_limit_resets').where('subscription_id', '=', subscriptionId).execute();
  const kept = resets.filter((reset) => reset.at > now);
  if (kept.length > 0) {
    await trx.insertInto('push_limit_resets').values(kept.map((reset) => ({ subscription_id: subscriptionId, item_id: reset.itemId, at: reset.at }))).execute();
  }
  return kept.length;
}

export async function listLimitResets(db: Db, subscriptionId: string): Promise<LimitReset[]> {
  const rows = await db.selectFrom('push_limit_resets').select(['item_id', 'at']).where('subscription_id', '=', subscriptionId).orderBy('at').orderBy('item_id').execute();
  return rows.map((row) => ({ itemId: Number(row.item_id), at: Number(row.at) }));
}

export interface DueLimitReset extends LimitReset {
  subscription: { id: string; endpoint: string; keys: { p256dh: string; auth: string } };
}

/**
 * Takes (deletes) up to `limit` resets due at `now`, and returns those this call deleted that are
 * newer than `staleBefore` with their subscriptions: what is to be pushed. Older ones are dropped unsent.
 */
export async function takeDueLimitResets(db: Db, now: number, staleBefore: number, limit: number): Promise<DueLimitReset[]> {
  const rows = await db
    .selectFrom('push_limit_resets as r')
    .innerJoin('push_subscriptions as s', 's.id', 'r.subscription_id')
    .select(['r.subscription_id', 'r.item_id', 'r.at', 's.endpoint', 's.p256dh', 's.auth'])
    .where('r.at', '<=', now)
    .orderBy('r.at')
    .limit(limit)
    .execute();
  const taken: DueLimitReset[] = [];
  for (const row of rows) {
    const deleted = await db.deleteFrom('push_limit_resets')
      .where('subscription_id', '=', row.subscription_id).where('item_id', '=', row.item_id).where('at', '=', row.at)
      .executeTakeFirst();
    if (deleted.numDeletedRows === 0n || Number(row.at) <= staleBefore) continue;
    taken.push({
      itemId: Number(row.item_id), at: Number(row.at),
      subscription: { id: row.subscription_id, endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } },
    });
  }
  return taken;
}

/** The soonest reset waiting, in unix seconds, or null. */
export async function nextLimitResetAt(db: Db): Promise<number | null> {
  const row = await db.selectFrom('push_limit_resets').select((eb) => eb.fn.min('at').as('at')).executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}
