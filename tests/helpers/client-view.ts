// What a client holds after applying stream events the way the PWA must: per item, only a seq
// newer than the one it has. It also counts what must never happen: an update delivered twice,
// or an older state arriving after a newer one.
import {
  PriceBatchEventSchema, PriceUpdateSchema, type PriceUpdate,
} from '../../shared/protocol/events';
import type { SseMessage } from './sse-parse';

export interface ClientView {
  prices: Map<number, PriceUpdate>;
  /** The id of the last event that carried one. */
  cursor: string | undefined;
  duplicates: number;
  regressions: number;
  resyncs: number;
}

export function createClientView(): ClientView {
  return { prices: new Map(), cursor: undefined, duplicates: 0, regressions: 0, resyncs: 0 };
}

export function updatesOf(message: SseMessage): PriceUpdate[] {
  if (message.event === 'price-update') return [PriceUpdateSchema.parse(JSON.parse(message.data))];
  if (message.event === 'price-batch') return PriceBatchEventSchema.parse(JSON.parse(message.data)).updates;
  return [];
}

export function applyToView(view: ClientView, message: SseMessage): void {
  if (message.event === 'resync') view.resyncs += 1;
  for (const update of updatesOf(message)) {
    const held = view.prices.get(update.item_id);
    if (held !== undefined && held.seq === update.seq) view.duplicates += 1;
    else if (held !== undefined && held.seq > update.seq) view.regressions += 1;
    else view.prices.set(update.item_id, update);
  }
  if (message.id !== undefined) view.cursor = message.id;
}
