import { beforeEach, expect, it } from 'vitest';
import { describeEachEngine, useStore } from '../../tests/helpers/store-engines';
import { ensureStreamState, readStreamState } from './stream-state';
import { ingestLatest } from './price-writes';
import { claimTerm, FencedWriteError, readTerm } from './leader-term';
import { readLatestPrices } from './latest-query';
import { ingestWindow, listSyncedWindows } from './windows-repo';
import { upsertMapping } from './items-repo';

const legs = (itemId: number, high: number) => ({ itemId, high, highTime: 1748242800, low: high - 5, lowTime: 1748242800 });

describeEachEngine('the leader-term fence', (engine) => {
  const store = useStore(engine);
  beforeEach(() => ensureStreamState(store.db));

  it('refuses a price write from a term older than the newest the store has seen, writing nothing', async () => {
    await ingestLatest(store.db, [legs(2, 193)], { term: 3 });
    expect(await readTerm(store.db)).toBe(3);
    expect(await claimTerm(store.db, 4)).toBe(true);
    await expect(ingestLatest(store.db, [legs(2, 999), legs(561, 115)], { term: 3 })).rejects.toBeInstanceOf(FencedWriteError);
    expect((await readStreamState(store.db)).seq).toBe(1);
    expect((await readLatestPrices(store.db)).map((p) => [p.itemId, p.high])).toEqual([[2, 193]]);
    const next = await ingestLatest(store.db, [legs(2, 999)], { term: 4 });
    expect(next.seq).toBe(2);
  });

  it('refuses a history window from an older term: no buckets, no rollups, the window still to be written', async () => {
    const hour = 1748217600;
    const bucket = { itemId: 2, timestamp: hour, avgHigh: 193, avgLow: 188, highVolume: 10, lowVolume: 20 };
    expect(await ingestWindow(store.db, '1h', hour - 3600, [{ ...bucket, timestamp: hour - 3600 }], 1, 3)).toBe('written');
    expect(await claimTerm(store.db, 4)).toBe(true);
    await expect(ingestWindow(store.db, '1h', hour, [bucket], 2, 3)).rejects.toBeInstanceOf(FencedWriteError);
    const stored = await store.db.selectFrom('price_buckets').select(['timestep', 'timestamp']).where('timestamp', '>=', hour).execute();
    expect(stored).toEqual([]);
    expect(await listSyncedWindows(store.db, '1h', 0)).toEqual([hour - 3600]);
    // The successor writes the same window.
    expect(await ingestWindow(store.db, '1h', hour, [bucket], 3, 4)).toBe('written');
    expect(await readTerm(store.db)).toBe(4);
  });

  it('refuses a catalogue from an older term, keeping the catalogue the newer leader wrote', async () => {
    const item = { id: 2, name: 'Cannonball', examine: 'Ammo for the Dwarf Cannon.', members: true, icon: 'Cannonball.png' };
    await upsertMapping(store.db, [item], 1, 4);
    await expect(upsertMapping(store.db, [{ ...item, name: 'Renamed by a deposed leader' }, { ...item, id: 561, name: 'Nature rune' }], 2, 3))
      .rejects.toBeInstanceOf(FencedWriteError);
    const items = await store.db.selectFrom('items').select(['id', 'name', 'updated_at']).execute();
    expect(items).toEqual([{ id: 2, name: 'Cannonball', updated_at: 1 }]);
  });

  it('lets a claim raise the term but never lower it', async () => {
    expect(await claimTerm(store.db, 7)).toBe(true);
    expect(await claimTerm(store.db, 7)).toBe(true);
    expect(await claimTerm(store.db, 6)).toBe(false);
    expect(await readTerm(store.db)).toBe(7);
  });

  it('leaves an unfenced write (one process) alone whatever the term', async () => {
    await claimTerm(store.db, 9);
    expect((await ingestLatest(store.db, [legs(2, 193)])).seq).toBe(1);
  });
});
