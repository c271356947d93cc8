// What a client of the compact format holds: every `p1` event laid over its prices, as the PWA
// does (shared/protocol/compact-prices.ts), so a test can compare it with the server's state.
import type { PriceLegs } from '../../shared/domain/price-legs';
import { parseEventId } from '../../shared/domain/event-id';
import type { LatestPricesResponse } from '../../shared/protocol/api';
import { applyCompactItem, decodeCompactBatch } from '../../shared/protocol/compact-prices';
import type { SseMessage } from './sse-parse';

export interface CompactView {
  prices: Map<number, PriceLegs>;
  cursor: string | undefined;
  /** p1 events that did not decode. */
  garbage: number;
}

export function createCompactView(): CompactView {
  return { prices: new Map(), cursor: undefined, garbage: 0 };
}

export function applyCompactEvent(view: CompactView, event: SseMessage): void {
  if (event.event !== 'p1') return;
  const batch = decodeCompactBatch(event.data);
  if (batch === null || parseEventId(event.id) === null) {
    view.garbage += 1;
    return;
  }
  for (const item of batch.items) view.prices.set(item.itemId, applyCompactItem(view.prices.get(item.itemId), item));
  view.cursor = event.id;
}

/** The JSON /prices/latest answer's prices, without their seqs, to compare with a view. */
export function legsOf(answer: LatestPricesResponse): Map<number, PriceLegs> {
  return new Map(Object.entries(answer.prices).map(([id, { high, highTime, low, lowTime }]) => [Number(id), { high, highTime, low, lowTime }]));
}
