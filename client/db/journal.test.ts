import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Trade } from '../../shared/domain/journal-trade';
import { addTrades, deleteTrade, listTrades, putTrade } from './journal';
import { openGeDb } from './schema';
import { openTestDb, uniqueDbName } from './test-db';
import { listWatchlist, setWatched } from './watchlist';

const buy: Trade = { id: 'a', itemId: 4151, side: 'buy', quantity: 2, price: 1_500_000, time: 1_750_000_000, account: null, source: 'manual' };

describe('the journal on the device', () => {
  it('keeps the watchlist when a database from before the journal is upgraded', async () => {
    const name = uniqueDbName();
    const old = await openGeDb({ name, version: 2 });
    await setWatched(old, 4151, true, 1);
    old.close();
    const db = await openGeDb({ name });
    expect(await listWatchlist(db)).toEqual([4151]);
    await putTrade(db, buy);
    expect(await listTrades(db)).toEqual([buy]);
    db.close();
  });

  it('edits and deletes an entry', async () => {
    const db = await openTestDb();
    await putTrade(db, buy);
    await putTrade(db, { ...buy, quantity: 3 });
    expect((await listTrades(db)).map((trade) => trade.quantity)).toEqual([3]);
    await deleteTrade(db, 'a');
    expect(await listTrades(db)).toEqual([]);
  });

  it('adds a batch once: the same trades again add nothing', async () => {
    const db = await openTestDb();
    const batch = [buy, { ...buy, id: 'b', side: 'sell' as const, time: buy.time + 60 }];
    expect(await addTrades(db, batch)).toBe(2);
    expect(await addTrades(db, batch.map((trade) => ({ ...trade, id: `${trade.id}2` })))).toBe(0);
    expect(await listTrades(db)).toHaveLength(2);
  });

  it('writes nothing of a batch that fails part way', async () => {
    const db = await openTestDb();
    await putTrade(db, buy);
    // Same id as a stored trade but a different key: the add fails and takes the batch with it.
    const batch = [{ ...buy, id: 'new', time: 1 }, { ...buy, time: 2 }];
    await expect(addTrades(db, batch)).rejects.toThrow();
    expect(await listTrades(db)).toEqual([buy]);
  });
});
