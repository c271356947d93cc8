import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { claimLimitResets } from './limit-shown';
import { DB_VERSION, openGeDb } from './schema';
import { uniqueDbName } from './test-db';

describe('buy-limit resets told on the device', () => {
  it('adds its store to a database of the alerts version, keeping the alerts and the trades', async () => {
    const name = uniqueDbName();
    const old = await openGeDb({ name, version: 5 });
    expect(old.objectStoreNames.contains('limitShown')).toBe(false);
    await old.put('alerts', { id: 'a1', itemId: 4151 });
    await old.put('journal', { id: 't1', itemId: 4151 });
    old.close();

    const db = await openGeDb({ name });
    expect(db.version).toBe(DB_VERSION);
    expect(await db.get('alerts', 'a1')).toEqual({ id: 'a1', itemId: 4151 });
    expect(await db.get('journal', 't1')).toEqual({ id: 't1', itemId: 4151 });
    expect(await claimLimitResets(db, [{ itemId: 4151, at: 1000 }], 1000)).toEqual([{ itemId: 4151, at: 1000 }]);
    db.close();
  });

  it('hands each reset out once, to whichever asks first', async () => {
    const db = await openGeDb({ name: uniqueDbName() });
    const [page, worker] = await Promise.all([
      claimLimitResets(db, [{ itemId: 4151, at: 1000 }, { itemId: 2, at: 1000 }], 1000),
      claimLimitResets(db, [{ itemId: 4151, at: 1000 }], 1000),
    ]);
    expect([...page, ...worker]).toEqual([{ itemId: 4151, at: 1000 }, { itemId: 2, at: 1000 }]);
    // The next window of the same item is another reset.
    expect(await claimLimitResets(db, [{ itemId: 4151, at: 1000 }, { itemId: 4151, at: 20_000 }], 20_000)).toEqual([{ itemId: 4151, at: 20_000 }]);
    db.close();
  });
});
