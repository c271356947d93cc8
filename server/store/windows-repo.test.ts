import { expect, it } from 'vitest';
import { describeEachEngine, useStore } from '../../tests/helpers/store-engines';
import { ingestWindow } from './windows-repo';
import { upsertBuckets, type BucketInput } from './buckets-repo';

const DAY_START = 1748217600; // 2025-05-26 00:00 UTC
const bucket = (itemId: number, timestamp: number, avgHigh: number | null, highVolume: number, avgLow: number | null, lowVolume: number): BucketInput =>
  ({ itemId, timestamp, avgHigh, avgLow, highVolume, lowVolume });

describeEachEngine('ingestWindow', (engine) => {
  const store = useStore(engine);
  const buckets = (step: string, itemId: number) =>
    store.db.selectFrom('price_buckets').selectAll().where('timestep', '=', step).where('item_id', '=', itemId).orderBy('timestamp').execute();

  it('writes a /1h window served twice only once', async () => {
    const window = [bucket(4151, DAY_START, 1718221, 42, 1690676, 76)];
    expect(await ingestWindow(store.db, '1h', DAY_START, window)).toBe('written');
    expect(await ingestWindow(store.db, '1h', DAY_START, [bucket(4151, DAY_START, 1, 1, 1, 1)])).toBe('duplicate');
    expect(await buckets('1h', 4151)).toEqual([
      { item_id: 4151, timestep: '1h', timestamp: DAY_START, avg_high: 1718221, avg_low: 1690676, high_volume: 42, low_volume: 76 },
    ]);
  });

  it('rolls hours up into 6h and 24h buckets with volume-weighted averages and a null side where nothing traded', async () => {
    await ingestWindow(store.db, '1h', DAY_START, [bucket(4151, DAY_START, 100, 1, null, 0)]);
    await ingestWindow(store.db, '1h', DAY_START + 3600, [bucket(4151, DAY_START + 3600, 200, 3, null, 0)]);
    const [sixHours] = await buckets('6h', 4151);
    // (100*1 + 200*3) / 4 = 175
    expect(sixHours).toMatchObject({ timestamp: DAY_START, avg_high: 175, avg_low: null, high_volume: 4, low_volume: 0 });
    const [day] = await buckets('24h', 4151);
    expect(day).toMatchObject({ timestamp: DAY_START, avg_high: 175, high_volume: 4 });
  });

  it('does not let a rollup of a few hours replace a fuller 6h bucket from the wiki', async () => {
    await upsertBuckets(store.db, '6h', [bucket(4151, DAY_START, 150, 500, 140, 500)]);
    await ingestWindow(store.db, '1h', DAY_START, [bucket(4151, DAY_START, 100, 1, 90, 1)]);
    const [sixHours] = await buckets('6h', 4151);
    expect(sixHours).toMatchObject({ avg_high: 150, high_volume: 500 });
  });

  it('keeps each item’s last-hour and 24-hour volume, and zeroes items that stopped trading', async () => {
    for (let h = 0; h < 25; h += 1) {
      const ts = DAY_START + h * 3600;
      const window = [bucket(2, ts, 193, 1000, 188, 500)];
      if (h === 0) window.push(bucket(4151, ts, 1718221, 42, 1690676, 76));
      await ingestWindow(store.db, '1h', ts, window);
    }
    const volumes = await store.db.selectFrom('item_volumes').select(['item_id', 'volume_1h', 'volume_24h']).orderBy('item_id').execute();
    expect(volumes).toEqual([
      { item_id: 2, volume_1h: 1500, volume_24h: 24 * 1500 },
      { item_id: 4151, volume_1h: 0, volume_24h: 0 },
    ]);
  });
});
