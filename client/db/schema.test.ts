import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, openGeDb } from './schema';
import { listWatchlist, setWatched } from './watchlist';
import { storeHistory, listHistory } from './points';
import { uniqueDbName } from './test-db';

describe('device database upgrades', () => {
  it('keeps every starred item when a database from the first version is upgraded', async () => {
    const name = uniqueDbName();
    const old = await openGeDb({ name, version: 1 });
    expect(old.objectStoreNames.contains('points')).toBe(false);
    await setWatched(old, 4151, true, 1);
    await setWatched(old, 11832, true, 2);
    old.close();

    const db = await openGeDb({ name });
    expect(db.version).toBe(DB_VERSION);
    expect(await listWatchlist(db)).toEqual([4151, 11832]);
    await storeHistory(db, 4151, '1h', [{ timestamp: 3600, avgHighPrice: 10, avgLowPrice: 9, highPriceVolume: 1, lowPriceVolume: 2 }], { full: true, at: 0 });
    expect(await listHistory(db, 4151, '1h')).toHaveLength(1);
    db.close();
  });

  it('adds the 1h averages store to a database of the journal version, keeping the trades and the stars', async () => {
    const name = uniqueDbName();
    const old = await openGeDb({ name, version: 3 });
    expect(old.objectStoreNames.contains('hourly')).toBe(false);
    await setWatched(old, 4151, true, 1);
    await old.put('journal', { id: 't1', itemId: 4151 });
    old.close();

    const db = await openGeDb({ name });
    expect(db.objectStoreNames.contains('hourly')).toBe(true);
    expect(await listWatchlist(db)).toEqual([4151]);
    expect(await db.get('journal', 't1')).toEqual({ id: 't1', itemId: 4151 });
    db.close();
  });

  it('lets an older open connection go so a newer version can open', async () => {
    const name = uniqueDbName();
    let told = false;
    const old = await openGeDb({ name, version: 1, onVersionChange: () => (told = true) });
    await setWatched(old, 2, true, 1);
    const db = await openGeDb({ name });
    expect(told).toBe(true);
    expect(await listWatchlist(db)).toEqual([2]);
    db.close();
  });
});
