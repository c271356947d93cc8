// The one rule for "an item this server knows", for the REST item routes and the stream's items
// filter alike: a row in the catalogue (items), in the current /mapping or not. Any other id is a
// 404 unknown_item naming the ids, whichever route was asked.
import { HttpError } from './http-error';
import type { Db } from './store/db';
import { readKnownItemIds } from './store/catalogue-query';

export function unknownItems(ids: readonly number[]): HttpError {
  const message = ids.length === 1 ? `no item with id ${ids[0]}` : `no items with ids ${ids.join(',')}`;
  return new HttpError(404, 'unknown_item', message);
}

/** Throws unknownItems for the ids of `ids` the catalogue lacks (one query, however many). */
export async function requireKnownItems(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const known = await readKnownItemIds(db, ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw unknownItems(unknown);
}
