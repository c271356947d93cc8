// Builds the stream's events from the contract's types. A sync's updates are serialised once per
// change and joined per filter, so no payload is stringified once per client.
import type {
  ConnectedEvent, HeartbeatEvent, HistoryEvent, PriceUpdate, ResyncEvent, SyncCompleteEvent, TimeoutEvent,
} from '../../shared/protocol/events';
import { formatEventId, type Cursor } from '../../shared/domain/event-id';
import type { PriceChange } from '../change-feed';
import { encodeEvent } from './sse-encode';
import { COMPACT_FORMAT } from '../../shared/protocol/compact-prices';

/** One item's new state as the JSON of a PriceUpdate; `timestamp` is the commit time (ISO). */
export function encodeUpdateJson(change: PriceChange, timestamp: string): string {
  const update: PriceUpdate = {
    item_id: change.itemId,
    high: change.high,
    low: change.low,
    high_time: change.highTime,
    low_time: change.lowTime,
    timestamp,
    seq: change.seq,
  };
  return JSON.stringify(update);
}

/**
 * The updates one client gets for one sync (or one catch-up), id `EPOCH.SEQ` of the cursor they
 * bring it to. Exactly one update goes out under the original's name, `price-update`; anything
 * else (none included, for a catch-up that found nothing) is one `price-batch`.
 */
export function encodeUpdatesEvent(cursor: Cursor, updates: readonly string[]): string {
  const id = formatEventId(cursor);
  const only = updates.length === 1 ? updates[0] : undefined;
  if (only !== undefined) return encodeEvent(updatesEventName(1), only, id);
  // Joined by hand: the fragments are JSON already, re-parsing them would serialise twice.
  return encodeEvent('price-batch', `{"seq":${cursor.seq},"updates":[${updates.join(',')}]}`, id);
}

/** One sync or catch-up in the compact format (`data` from encodeCompactBatch), id of its cursor. */
export function encodeCompactEvent(cursor: Cursor, data: string): string {
  return encodeEvent(COMPACT_FORMAT, data, formatEventId(cursor));
}

export function updatesEventName(count: number): 'price-update' | 'price-batch' {
  return count === 1 ? 'price-update' : 'price-batch';
}

export function encodeSyncComplete(cursor: Cursor, timestamp: string, changed: number): string {
  const payload: SyncCompleteEvent = { timestamp, seq: cursor.seq, changed };
  return encodeEvent('sync-complete', JSON.stringify(payload), formatEventId(cursor));
}

export function encodeConnected(clientId: string, cursor: Cursor, now: Date): string {
  const payload: ConnectedEvent = { client_id: clientId, timestamp: now.toISOString(), epoch: cursor.epoch, seq: cursor.seq };
  return encodeEvent('connected', JSON.stringify(payload));
}

export function encodeHeartbeat(nowMs: number): string {
  const payload: HeartbeatEvent = { ts: Math.floor(nowMs / 1000) };
  return encodeEvent('heartbeat', JSON.stringify(payload));
}

/** No id: the client holds nothing it can resume from until it has refetched the full state. */
export function encodeResync(reason: ResyncEvent['reason'], cursor: Cursor): string {
  const payload: ResyncEvent = { reason, epoch: cursor.epoch, seq: cursor.seq };
  return encodeEvent('resync', JSON.stringify(payload));
}

export function encodeTimeout(reason: string, retryMs: number): string {
  const payload: TimeoutEvent = { reason, retry_ms: Math.round(retryMs) };
  return encodeEvent('timeout', JSON.stringify(payload));
}

/** No id: history is fetched over REST, so the event only says when; the price cursor stays put. */
export function encodeHistory(timestep: HistoryEvent['timestep'], timestamp: number): string {
  const payload: HistoryEvent = { timestep, timestamp };
  return encodeEvent('history', JSON.stringify(payload));
}
