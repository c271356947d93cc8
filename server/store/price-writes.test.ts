import { beforeEach, expect, it } from 'vitest';
import { describeEachEngine, useStore } from '../../tests/helpers/store-engines';
import { openDatabase } from './db';
import { ensureStreamState, readStreamState } from './stream-state';
import { createLatestWriter, ingestLatest } from './price-writes';
import { claimTerm, FencedWriteError, readTerm } from './leader-term';
import { readLatestPrices } from './latest-query';

const legs = (itemId: number, high: number | null, low: number | null, time = 1748242800) => ({
  itemId, high, highTime: high === null ? null : time, low, lowTime: low === null ? null : time,
});

describeEachEngine('ingestLatest', (engine) => {
  const store = useStore(engine);
  beforeEach(() => ensureStreamState(store.db));

  it('gives every change the next global seq, in item order, and moves the store seq to the last one', async () => {
    const first = await ingestLatest(store.db, [legs(4151, 1716616, 1700000), legs(2, 193, 188), legs(561, 115, 110)]);
    expect(first.changes.map((c) => [c.itemId, c.seq])).toEqual([[2, 1], [561, 2], [4151, 3]]);
    expect(first.seq).toBe(3);
    const second = await ingestLatest(store.db, [legs(4151, 1716700, 1700000, 1748242900), legs(2, 193, 188), legs(561, 115, 110)]);
    expect(second.changes.map((c) => [c.itemId, c.seq])).toEqual([[4151, 4]]);
    expect((await readStreamState(store.db)).seq).toBe(4);
  });

  it('stores each change with its seq so a reader sees prices and seq together', async () => {
    await ingestLatest(store.db, [legs(2, 193, 188)]);
    await ingestLatest(store.db, [legs(2, 194, 188, 1748242900)]);
    const row = await store.db.selectFrom('latest_prices').selectAll().where('item_id', '=', 2).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ high: 194, high_time: 1748242900, low: 188, seq: 2 });
  });

  it('keeps an item that a later snapshot leaves out, with its last prices', async () => {
    await ingestLatest(store.db, [legs(2, 193, 188), legs(4151, 1716616, 1700000)]);
    const committed = await ingestLatest(store.db, [legs(2, 193, 188)]);
    expect(committed.changes).toEqual([]);
    expect(committed.seq).toBe(2);
    const whip = await store.db.selectFrom('latest_prices').select('high').where('item_id', '=', 4151).executeTakeFirst();
    expect(whip?.high).toBe(1716616);
  });

  it('stores a null leg as null, never as a zero price', async () => {
    await ingestLatest(store.db, [legs(2660, 50000, null)]);
    const row = await store.db.selectFrom('latest_prices').selectAll().where('item_id', '=', 2660).executeTakeFirstOrThrow();
    expect(row.low).toBeNull();
    expect(row.low_time).toBeNull();
  });

  it('writes nothing, not even the seq, when the transaction fails before committing', async () => {
    await ingestLatest(store.db, [legs(2, 193, 188)]);
    const failing = ingestLatest(store.db, [legs(2, 200, 190, 1748242999), legs(4151, 1, 1)], {
      beforeCommit: async () => {
        throw new Error('crash before commit');
      },
    });
    await expect(failing).rejects.toThrow('crash before commit');
    expect((await readStreamState(store.db)).seq).toBe(1);
    const rows = await store.db.selectFrom('latest_prices').select(['item_id', 'high']).execute();
    expect(rows).toEqual([{ item_id: 2, high: 193 }]);
  });

  if (engine.name === 'postgres') {
    it('gives two instances ingesting at once distinct seqs, the store seq ending at the last', async () => {
      const other = await openDatabase(store.url);
      try {
        const snapshots = [0, 1, 2, 3].map((n) => Array.from({ length: 300 }, (_, i) => legs(i + 1, 1000 + n, 900 + n, 1748242800 + n)));
        const committed = await Promise.all(snapshots.map((snapshot, n) => ingestLatest(n % 2 ? other.db : store.db, snapshot)));
        const seqs = committed.flatMap((c) => c.changes.map((change) => change.seq)).sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
        expect((await readStreamState(store.db)).seq).toBe(1200);
      } finally {
        await other.close();
      }
    });
  }
});


