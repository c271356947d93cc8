// The stream's events as the client sees them: every payload is parsed with the shared schemas
// before anything acts on it, and an event that does not fit the contract is dropped, not guessed.
import { parseEventId } from '../../shared/domain/event-id';
import {
  ConnectedEventSchema,
  HeartbeatEventSchema,
  HistoryEventSchema,
  PriceBatchEventSchema,
  PriceUpdateSchema,
  ResyncEventSchema,
  SyncCompleteEventSchema,
  TimeoutEventSchema,
  type ConnectedEvent,
  type HistoryEvent,
  type PriceUpdate,
  type ResyncEvent,
  type StreamEventName,
  type SyncCompleteEvent,
  type TimeoutEvent,
} from '../../shared/protocol/events';
import { decodeCompactBatch, type CompactBatch } from '../../shared/protocol/compact-prices';

export type StreamMessage =
  | { type: 'connected'; event: ConnectedEvent }
  | { type: 'heartbeat' }
  /** A `price-update` or a `price-batch`: both bring the client to `seq` of the event's epoch. */
  | { type: 'prices'; updates: PriceUpdate[]; seq: number; epoch: string | null }
  | { type: 'sync-complete'; event: SyncCompleteEvent; epoch: string | null }
  | { type: 'resync'; event: ResyncEvent }
  | { type: 'timeout'; event: TimeoutEvent }
  /** A history window is on the server: the device's series it feeds can be refreshed. */
  | { type: 'history'; event: HistoryEvent }
  /** A `p1` event: one sync or catch-up, only the legs that changed; brings the client to `seq`. */
  | { type: 'compact'; batch: CompactBatch; seq: number; epoch: string };

function json(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/**
 * `lastEventId` is the event's own id for every event that moves the cursor (they all carry one).
 * `epoch` is null when it is missing or malformed, and the caller uses the connection's epoch.
 */
export function parseStreamMessage(name: StreamEventName, data: string, lastEventId: string): StreamMessage | null {
  const id = parseEventId(lastEventId);
  if (name === 'p1') {
    // Its cursor is its id alone: without one it could not be placed, so it is dropped.
    const batch = decodeCompactBatch(data);
    return batch === null || id === null ? null : { type: 'compact', batch, seq: id.seq, epoch: id.epoch };
  }
  const body = json(data);
  const epoch = id?.epoch ?? null;
  switch (name) {
    case 'connected': {
      const parsed = ConnectedEventSchema.safeParse(body);
      return parsed.success ? { type: 'connected', event: parsed.data } : null;
    }
    case 'heartbeat':
      return HeartbeatEventSchema.safeParse(body).success ? { type: 'heartbeat' } : null;
    case 'price-update': {
      const parsed = PriceUpdateSchema.safeParse(body);
      return parsed.success ? { type: 'prices', updates: [parsed.data], seq: id?.seq ?? parsed.data.seq, epoch } : null;
    }
    case 'price-batch': {
      const parsed = PriceBatchEventSchema.safeParse(body);
      return parsed.success ? { type: 'prices', updates: parsed.data.updates, seq: parsed.data.seq, epoch } : null;
    }
    case 'sync-complete': {
      const parsed = SyncCompleteEventSchema.safeParse(body);
      return parsed.success ? { type: 'sync-complete', event: parsed.data, epoch } : null;
    }
    case 'resync': {
      const parsed = ResyncEventSchema.safeParse(body);
      return parsed.success ? { type: 'resync', event: parsed.data } : null;
    }
    case 'timeout': {
      const parsed = TimeoutEventSchema.safeParse(body);
      return parsed.success ? { type: 'timeout', event: parsed.data } : null;
    }
    case 'history': {
      const parsed = HistoryEventSchema.safeParse(body);
      return parsed.success ? { type: 'history', event: parsed.data } : null;
    }
  }
}
