import { describe, expect, it } from 'vitest';
import { describeEachEngine, useStore } from '../../tests/helpers/store-engines';
import { lastPerKey } from './bulk-insert';
import { upsertBuckets, type BucketInput } from './buckets-repo';
import { upsertMapping } from './items-repo';

const point = (timestamp: number, avgHigh: number): BucketInput => ({ itemId: 4151, timestamp, avgHigh, avgLow: null, highVolume: 3, lowVolume: 0 });

describe('lastPerKey', () => {
  it('keeps one row per key, the last given, where the key was first seen', () => {
    expect(lastPerKey([[1, 'a', 10], [2, 'a', 20], [1, 'a', 11], [1, 'b', 12]], 2)).toEqual([[1, 'a', 11], [2, 'a', 20], [1, 'b', 12]]);
  });
});

describeEachEngine('bulk upserts', (engine) => {
  const store = useStore(engine);

  it('write a bucket given twice in one batch once, as its last value', async () => {
    await upsertBuckets(store.db, '1h', [point(1748239200, 100), point(1748242800, 200), point(1748239200, 101)]);
    const rows = await store.db.selectFrom('price_buckets').select(['timestamp', 'avg_high']).orderBy('timestamp').execute();
    expect(rows).toEqual([{ timestamp: 1748239200, avg_high: 101 }, { timestamp: 1748242800, avg_high: 200 }]);
  });

  it('write more rows than one statement can bind, with nulls and quotes intact', async () => {
    const many = Array.from({ length: 6000 }, (_, i) => point(1748239200 - i * 3600, 1_000_000 + i));
    await upsertBuckets(store.db, '1h', many);
    const counted = await store.db.selectFrom('price_buckets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(counted?.n).toBe(6000);
    await upsertMapping(store.db, [{ id: 2, name: `Dragon's "claws", {1}`, examine: 'A set of fighting claws.', members: true, icon: 'x.png', limit: null }], 1000);
    const item = await store.db.selectFrom('items').select(['name', 'buy_limit']).executeTakeFirst();
    expect(item).toEqual({ name: `Dragon's "claws", {1}`, buy_limit: null });
  });
});