describeEachEngine('the sync\'s latest writer', (engine) => {
  const store = useStore(engine);
  beforeEach(() => ensureStreamState(store.db));
  const prices = async () => (await readLatestPrices(store.db)).map((p) => [p.itemId, p.high, p.seq]);

  it('writes consecutive snapshots as the reading ingest would: changes only, each with the next seq', async () => {
    const writer = createLatestWriter(store.db);
    await writer.ingest([legs(2, 193, 188), legs(561, 115, 110)], { term: 1 });
    const second = await writer.ingest([legs(2, 194, 188, 1748242900), legs(561, 115, 110), legs(4151, 1716616, 1700000)], { term: 1 });
    expect(second.changes.map((c) => [c.itemId, c.seq])).toEqual([[2, 3], [4151, 4]]);
    const third = await writer.ingest([legs(2, 194, 188, 1748242900), legs(561, 115, 110)], { term: 1 });
    expect(third).toMatchObject({ seq: 4, changes: [] });
    expect(await prices()).toEqual([[2, 194, 3], [561, 115, 2], [4151, 1716616, 4]]);
    expect((await readStreamState(store.db)).seq).toBe(4);
  });

  it('diffs against the store, not its last commit, once another writer has written since', async () => {
    const writer = createLatestWriter(store.db);
    await writer.ingest([legs(2, 193, 188)]);
    await ingestLatest(store.db, [legs(2, 200, 188, 1748242900)]);
    const back = await writer.ingest([legs(2, 193, 188)]);
    expect(back.changes.map((c) => [c.itemId, c.high, c.seq])).toEqual([[2, 193, 3]]);
    expect(await prices()).toEqual([[2, 193, 3]]);
  });

  it('refuses a write once a newer term has claimed the store, even with nothing written since, and writes nothing', async () => {
    const writer = createLatestWriter(store.db);
    await writer.ingest([legs(2, 193, 188)], { term: 3 });
    expect(await claimTerm(store.db, 4)).toBe(true);
    await expect(writer.ingest([legs(2, 999, 990), legs(561, 115, 110)], { term: 3 })).rejects.toBeInstanceOf(FencedWriteError);
    await expect(writer.ingest([legs(2, 193, 188)], { term: 3 })).rejects.toBeInstanceOf(FencedWriteError);
    expect(await prices()).toEqual([[2, 193, 1]]);
    expect((await readStreamState(store.db)).seq).toBe(1);
    expect(await readTerm(store.db)).toBe(4);
  });

  it('takes an id given twice in one snapshot once, with one seq', async () => {
    const writer = createLatestWriter(store.db);
    await writer.ingest([legs(2, 193, 188)]);
    const committed = await writer.ingest([legs(2, 194, 188, 1748242900), legs(2, 195, 188, 1748242901)]);
    expect(committed.changes.map((c) => [c.itemId, c.high, c.seq])).toEqual([[2, 195, 2]]);
    expect(await prices()).toEqual([[2, 195, 2]]);
  });

  if (engine.name === 'postgres') {
    it('writes nothing, not even the seq, when its one statement fails, and reads the store for the next', async () => {
      const writer = createLatestWriter(store.db);
      await writer.ingest([legs(2, 193, 188), legs(561, 115, 110)]);
      // Past int8: PostgreSQL refuses the whole statement.
      await expect(writer.ingest([legs(2, 194, 188, 1748242900), legs(561, 2 ** 70, 110)])).rejects.toThrow();
      expect(await prices()).toEqual([[2, 193, 1], [561, 115, 2]]);
      expect((await readStreamState(store.db)).seq).toBe(2);
      expect((await writer.ingest([legs(2, 194, 188, 1748242900), legs(561, 115, 110)])).changes.map((c) => c.seq)).toEqual([3]);
    });

    it('gives two writers on two instances, racing with their memories, distinct consecutive seqs and the last snapshot', async () => {
      const other = await openDatabase(store.url);
      try {
        const writers = [createLatestWriter(store.db), createLatestWriter(other.db)];
        const snapshot = (n: number) => Array.from({ length: 300 }, (_, i) => legs(i + 1, 1000 + n, 900 + n, 1748242800 + n));
        await Promise.all(writers.map((w, n) => w.ingest(snapshot(n))));
        const rounds: Array<Awaited<ReturnType<typeof ingestLatest>>> = [];
        for (let round = 2; round < 8; round += 2) {
          rounds.push(...(await Promise.all(writers.map((w, n) => w.ingest(snapshot(round + n))))));
        }
        const seqs = rounds.flatMap((c) => c.changes.map((change) => change.seq)).sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 601 + i));
        const head = (await readStreamState(store.db)).seq;
        expect(head).toBe(600 + seqs.length);
        const last = await writers[0]!.ingest(snapshot(99));
        expect(last.changes).toHaveLength(300);
        expect(new Set((await readLatestPrices(store.db)).map((p) => p.high))).toEqual(new Set([1099]));
      } finally {
        await other.close();
      }
    });
  }
});
