// Which items of a /latest snapshot changed since what the store holds. Pure, so the rules are
// unit-tested on their own: a change is any leg (price or time) that differs; an item never seen
// before is a change; an item missing from the snapshot is not (the store keeps its last state).
import type { PriceLegs } from '../../shared/domain/price-legs';

export interface ItemLegs extends PriceLegs {
  itemId: number;
}

export function sameLegs(a: PriceLegs, b: PriceLegs): boolean {
  return a.high === b.high && a.highTime === b.highTime && a.low === b.low && a.lowTime === b.lowTime;
}

/**
 * The snapshot's items whose legs differ from `stored`, in ascending id order (so seqs are
 * reproducible), each id at most once: an id given twice (keys "2" and "02") counts as its last
 * entry, so one change takes one seq and no upsert meets the same key twice.
 */
export function diffLatest(stored: ReadonlyMap<number, PriceLegs>, snapshot: Iterable<ItemLegs>): ItemLegs[] {
  const last = new Map<number, ItemLegs>();
  for (const entry of snapshot) last.set(entry.itemId, entry);
  const changed: ItemLegs[] = [];
  for (const entry of last.values()) {
    const before = stored.get(entry.itemId);
    if (before === undefined || !sameLegs(before, entry)) changed.push(entry);
  }
  return changed.sort((a, b) => a.itemId - b.itemId);
}
