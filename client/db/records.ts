// What each IndexedDB store holds. Reads parse with these schemas: a row written by an older
// version of the app, or damaged, is skipped rather than trusted.
import { z } from 'zod';
import { BucketSchema, ItemRowSchema, LatestPriceSchema, TimestepSchema } from '../../shared/protocol/api';

/** An item's catalogue entry: the REST row without its prices and derived figures. */
export const CatalogueItemSchema = ItemRowSchema.pick({
  id: true,
  name: true,
  examine: true,
  members: true,
  icon: true,
  limit: true,
  value: true,
  lowalch: true,
  highalch: true,
  volume1h: true,
  volume24h: true,
});
export type CatalogueItem = z.infer<typeof CatalogueItemSchema>;

/** One item's latest instant-buy (high) and instant-sell (low) legs and the seq of their last change. */
export const PriceRecordSchema = LatestPriceSchema.extend({ itemId: z.number().int() });
export type PriceRecord = z.infer<typeof PriceRecordSchema>;

export const PointRecordSchema = BucketSchema.extend({ itemId: z.number().int(), timestep: TimestepSchema });
export type PointRecord = z.infer<typeof PointRecordSchema>;

export const WatchEntrySchema = z.object({ itemId: z.number().int(), addedAt: z.number() });
export type WatchEntry = z.infer<typeof WatchEntrySchema>;

/** Parses each row, dropping the ones that do not fit. */
export function parseRows<T>(schema: z.ZodType<T>, rows: readonly unknown[]): T[] {
  const parsed: T[] = [];
  for (const row of rows) {
    const result = schema.safeParse(row);
    if (result.success) parsed.push(result.data);
  }
  return parsed;
}
