// zod schemas for the wiki's JSON. They describe what the API really sends (upstream-api.md):
// nullable legs, optional mapping fields, keys in any order, empty buckets omitted. Unknown extra
// fields are ignored so an additive upstream change does not stop the sync.
import { z } from 'zod';
import { MAX_ITEM_ID } from '../../shared/protocol/item-id';

/** Item ids and coin amounts are 32-bit signed ints in the game: nothing larger can be real. */
export const MAX_GP = 2_147_483_647;

/** An item id as a JSON key: decimal digits only (the /latest screen's quick check shares it). */
export const ITEM_ID_KEY_PATTERN = /^\d{1,10}$/;

const itemIdKey = z
  .string()
  .regex(ITEM_ID_KEY_PATTERN, 'item ids are decimal strings')
  .refine((key) => Number(key) <= MAX_ITEM_ID, 'item id out of range');
const gp = z.number().int().nonnegative().max(MAX_GP);
const unixSeconds = z.number().int().nonnegative();
const volume = z.number().int().nonnegative();

export const MappingItemSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  examine: z.string(),
  members: z.boolean(),
  icon: z.string(),
  limit: gp.optional(),
  value: gp.optional(),
  lowalch: gp.optional(),
  highalch: gp.optional(),
});
export type MappingItem = z.infer<typeof MappingItemSchema>;

export const MappingResponseSchema = z.array(MappingItemSchema);
export type MappingResponse = z.infer<typeof MappingResponseSchema>;

/** A leg is null when that side has never traded. */
export const LatestEntrySchema = z.object({
  high: gp.nullable(),
  highTime: unixSeconds.nullable(),
  low: gp.nullable(),
  lowTime: unixSeconds.nullable(),
});
export type LatestEntry = z.infer<typeof LatestEntrySchema>;

export const LatestResponseSchema = z.object({ data: z.record(itemIdKey, LatestEntrySchema) });
export type LatestResponse = z.infer<typeof LatestResponseSchema>;

/**
 * /latest as the client first takes it: each entry is then screened on its own (latest-screen).
 * `data` must be a JSON object; it is not copied, as a record schema would copy its 4,000 keys
 * only to find them strings, which JSON keys always are.
 */
export const LatestEnvelopeSchema = z.object({
  data: z.custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    'expected an object of entries keyed by item id',
  ),
});

export { itemIdKey as ItemIdKeySchema };

/** The average of a side is null exactly when nothing traded on that side. */
export const AveragePriceEntrySchema = z.object({
  avgHighPrice: gp.nullable(),
  highPriceVolume: volume,
  avgLowPrice: gp.nullable(),
  lowPriceVolume: volume,
});
export type AveragePriceEntry = z.infer<typeof AveragePriceEntrySchema>;

/** /5m, /1h (and the undocumented /24h): `timestamp` is the start of the window. */
export const WindowResponseSchema = z.object({
  data: z.record(itemIdKey, AveragePriceEntrySchema),
  timestamp: unixSeconds,
});
export type WindowResponse = z.infer<typeof WindowResponseSchema>;

export const TimeseriesPointSchema = z.object({
  timestamp: unixSeconds,
  avgHighPrice: gp.nullable(),
  avgLowPrice: gp.nullable(),
  highPriceVolume: volume,
  lowPriceVolume: volume,
});
export type TimeseriesPoint = z.infer<typeof TimeseriesPointSchema>;

/** Points one /timeseries answer holds today (what the demo market serves). */
export const TIMESERIES_POINTS = 365;
/** What older answers held: a coverage rule counts on this lower figure. */
export const TIMESERIES_POINTS_ASSURED = 300;

/** Up to TIMESERIES_POINTS, ascending; buckets with no trades are omitted. */
export const TimeseriesResponseSchema = z.object({
  data: z.array(TimeseriesPointSchema),
  itemId: z.number().int().positive(),
});
export type TimeseriesResponse = z.infer<typeof TimeseriesResponseSchema>;

/** /volumes (undocumented): daily volume per item; `timestamp` is a generation time. */
export const VolumesResponseSchema = z.object({
  timestamp: unixSeconds,
  data: z.record(itemIdKey, volume),
});
export type VolumesResponse = z.infer<typeof VolumesResponseSchema>;
