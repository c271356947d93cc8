import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../tests/helpers/seeded-random';
import { applyCompactItem, decodeCompactBatch, encodeCompactBatch, fullLegs, type CompactBatch, type CompactItem, type Leg } from './compact-prices';
import { MAX_ITEM_ID } from './item-id';

const MAX_PRICE = 2 ** 31 - 1;

function randomLeg(random: Random, base: number): Leg | undefined {
  const roll = random.next();
  if (roll < 0.3) return undefined;
  if (roll < 0.4) return { price: null, time: null };
  if (roll < 0.45) return { price: random.int(1, MAX_PRICE), time: null };
  if (roll < 0.5) return { price: null, time: base - random.int(-100, 10_000_000) };
  const price = random.chance(0.1) ? MAX_PRICE - random.int(0, 5) : random.int(1, MAX_PRICE);
  return { price, time: base - random.int(-100, 10_000_000) };
}

function randomBatch(random: Random): CompactBatch {
  const base = random.int(0, 2 ** 32);
  const count = random.int(0, 300);
  const ids = new Set<number>();
  while (ids.size < count) ids.add(random.chance(0.05) ? MAX_ITEM_ID - random.int(0, 50) : random.int(1, 40_000));
  const items: CompactItem[] = [];
  for (const itemId of [...ids].sort((a, b) => a - b)) {
    let high = randomLeg(random, base);
    const low = randomLeg(random, base);
    // An item in a batch changed at least one leg.
    if (high === undefined && low === undefined) high = { price: null, time: null };
    items.push({ itemId, ...(high ? { high } : {}), ...(low ? { low } : {}) });
  }
  return { base, items };
}

describe('the compact price format', () => {
  it('decodes every random batch to exactly what was encoded (missing legs, nulls, big ids and prices)', () => {
    const random = createRandom(20261202);
    for (let run = 0; run < 500; run += 1) {
      const batch = randomBatch(random);
      const text = encodeCompactBatch(batch);
      expect(decodeCompactBatch(text)).toEqual(batch);
      expect(decodeCompactBatch(JSON.parse(text))).toEqual(batch);
    }
  });

  it('keeps "unchanged" apart from "became null" when laid over a held price', () => {
    const held = { high: 100, highTime: 1_000, low: 90, lowTime: 990 };
    const [unchangedHigh, nulledHigh] = decodeCompactBatch(encodeCompactBatch({
      base: 2_000,
      items: [{ itemId: 2, low: { price: 95, time: 1_990 } }, { itemId: 3, high: { price: null, time: null } }],
    }))?.items ?? [];
    expect(applyCompactItem(held, unchangedHigh as CompactItem)).toEqual({ high: 100, highTime: 1_000, low: 95, lowTime: 1_990 });
    expect(applyCompactItem(held, nulledHigh as CompactItem)).toEqual({ high: null, highTime: null, low: 90, lowTime: 990 });
  });

  it('writes no keys and one base time: ids as ascending gaps, times relative to the base', () => {
    const text = encodeCompactBatch({ base: 1_748_240_000, items: [fullLegs(2, { high: 197, highTime: 1_748_239_990, low: 187, lowTime: null }), { itemId: 6, low: { price: 5, time: 1_748_239_999 } }] });
    expect(text).toBe('[1748240000,22,197,10,187,null,39,5,1]');
  });

  it('an empty batch is just its base time', () => {
    expect(encodeCompactBatch({ base: 5, items: [] })).toBe('[5]');
    expect(decodeCompactBatch('[5]')).toEqual({ base: 5, items: [] });
  });

  it('refuses ids that do not ascend rather than send a batch that decodes to other items', () => {
    expect(() => encodeCompactBatch({ base: 0, items: [fullLegs(5, { high: 1, highTime: 1, low: 1, lowTime: 1 }), fullLegs(5, { high: 1, highTime: 1, low: 1, lowTime: 1 })] })).toThrow(RangeError);
  });

  it.each([
    ['not JSON', '[1,'],
    ['not an array', '{"base":1}'],
    ['no base', '[]'],
    ['a fractional base', '[1.5]'],
    ['a head that moves no id', '[1,1]'],
    ['an item with no changed leg', '[1,9]'],
    ['a given leg cut short', '[1,10,5]'],
    ['a price that is text', '[1,10,"5",1]'],
    ['an id past the largest item id', `[1,${(MAX_ITEM_ID + 1) * 9 + 2}]`],
  ])('drops a batch with %s instead of guessing', (_name, text) => {
    expect(decodeCompactBatch(text)).toBeNull();
  });
});
