import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../helpers/fake-upstream';
import { startSyncHarness, type SyncHarness } from '../helpers/sync-harness';
import { T0, startFakeWiki } from '../helpers/wiki-fixtures';
import { HistoryUnavailableError } from '../../server/sync/history-backfill';
import { HistoryResponseSchema } from '../../shared/protocol/api';
import { TIMESTEP_SECONDS, type Timestep } from '../../shared/domain/timestep';

let fake: FakeUpstream;
let harness: SyncHarness;

/** A /timeseries body of `points` buckets ending with the last complete one. */
function series(itemId: number, step: Timestep, points: number) {
  const size = TIMESTEP_SECONDS[step];
  const newest = T0 - (T0 % size) - size;
  return {
    itemId,
    data: Array.from({ length: points }, (_, i) => ({
      timestamp: newest - (points - 1 - i) * size,
      avgHighPrice: 1_700_000 + i,
      avgLowPrice: i % 10 === 0 ? null : 1_690_000 + i,
      highPriceVolume: 10,
      lowPriceVolume: i % 10 === 0 ? 0 : 5,
    })),
  };
}

beforeEach(async () => {
  fake = await startFakeWiki();
  harness = await startSyncHarness(fake);
  await harness.sync.runJob('mapping');
});
afterEach(async () => {
  await harness.close();
  await fake.close();
});

const stored = (itemId: number, step: Timestep) =>
  harness.store.db.selectFrom('price_buckets').selectAll().where('item_id', '=', itemId).where('timestep', '=', step).orderBy('timestamp').execute();

describe('history the store lacks', () => {
  it('is fetched once for concurrent requests, stored, and not fetched again soon after', async () => {
    fake.setTimeseries(4151, '24h', series(4151, '24h', 365));
    await Promise.all([harness.sync.backfillHistory.backfill(4151, '24h'), harness.sync.backfillHistory.backfill(4151, '24h')]);
    expect(fake.countRequests('timeseries')).toBe(1);
    const buckets = await stored(4151, '24h');
    expect(buckets).toHaveLength(365);
    expect(buckets[0]).toMatchObject({ avg_low: null, low_volume: 0 });
    await harness.sync.backfillHistory.backfill(4151, '24h');
    expect(fake.countRequests('timeseries')).toBe(1);
    expect((await harness.health()).upstream.jobs.timeseries?.lastSuccess).not.toBeNull();
  });

  it('fails with a typed error saying the wiki could not be reached, and the chart gets what is stored', async () => {
    fake.fail('timeseries', { kind: 'status', status: 503 }, Infinity);
    const error = await harness.sync.backfillHistory.backfill(561, '6h').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryUnavailableError);
    expect((error as HistoryUnavailableError).cause).toBeDefined();
    expect((await harness.health()).upstream.jobs.timeseries?.lastError).toMatch(/HTTP 503/);

    const response = await harness.get('/api/v1/items/561/history?timestep=6h');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-history-source')).toBe('stored; upstream unavailable');
    expect(HistoryResponseSchema.parse(response.body).buckets).toEqual([]);
  });

  it('rolls fetched hours up into 6h and 24h buckets for that item', async () => {
    fake.setTimeseries(4151, '1h', series(4151, '1h', 48));
    await harness.sync.backfillHistory.backfill(4151, '1h');
    expect(await stored(4151, '1h')).toHaveLength(48);
    expect((await stored(4151, '6h')).length).toBeGreaterThanOrEqual(8);
    expect((await stored(4151, '24h')).length).toBeGreaterThanOrEqual(2);
  });

  it('does not write points older than the retention keeps', async () => {
    fake.setTimeseries(4151, '5m', series(4151, '5m', 365 * 2)); // ~61 hours; 5m history is kept 2 days
    await harness.sync.backfillHistory.backfill(4151, '5m');
    const buckets = await stored(4151, '5m');
    expect(buckets.length).toBeLessThan(2 * 365);
    expect(buckets[0]?.timestamp).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 2 * 86_400);
  });

  it('answers a history request through the app with the fetched buckets', async () => {
    fake.setTimeseries(13190, '6h', series(13190, '6h', 365));
    const response = await harness.get('/api/v1/items/13190/history?timestep=6h');
    expect(response.headers.get('x-history-source')).toBe('backfilled');
    expect(HistoryResponseSchema.parse(response.body).buckets).toHaveLength(365);
  });
});
