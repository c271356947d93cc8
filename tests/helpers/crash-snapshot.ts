import type { ItemLegs } from '../../server/store/price-diff';

/** A /latest of `count` items; every item's prices differ between versions. */
export function crashSnapshot(count: number, version: number): ItemLegs[] {
  return Array.from({ length: count }, (_, i) => ({
    itemId: i + 1,
    high: 1000 * version + i,
    highTime: 1748242800 + version,
    low: 900 * version + i,
    lowTime: 1748242800 + version,
  }));
}
