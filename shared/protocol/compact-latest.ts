// GET /api/v1/prices/latest?format=p1: the same answer as the JSON one, its prices in the compact
// format of ./compact-prices.ts (both legs of every item: a snapshot or delta continues nothing on
// the device). Every item takes the answer's seq: its state is its latest as of that seq at least,
// and any later change to it gets a higher one, so the device's "newer seq wins" still holds.
import { z } from 'zod';
import type { PriceLegs } from '../domain/price-legs';
import type { Cursor } from '../domain/event-id';
import type { LatestPrice, LatestPricesResponse } from './api';
import { applyCompactItem, decodeCompactBatch, encodeCompactBatch, fullLegs } from './compact-prices';

/**
 * The answer as JSON text; `prices` ascending by item id. Its base is the newest leg time in it, so
 * times are small and the answer does not depend on the server's clock.
 */
export function encodeCompactLatest(cursor: Cursor, full: boolean, prices: ReadonlyArray<PriceLegs & { itemId: number }>): string {
  let base = 0;
  for (const p of prices) base = Math.max(base, p.highTime ?? 0, p.lowTime ?? 0);
  const p1 = encodeCompactBatch({ base, items: prices.map((p) => fullLegs(p.itemId, p)) });
  return `{"epoch":${JSON.stringify(cursor.epoch)},"seq":${cursor.seq},"full":${full},"p1":${p1}}`;
}

/** Parses a compact answer into the JSON answer's shape. */
export const CompactLatestResponseSchema = z
  .object({ epoch: z.string(), seq: z.number().int(), full: z.boolean(), p1: z.array(z.number().int().nullable()) })
  .transform((answer, ctx): LatestPricesResponse => {
    const batch = decodeCompactBatch(answer.p1);
    if (batch === null) {
      ctx.addIssue({ code: 'custom', message: 'p1 is not a compact price batch' });
      return z.NEVER;
    }
    const prices: Record<string, LatestPrice> = {};
    for (const item of batch.items) prices[item.itemId] = { ...applyCompactItem(undefined, item), seq: answer.seq };
    return { epoch: answer.epoch, seq: answer.seq, full: answer.full, prices };
  });
