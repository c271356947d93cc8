// Latest prices as a Solid store keyed by item id. A cell that reads `prices[id]` re-renders when
// that one item changes, and no other cell does: the seam the live stream writes through.
import { createSignal, type Accessor } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import type { PriceRecord } from '../db/records';

export type PriceMap = Readonly<Record<number, PriceRecord | undefined>>;

export interface PriceStore {
  prices: PriceMap;
  /** Bumps on every change: what a whole-table computation depends on instead of 4,500 keys. */
  version: Accessor<number>;
  /** The current prices without tracking each key (read it inside something that tracks `version`). */
  snapshot(): PriceMap;
  /** Shows records already known to be newer than what is on screen (applyPrices' result). */
  show(records: readonly PriceRecord[]): void;
  /** Replaces everything: items missing from `records` lose their price. */
  replace(records: readonly PriceRecord[]): void;
}

function byId(records: readonly PriceRecord[]): Record<number, PriceRecord> {
  const map: Record<number, PriceRecord> = {};
  for (const record of records) map[record.itemId] = record;
  return map;
}

export function createPriceStore(): PriceStore {
  const [prices, setPrices] = createStore<Record<number, PriceRecord | undefined>>({});
  const [version, setVersion] = createSignal(0);
  return {
    prices,
    version,
    snapshot: () => unwrap(prices),
    show(records) {
      if (records.length === 0) return;
      setPrices(byId(records));
      setVersion((v) => v + 1);
    },
    replace(records) {
      setPrices(reconcile(byId(records)));
      setVersion((v) => v + 1);
    },
  };
}
