import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyCompactBatch, applyPrices, getPrice, listPrices, replacePrices } from './prices';
import type { CompactItem } from '../../shared/protocol/compact-prices';
import { readMeta } from './meta';
import type { PriceRecord } from './records';
import { openTestDb } from './test-db';

function price(itemId: number, seq: number, high: number | null): PriceRecord {
  return { itemId, high, highTime: 1_700_000_000, low: high === null ? null : high - 10, lowTime: 1_700_000_000, seq };
}

describe('latest prices on the device', () => {
  it('ignores a change whose seq is not newer than the stored one', async () => {
    const db = await openTestDb();
    await applyPrices(db, [price(4151, 10, 1_700_000)], { epoch: 'e1', seq: 10 });
    const applied = await applyPrices(db, [price(4151, 9, 1_500_000), price(4151, 10, 1_600_000)], { epoch: 'e1', seq: 9 });
    expect(applied).toEqual([]);
    expect((await getPrice(db, 4151))?.high).toBe(1_700_000);
    expect(await readMeta(db, 'cursor')).toEqual({ epoch: 'e1', seq: 10 });
    db.close();
  });

  it('applies a re-delivered batch once and reports only the changes that were new', async () => {
    const db = await openTestDb();
    const batch = [price(2, 5, 200), price(4151, 6, 1_700_000)];
    expect(await applyPrices(db, batch, { epoch: 'e1', seq: 6 })).toHaveLength(2);
    const again = await applyPrices(db, [...batch, price(2, 7, 210)], { epoch: 'e1', seq: 7 });
    expect(again).toEqual([price(2, 7, 210)]);
    expect((await listPrices(db)).map((p) => [p.itemId, p.high])).toEqual([[2, 210], [4151, 1_700_000]]);
    expect(await readMeta(db, 'cursor')).toEqual({ epoch: 'e1', seq: 7 });
    db.close();
  });

  it('keeps the newest of two changes to one item inside a single batch', async () => {
    const db = await openTestDb();
    await applyPrices(db, [price(2, 8, 250), price(2, 3, 100)]);
    expect((await getPrice(db, 2))?.high).toBe(250);
    db.close();
  });

  it('drops items a full snapshot of a new epoch no longer has', async () => {
    const db = await openTestDb();
    await applyPrices(db, [price(2, 50, 200), price(4151, 60, 1_700_000)], { epoch: 'old', seq: 60 });
    await replacePrices(db, [price(2, 1, 190)], { epoch: 'new', seq: 1 });
    expect(await listPrices(db)).toEqual([price(2, 1, 190)]);
    expect(await readMeta(db, 'cursor')).toEqual({ epoch: 'new', seq: 1 });
    db.close();
  });
});

describe('damaged rows on the device', () => {
  it('skips a stored price that does not have the expected shape', async () => {
    const db = await openTestDb();
    await applyPrices(db, [price(2, 1, 100)]);
    await db.put('latest', { itemId: 3, high: '12', highTime: null, low: null, lowTime: null, seq: 1 });
    expect((await listPrices(db)).map((p) => p.itemId)).toEqual([2]);
    expect(await getPrice(db, 3)).toBeUndefined();
    db.close();
  });
});

describe('a sync-sized batch', () => {
  // A sync changes ~1,500 of ~4,000 items, spread over the catalogue: its held records are read in
  // one request over the ids' range. Applied whole or in small pieces (a read per id), it must leave
  // the same prices: newer stored ones kept, unchanged legs of a compact batch from the held record.
  const stored = Array.from({ length: 1200 }, (_, i) => i * 3 + 2);
  const changed = stored.filter((id) => id % 2 === 0).concat([1_000, 1_003]);
  const newer = new Set(changed.filter((id) => id % 10 === 0 && id % 3 === 2));

  async function device() {
    const db = await openTestDb();
    await applyPrices(db, stored.map((id) => price(id, newer.has(id) ? 30 : 5, id * 100)), { epoch: 'e1', seq: 30 });
    await db.put('latest', { itemId: 8, high: 'damaged', highTime: null, low: null, lowTime: null, seq: 1 });
    return db;
  }

  const pieces = <T,>(list: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

  it('applies a price-batch whole as it does in pieces', async () => {
    const batch = [...changed].reverse().map((id) => price(id, 10, id * 100 + 7));
    const [whole, split] = [await device(), await device()];
    const applied = await applyPrices(whole, batch, { epoch: 'e1', seq: 21 });
    for (const piece of pieces(batch, 50)) await applyPrices(split, piece, { epoch: 'e1', seq: 21 });
    expect(applied).toHaveLength(changed.length - newer.size);
    expect(await listPrices(whole)).toEqual(await listPrices(split));
    expect((await getPrice(whole, 8))?.high).toBe(807);
    expect((await getPrice(whole, 20))?.high).toBe(2_000);
    expect((await getPrice(whole, 5))?.high).toBe(500);
    expect((await getPrice(whole, 1_003))?.high).toBe(100_307);
    [whole, split].forEach((db) => db.close());
  });

  it('applies a compact batch whole as it does in pieces, unchanged legs from the held record', async () => {
    const items: CompactItem[] = [...changed].sort((a, b) => a - b).map((id) => (id % 4 === 0 ? { itemId: id, high: { price: id * 100 + 7, time: 1_700_000_100 } } : { itemId: id, low: { price: null, time: null } }));
    const [whole, split] = [await device(), await device()];
    await applyCompactBatch(whole, { base: 1_700_000_200, items }, { epoch: 'e1', seq: 21 });
    for (const piece of pieces(items, 50)) await applyCompactBatch(split, { base: 1_700_000_200, items: piece }, { epoch: 'e1', seq: 21 });
    expect(await listPrices(whole)).toEqual(await listPrices(split));
    expect(await getPrice(whole, 44)).toEqual({ itemId: 44, high: 4_407, highTime: 1_700_000_100, low: 4_390, lowTime: 1_700_000_000, seq: 21 });
    expect(await getPrice(whole, 50)).toEqual(price(50, 30, 5_000));
    expect(await getPrice(whole, 38)).toEqual({ itemId: 38, high: 3_800, highTime: 1_700_000_000, low: null, lowTime: null, seq: 21 });
    [whole, split].forEach((db) => db.close());
  });
});
