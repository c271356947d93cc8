import { beforeEach, expect, it } from 'vitest';
import { describeEachEngine, useStore } from '../../tests/helpers/store-engines';
import { ensureStreamState, readStreamState } from './stream-state';
import { ingestLatest } from './price-writes';
import { claimTerm, FencedWriteError, readTerm } from './leader-term';
import { readLatestPrices } from './latest-query';

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
