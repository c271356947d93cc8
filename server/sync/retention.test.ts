import { describe, expect, it } from 'vitest';
import { describeEachEngine, useStore } from '../../tests/helpers/store-engines';
import { upsertBuckets } from '../store/buckets-repo';
import { ingestWindow } from '../store/windows-repo';
import { pruneHistory, retentionSeconds } from './retention';
import { loadConfig } from '../config';

const NOW = 1748242800;
const DAY = 86_400;
const point = (timestamp: number) => ({ itemId: 4151, timestamp, avgHigh: 1, avgLow: 1, highVolume: 1, lowVolume: 1 });
describeEachEngine('pruneHistory with the default retention', (engine) => {
  const store = useStore(engine);
  const timestamps = async (step: string) =>
    (await store.db.selectFrom('price_buckets').select('timestamp').where('timestep', '=', step).orderBy('timestamp').execute()).map((r) => r.timestamp);
  const retention = loadConfig({}).retention;

  it('keeps 5m buckets for two days, 1h for thirty, 6h for a year and 24h forever', async () => {
    await upsertBuckets(store.db, '5m', [point(NOW - 2 * DAY - 300), point(NOW - 2 * DAY + 300)]);
    await upsertBuckets(store.db, '1h', [point(NOW - 31 * DAY), point(NOW - 29 * DAY)]);
    await upsertBuckets(store.db, '6h', [point(NOW - 366 * DAY), point(NOW - 364 * DAY)]);
    await upsertBuckets(store.db, '24h', [point(NOW - 5000 * DAY)]);
    const deleted = await pruneHistory(store.db, retention, NOW);
    expect(deleted).toEqual({ '5m': 1, '1h': 1, '6h': 1, '24h': 0 });
    expect(await timestamps('5m')).toEqual([NOW - 2 * DAY + 300]);
    expect(await timestamps('1h')).toEqual([NOW - 29 * DAY]);
    expect(await timestamps('6h')).toEqual([NOW - 364 * DAY]);
    expect(await timestamps('24h')).toEqual([NOW - 5000 * DAY]);
  });

  it('forgets windows older than the retention along with their buckets', async () => {
    await ingestWindow(store.db, '5m', NOW - 3 * DAY, [point(NOW - 3 * DAY)]);
    await pruneHistory(store.db, retention, NOW);
    const windows = await store.db.selectFrom('synced_windows').selectAll().execute();
    expect(windows).toEqual([]);
  });

  it('keeps every timestep forever when its retention is 0', async () => {
    await upsertBuckets(store.db, '5m', [point(NOW - 400 * DAY)]);
    await pruneHistory(store.db, { ...retention, fiveMinuteMs: 0 }, NOW);
    expect(await timestamps('5m')).toEqual([NOW - 400 * DAY]);
  });
});

describe('retentionSeconds', () => {
  it('reads retention per timestep, 0 meaning forever', () => {
    const keep = retentionSeconds(loadConfig({ RETENTION_5M: '1d', RETENTION_24H: '0' }).retention);
    expect(keep['5m']).toBe(DAY);
    expect(keep['24h']).toBe(Number.POSITIVE_INFINITY);
  });
});
