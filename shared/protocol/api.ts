// REST contract (/api/v1). One definition for the server (responses) and the client (parsing).
import { z } from 'zod';
import { TIMESTEPS } from '../domain/timestep';
import { wholeNumber } from './whole-number';

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

const price = z.number().int().nullable();
const time = z.number().int().nullable();

/**
 * What the device keeps of an item (GET /api/v1/catalogue): the mapping's facts and the traded
 * volumes, nothing it can work out itself. Prices come from /prices/latest and the stream; margin,
 * tax, profit, ROI and the rest are computed on the device with shared/domain/. New fields may be
 * added; a client keeps those it knows.
 */
export const CatalogueItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  examine: z.string(),
  members: z.boolean(),
  icon: z.string(),
  limit: z.number().int().nullable(),
  value: z.number().int().nullable(),
  lowalch: z.number().int().nullable(),
  highalch: z.number().int().nullable(),
  volume1h: z.number().int().nullable(),
  volume24h: z.number().int().nullable(),
});
export type CatalogueItem = z.infer<typeof CatalogueItemSchema>;

export const CatalogueResponseSchema = z.object({
  /** Every item in the current /mapping, by name. */
  items: z.array(CatalogueItemSchema),
});
export type CatalogueResponse = z.infer<typeof CatalogueResponseSchema>;

/** The public row: the catalogue entry with its latest prices and the figures derived from them. */
export const ItemRowSchema = CatalogueItemSchema.extend({
  high: price,
  highTime: time,
  low: price,
  lowTime: time,
  /** seq of the item's last price change; 0 when it has no price. */
  seq: z.number().int(),
  margin: price,
  tax: price,
  profit: price,
  roi: z.number().nullable(),
  alchProfit: price,
  /** Seconds since each leg traded, at `asOf`. */
  highAge: time,
  lowAge: time,
  stale: z.boolean(),
  inverted: z.boolean(),
});
export type ItemRow = z.infer<typeof ItemRowSchema>;

export const ITEM_SORT_COLUMNS = [
  'name', 'id', 'high', 'low', 'margin', 'tax', 'profit', 'roi', 'limit', 'highalch',
  'alchProfit', 'volume1h', 'volume24h', 'highTime', 'lowTime', 'value',
] as const;
export type ItemSortColumn = (typeof ITEM_SORT_COLUMNS)[number];

export const ItemsQuerySchema = z.object({
  q: z.string().max(100).optional(),
  sort: z.enum(ITEM_SORT_COLUMNS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: wholeNumber(1, 500).default(100),
  offset: wholeNumber(0, 1_000_000).default(0),
  members: z.enum(['true', 'false']).optional(),
});
export type ItemsQuery = z.infer<typeof ItemsQuerySchema>;

export const ItemsResponseSchema = z.object({
  items: z.array(ItemRowSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  /** Unix seconds at which ages were computed. */
  asOf: z.number().int(),
});
export type ItemsResponse = z.infer<typeof ItemsResponseSchema>;

export const LatestPriceSchema = z.object({
  high: price,
  highTime: time,
  low: price,
  lowTime: time,
  seq: z.number().int(),
});
export type LatestPrice = z.infer<typeof LatestPriceSchema>;

export const LatestPricesResponseSchema = z.object({
  epoch: z.string(),
  seq: z.number().int(),
  /** true: `prices` is every item (replace); false: only what changed after `since`. */
  full: z.boolean(),
  prices: z.record(z.string(), LatestPriceSchema),
});
export type LatestPricesResponse = z.infer<typeof LatestPricesResponseSchema>;

export const TimestepSchema = z.enum(TIMESTEPS);

export const BucketSchema = z.object({
  timestamp: z.number().int(),
  avgHighPrice: price,
  avgLowPrice: price,
  highPriceVolume: z.number().int(),
  lowPriceVolume: z.number().int(),
});
export type Bucket = z.infer<typeof BucketSchema>;

export const HistoryResponseSchema = z.object({
  itemId: z.number().int(),
  timestep: TimestepSchema,
  buckets: z.array(BucketSchema),
});
export type HistoryResponse = z.infer<typeof HistoryResponseSchema>;

export const JobStateSchema = z.object({
  lastSuccess: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.number().int().nullable(),
});
export type JobState = z.infer<typeof JobStateSchema>;

export const HealthResponseSchema = z.object({
  /** `degraded` when the last latest-sync failed or is older than three intervals. */
  status: z.enum(['ok', 'degraded']),
  demo: z.boolean(),
  /** The server's STALE_AFTER in seconds: a leg that has not traded for longer is marked stale. */
  staleAfterSeconds: z.number().int().positive(),
  epoch: z.string(),
  seq: z.number().int(),
  clients: z.number().int(),
  upstream: z.object({
    lastSuccess: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.number().int().nullable(),
    jobs: z.record(z.string(), JobStateSchema),
  }),
  /** Web Push for price alerts: off, saying why, until VAPID_SUBJECT is set. */
  push: z.object({ enabled: z.boolean(), reason: z.string().nullable() }).optional(),
  /** Why the status is `degraded`, when it is (cluster mode). */
  reasons: z.array(z.string()).optional(),
  /** Cluster mode only (REDIS_URL): this instance's part. */
  cluster: z.object({
    instance: z.string(),
    role: z.enum(['leader', 'follower']),
    term: z.number().int(),
    /** `<instance>:<term>` of the leader last seen. */
    leader: z.string().nullable(),
    redis: z.enum(['up', 'down']),
    database: z.enum(['up', 'down']),
    /** How many seqs this instance's stream is behind the newest the leader announced. */
    lag: z.number().int(),
    /** Whether the live log answers (a blocked read or an entry within the last few seconds). */
    receiving: z.boolean(),
  }).optional(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
