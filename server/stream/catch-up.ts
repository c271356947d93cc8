// The catch-up event a resuming client gets: the latest state of each item in its filter changed
// after its seq. Unfiltered clients resuming from the same id (a reconnect storm after a restart
// or a network blip) share one encoded event instead of each building a copy of the table.
import type { PriceIndex } from './price-index';
import type { ItemFilter } from './sse-client';
import { encodeUpdatesEvent } from './stream-payloads';

/** A handful of distinct resume points per seq covers a storm; more only costs memory. */
const MAX_SHARED = 4;

export type CatchUp = (since: number, filter: ItemFilter) => string;

export function createCatchUp(index: PriceIndex): CatchUp {
  const shared = new Map<number, string>();
  let sharedFor = '';
  return (since, filter) => {
    const cursor = index.cursor();
    if (filter.ids !== null) return encodeUpdatesEvent(cursor, index.updatesSince(since, filter.ids));
    const key = `${cursor.epoch}.${cursor.seq}`;
    if (key !== sharedFor || shared.size >= MAX_SHARED) {
      shared.clear();
      sharedFor = key;
    }
    let event = shared.get(since);
    if (event === undefined) {
      event = encodeUpdatesEvent(cursor, index.updatesSince(since, null));
      shared.set(since, event);
    }
    return event;
  };
}
