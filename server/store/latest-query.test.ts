import { expect, it } from 'vitest';
import { describeEachEngine, useStore } from '../../tests/helpers/store-engines';
import { openDatabase } from './db';
import { readLatestPrices, readLatestSnapshot } from './latest-query';
import { ingestLatest } from './price-writes';
import { ensureStreamState } from './stream-state';

const legs = (itemId: number, high: number, time: number) => ({ itemId, high, highTime: time, low: high - 5, lowTime: time });

describeEachEngine('the latest read side', (engine) => {
  const store = useStore(engine);

  it('reads only the changes after a seq, and a snapshot whose seq is its newest change', async () => {
    await ensureStreamState(store.db);
    await ingestLatest(store.db, [legs(2, 193, 1748242800), legs(4151, 1_716_616, 1748242800)], { now: 1748242810_000 });
    await ingestLatest(store.db, [legs(2, 194, 1748242900), legs(4151, 1_716_616, 1748242800)], { now: 1748242910_000 });
    expect(await readLatestPrices(store.db, 2)).toEqual([{ ...legs(2, 194, 1748242900), seq: 3 }]);
    const snapshot = await readLatestSnapshot(store.db);
    expect(snapshot.state.seq).toBe(3);
    expect(snapshot.prices.map((p) => [p.itemId, p.seq, p.changedAt]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))).toEqual([
      [2, 3, 1748242910],
      [4151, 2, 1748242810],
    ]);
  });

  if (engine.name === 'postgres') {
    it('reads snapshots that each match one commit while another instance keeps ingesting', async () => {
      await ensureStreamState(store.db);
      const other = await openDatabase(store.url);
      try {
        for (let round = 0; round < 20; round += 1) {
          const snapshot = Array.from({ length: 200 }, (_, i) => legs(i + 1, 1000 + round, 1748242800 + round));
          const [, read] = await Promise.all([ingestLatest(other.db, snapshot), readLatestSnapshot(store.db)]);
          expect(read.state.seq).toBe(Math.max(0, ...read.prices.map((p) => p.seq)));
        }
      } finally {
        await other.close();
      }
    });
  }
});

