// The catch-up event a resuming client gets: the latest state of each item in its filter changed
// after its seq. Unfiltered clients resuming from the same id (a reconnect storm after a restart
// or a network blip) share one encoded event instead of each building a copy of the table.
// In the compact format a catch-up is the same event as a live sync, only from further back.
import { encodeCompactBatch } from '../../shared/protocol/compact-prices';
import type { PriceIndex } from './price-index';
import type { ItemFilter } from './sse-client';
import { encodeCompactEvent, encodeUpdatesEvent } from './stream-payloads';
import type { PriceFormat } from '../../shared/protocol/compact-prices';

/** A handful of distinct resume points per seq covers a storm; more only costs memory. */
const MAX_SHARED = 4;

export type CatchUp = (since: number, filter: ItemFilter, format?: PriceFormat) => string;

/** The compact data of the legs of `filter`'s items changed after `since`, timed from the index's last commit. */
export function compactData(index: PriceIndex, since: number, filter: ItemFilter): string {
  return encodeCompactBatch({ base: Math.floor(index.changedAt() / 1000), items: index.compactSince(since, filter.ids) });
}

export function createCatchUp(index: PriceIndex): CatchUp {
  const shared = new Map<string, string>();
  let sharedFor = '';
  const encode = (since: number, filter: ItemFilter, format: PriceFormat): string =>
    format === 'json'
      ? encodeUpdatesEvent(index.cursor(), index.updatesSince(since, filter.ids))
      : encodeCompactEvent(index.cursor(), compactData(index, since, filter));
  return (since, filter, format = 'json') => {
    if (filter.ids !== null) return encode(since, filter, format);
    const cursor = index.cursor();
    const key = `${cursor.epoch}.${cursor.seq}`;
    if (key !== sharedFor || shared.size >= MAX_SHARED) {
      shared.clear();
      sharedFor = key;
    }
    const point = `${format}:${since}`;
    let event = shared.get(point);
    if (event === undefined) {
      event = encode(since, filter, format);
      shared.set(point, event);
    }
    return event;
  };
}
