// SSE contract of GET /api/v1/prices/stream. Event names and payloads follow the original system;
// `price-batch`, `resync` and `history` are ours. Every event that moves the cursor has id `EPOCH.SEQ`.
import { z } from 'zod';
import { TIMESTEPS } from '../domain/timestep';

export const ConnectedEventSchema = z.object({
  client_id: z.string(),
  /** ISO-8601 */
  timestamp: z.string(),
  epoch: z.string(),
  seq: z.number().int(),
});
export type ConnectedEvent = z.infer<typeof ConnectedEventSchema>;

export const HeartbeatEventSchema = z.object({ ts: z.number().int() });
export type HeartbeatEvent = z.infer<typeof HeartbeatEventSchema>;

export const PriceUpdateSchema = z.object({
  item_id: z.number().int(),
  high: z.number().int().nullable(),
  low: z.number().int().nullable(),
  high_time: z.number().int().nullable(),
  low_time: z.number().int().nullable(),
  /** ISO-8601 time the server committed the change. */
  timestamp: z.string(),
  /** The change's sequence number: a client ignores a seq not newer than the one it holds. */
  seq: z.number().int(),
});
export type PriceUpdate = z.infer<typeof PriceUpdateSchema>;

export const PriceBatchEventSchema = z.object({
  /** The highest seq in the batch: the client's new cursor. */
  seq: z.number().int(),
  updates: z.array(PriceUpdateSchema),
});
export type PriceBatchEvent = z.infer<typeof PriceBatchEventSchema>;

export const SyncCompleteEventSchema = z.object({
  timestamp: z.string(),
  seq: z.number().int(),
  changed: z.number().int(),
});
export type SyncCompleteEvent = z.infer<typeof SyncCompleteEventSchema>;

export const RESYNC_REASONS = ['malformed-id', 'epoch-mismatch', 'ahead-of-server'] as const;
export const ResyncEventSchema = z.object({
  reason: z.enum(RESYNC_REASONS),
  epoch: z.string(),
  seq: z.number().int(),
});
export type ResyncEvent = z.infer<typeof ResyncEventSchema>;

export const TimeoutEventSchema = z.object({
  reason: z.string(),
  /** Suggested delay before reconnecting, in milliseconds. */
  retry_ms: z.number().int(),
});
export type TimeoutEvent = z.infer<typeof TimeoutEventSchema>;

/**
 * The server stored a history window: its buckets can be fetched now. No id: it does not move the
 * price cursor. A 1h window also changed the 6h and 24h buckets that hold it (they are rolled up
 * from the hours), and a backfill after downtime may announce windows older than ones already sent.
 */
export const HistoryEventSchema = z.object({
  timestep: z.enum(TIMESTEPS),
  /** Unix seconds: the window's start, as a bucket's timestamp in /items/:id/history. */
  timestamp: z.number().int(),
});
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;

/**
 * `p1`: one sync (or catch-up) in the compact format of ./compact-prices.ts, sent instead of
 * price-update, price-batch and sync-complete to a client that asked with `format=p1`.
 */
export const STREAM_EVENTS = [
  'connected', 'heartbeat', 'price-update', 'price-batch', 'sync-complete', 'resync', 'timeout', 'history', 'p1',
] as const;
export type StreamEventName = (typeof STREAM_EVENTS)[number];
