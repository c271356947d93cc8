import { describe, expect, it } from 'vitest';
import type { CommittedChanges } from '../change-feed';
import { createPriceIndex, type IndexedPrice } from './price-index';

const price = (itemId: number, seq: number): IndexedPrice => ({
  itemId, high: 100 + seq, highTime: 1, low: 90 + seq, lowTime: 1, seq, changedAt: 1000,
});
const commit = (epoch: string, seqs: Array<[number, number]>, seq = Math.max(...seqs.map(([, s]) => s))): CommittedChanges => ({
  epoch, seq, committedAt: 2000, changes: seqs.map(([itemId, s]) => price(itemId, s)),
});

function indexAt(seq: number) {
  return createPriceIndex({ cursor: { epoch: 'e', seq }, prices: [price(1, 1), price(2, 2), price(3, 3)] });
}

describe('the price index', () => {
  it('applies a commit that takes the next seqs and moves its cursor', () => {
    const index = indexAt(3);
    expect(index.apply(commit('e', [[2, 4], [5, 5]]))).toBe('applied');
    expect(index.cursor()).toEqual({ epoch: 'e', seq: 5 });
    expect(index.changedSince(3, null).map((p) => p.itemId).sort()).toEqual([2, 5]);
    expect(index.has(5)).toBe(true);
  });

  it('reports a gap when a seq was skipped or the epoch changed', () => {
    expect(indexAt(3).apply(commit('e', [[1, 5]]))).toBe('gap');
    expect(indexAt(3).apply(commit('other', [[1, 4]]))).toBe('gap');
    expect(indexAt(3).apply(commit('e', [], 4))).toBe('gap');
  });

  it('ignores a commit it already holds', () => {
    const index = indexAt(3);
    expect(index.apply(commit('e', [[3, 3]]))).toBe('stale');
    expect(index.apply(commit('e', [[1, 1]]))).toBe('stale');
    expect(index.cursor().seq).toBe(3);
  });

  it('accepts a sync that changed nothing as long as the seq did not move', () => {
    expect(indexAt(3).apply(commit('e', [], 3))).toBe('applied');
  });

  it('answers catch-up within a filter, newer than since only', () => {
    const index = indexAt(3);
    expect(index.changedSince(1, new Set([1, 3, 99])).map((p) => p.itemId)).toEqual([3]);
    expect(index.changedSince(0, null)).toHaveLength(3);
    expect(index.changedSince(3, null)).toEqual([]);
  });
});
