import { describe, expect, it } from 'vitest';
import type { PriceLegs } from '../../shared/domain/price-legs';
import { diffLatest } from './price-diff';

const whip: PriceLegs = { high: 1716616, highTime: 1748242859, low: 1700000, lowTime: 1748242891 };

describe('diffLatest', () => {
  it('reports nothing when the snapshot equals what is stored', () => {
    expect(diffLatest(new Map([[4151, whip]]), [{ itemId: 4151, ...whip }])).toEqual([]);
  });

  it('counts a new trade time at the same price as a change', () => {
    const changed = diffLatest(new Map([[4151, whip]]), [{ itemId: 4151, ...whip, lowTime: whip.lowTime! + 30 }]);
    expect(changed).toHaveLength(1);
  });

  it('counts a leg that becomes null, and an item never seen before, as changes', () => {
    const changed = diffLatest(new Map([[4151, whip]]), [
      { itemId: 4151, ...whip, low: null, lowTime: null },
      { itemId: 2, high: 193, highTime: 1748242917, low: 188, lowTime: 1748242930 },
    ]);
    expect(changed.map((c) => c.itemId)).toEqual([2, 4151]);
  });

  it('keeps items missing from the snapshot out of the changes', () => {
    expect(diffLatest(new Map([[4151, whip], [2, whip]]), [{ itemId: 2, ...whip }])).toEqual([]);
  });

  it('counts an id the snapshot names twice once, as its last entry', () => {
    const changed = diffLatest(new Map(), [
      { itemId: 2, high: 193, highTime: 1748242917, low: 188, lowTime: 1748242930 },
      { itemId: 2, high: 194, highTime: 1748242977, low: 188, lowTime: 1748242930 },
    ]);
    expect(changed).toEqual([{ itemId: 2, high: 194, highTime: 1748242977, low: 188, lowTime: 1748242930 }]);
  });
});
