// One sync to every client: each distinct filter's events are encoded once, and that one string
// is written to every client holding the filter. Unfiltered clients all share a single string,
// and gzip clients a single compressed copy of it.
import type { Cursor } from '../../shared/domain/event-id';
import type { CommittedChanges } from '../change-feed';
import type { ItemFilter, SseClient } from './sse-client';
import { encodeCompactEvent, encodeSyncComplete, encodeUpdateJson, encodeUpdatesEvent, updatesEventName } from './stream-payloads';
import type { PriceFormat } from '../../shared/protocol/compact-prices';
import { SharedPayload } from './gzip-wire';

export interface ClientGroup {
  filter: ItemFilter;
  format: PriceFormat;
  clients: Set<SseClient>;
}

/** One sync for compact clients: the seq it continues from, and its event data for a filter. */
export interface CompactSource {
  from: number;
  /** encodeCompactBatch's text: the legs of `filter`'s items changed after `from`. */
  data(filter: ItemFilter): string;
}

interface Written {
  events: number;
  bytes: number;
}

/** What was written, by event type (clients backed up at the time kept the updates instead). */
export type FanOutTally = Record<'price-update' | 'price-batch' | 'sync-complete' | 'p1', Written>;

export function fanOut(committed: CommittedChanges, groups: Iterable<ClientGroup>, compact: CompactSource): FanOutTally {
  const cursor: Cursor = { epoch: committed.epoch, seq: committed.seq };
  const timestamp = new Date(committed.committedAt).toISOString();
  const byItem = new Map<number, string>();
  for (const change of committed.changes) byItem.set(change.itemId, encodeUpdateJson(change, timestamp));
  const all = [...byItem.entries()];
  const syncEvent = encodeSyncComplete(cursor, timestamp, committed.changes.length);
  const tally: FanOutTally = {
    'price-update': { events: 0, bytes: 0 },
    'price-batch': { events: 0, bytes: 0 },
    'sync-complete': { events: 0, bytes: 0 },
    p1: { events: 0, bytes: 0 },
  };
  for (const group of groups) {
    if (group.format !== 'json') {
      const event = encodeCompactEvent(cursor, compact.data(group.filter));
      const payload = new SharedPayload(event);
      for (const client of group.clients) {
        if (!client.deliverCompact(payload, compact.from)) continue;
        tally.p1.events += 1;
        tally.p1.bytes += event.length;
      }
      continue;
    }
    const matched = group.filter.ids === null ? all : pick(group.filter.ids, byItem);
    const batch = matched.length > 0 ? encodeUpdatesEvent(cursor, matched.map(([, json]) => json)) : '';
    const updates = tally[updatesEventName(matched.length)];
    const chunk = new SharedPayload(batch + syncEvent);
    for (const client of group.clients) {
      if (!client.deliver(chunk, matched, cursor, syncEvent)) continue;
      tally['sync-complete'].events += 1;
      tally['sync-complete'].bytes += syncEvent.length;
      if (batch === '') continue;
      updates.events += 1;
      updates.bytes += batch.length;
    }
  }
  return tally;
}

/** The updates of one sync inside a filter, walking whichever of the two is smaller. */
function pick(ids: ReadonlySet<number>, byItem: ReadonlyMap<number, string>): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  if (ids.size <= byItem.size) {
    for (const id of ids) {
      const json = byItem.get(id);
      if (json !== undefined) out.push([id, json]);
    }
  } else {
    for (const entry of byItem) if (ids.has(entry[0])) out.push(entry);
  }
  return out;
}
