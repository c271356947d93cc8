// GET /api/v1/prices/hourly: every item's figures from the newest stored 1h window, the averages
// the device compares the latest legs with (shared/domain/market-flags.ts). Compact on purpose:
// one small tuple per item, so thousands of items stay a few dozen kilobytes.
import { z } from 'zod';

const price = z.number().int().nullable();
const volume = z.number().int().min(0);

/** [avgHighPrice, avgLowPrice, highPriceVolume, lowPriceVolume] of one item's bucket. */
export const HourlyEntrySchema = z.tuple([price, price, volume, volume]);
export type HourlyEntry = z.infer<typeof HourlyEntrySchema>;

export const HourlyResponseSchema = z.object({
  timestep: z.literal('1h'),
  /** Start of the window (unix seconds); null while the store holds none. */
  timestamp: z.number().int().nullable(),
  /** Item id -> its bucket in that window; an item that did not trade then is absent. */
  items: z.record(z.string().regex(/^\d+$/), HourlyEntrySchema),
});
export type HourlyResponse = z.infer<typeof HourlyResponseSchema>;
