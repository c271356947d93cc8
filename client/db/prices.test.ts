import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyPrices, getPrice, listPrices, replacePrices } from './prices';
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
