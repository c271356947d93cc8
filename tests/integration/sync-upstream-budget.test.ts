// The wiki's capacity is not ours to spend: however many charts are opened at once, the server
// keeps to its request budget (UPSTREAM_MAX_CONCURRENT, UPSTREAM_MAX_PER_MINUTE, UPSTREAM_QUEUE_MAX),
// answers what it cannot fetch from the store with a Retry-After, and the scheduled sync still runs.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../helpers/fake-upstream';
import { startSyncHarness, type SyncHarness } from '../helpers/sync-harness';
import { MAPPING, T0, startFakeWiki } from '../helpers/wiki-fixtures';
import { waitFor } from '../helpers/wait-for';
import { HistoryResponseSchema } from '../../shared/protocol/api';

let fake: FakeUpstream;
let harness: SyncHarness;

const ids = (count: number) => Array.from({ length: count }, (_, i) => 20_001 + i);

/** A wiki whose catalogue holds `count` more items, each with a day of 6h history. */
async function start(count: number, env: Record<string, string>): Promise<void> {
  fake = await startFakeWiki();
  const extra = ids(count).map((id) => ({ id, name: `Item ${id}`, examine: 'An item.', members: false, icon: 'Item.png' }));
  fake.setMapping([...MAPPING, ...extra]);
  for (const id of ids(count)) {
    fake.setTimeseries(id, '6h', {
      itemId: id,
      data: [0, 1, 2, 3].map((i) => ({ timestamp: T0 - (T0 % 21_600) - (4 - i) * 21_600, avgHighPrice: 100, avgLowPrice: 90, highPriceVolume: 1, lowPriceVolume: 1 })),
    });
  }
  harness = await startSyncHarness(fake, { env });
  expect(await harness.sync.runJob('mapping')).toBe(true);
}

afterEach(async () => {
  await harness.close();
  await fake.close();
});

const history = (id: number) => harness.get(`/api/v1/items/${id}/history?timestep=6h`);

describe('the upstream request budget', () => {
  it('keeps 500 charts opened at once to UPSTREAM_MAX_CONCURRENT calls, and answers the rest from the store with Retry-After', async () => {
    await start(500, { UPSTREAM_MAX_CONCURRENT: '4', UPSTREAM_QUEUE_MAX: '100' });
    fake.fail('timeseries', { kind: 'slow', ms: 100 }, Infinity);
    const responses = await Promise.all(ids(500).map(history));

    expect(fake.maxConcurrent('timeseries')).toBeGreaterThan(0);
    expect(fake.maxConcurrent('timeseries')).toBeLessThanOrEqual(4);
    expect(responses.filter((r) => r.status !== 200)).toEqual([]);
    const backfilled = responses.filter((r) => r.headers.get('x-history-source') === 'backfilled');
    const unavailable = responses.filter((r) => r.headers.get('x-history-source') === 'stored; upstream unavailable');
    expect(backfilled.length).toBeGreaterThan(0);
    expect(backfilled.length + unavailable.length).toBe(500);
    // At most 3 running (one slot is kept for the scheduled sync) and 100 queued: the rest are
    // refused at once, and every one of them is told when to come back.
    expect(unavailable.length).toBeGreaterThanOrEqual(500 - 103);
    for (const response of unavailable) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(HistoryResponseSchema.parse(response.body).buckets).toEqual([]);
    }
    // Three quarters of UPSTREAM_MAX_PER_MINUTE (120) may go to on-demand calls.
    expect(fake.countRequests('timeseries')).toBeLessThanOrEqual(90);
  });

  it('with /timeseries failing, 200 charts cost the wiki at most the per-minute share, retries included, and asking again costs nothing more', async () => {
    // On-demand calls may use three quarters of UPSTREAM_MAX_PER_MINUTE: 30 a minute here. Without
    // the budget these 200 requests made 400 calls (one retry each), again on every reload.
    await start(200, { UPSTREAM_MAX_CONCURRENT: '4', UPSTREAM_MAX_PER_MINUTE: '40', UPSTREAM_QUEUE_MAX: '20' });
    fake.fail('timeseries', { kind: 'status', status: 503 }, Infinity);
    for (let round = 0; round < 2; round += 1) {
      const responses = await Promise.all(ids(200).map(history));
      expect(responses.filter((r) => r.status !== 200)).toEqual([]);
      expect(new Set(responses.map((r) => r.headers.get('x-history-source')))).toEqual(new Set(['stored; upstream unavailable']));
      expect(responses.every((r) => Number(r.headers.get('retry-after')) >= 1)).toBe(true);
    }
    expect(fake.countRequests('timeseries')).toBeGreaterThan(0);
    expect(fake.countRequests('timeseries')).toBeLessThanOrEqual(30);
  });

  it('runs a /latest sync while on-demand calls fill the queue', async () => {
    await start(20, { UPSTREAM_MAX_CONCURRENT: '4', UPSTREAM_QUEUE_MAX: '10' });
    let release = (): void => undefined;
    fake.fail('timeseries', { kind: 'held', until: new Promise<void>((resolve) => (release = resolve)) }, Infinity);
    const pending = ids(20).map((id) => harness.sync.backfillHistory.backfill(id, '6h').then(() => 'ok', () => 'failed'));
    await waitFor('the on-demand calls to hold every slot they may', () => fake.countRequests('timeseries') === 3);
    await waitFor('the queue to refuse', async () => (await harness.health()).upstream.jobs.timeseries?.lastError?.includes('budget'));

    expect(await harness.sync.runJob('latest')).toBe(true);
    expect(fake.countRequests('latest')).toBe(1);
    release();
    expect(await Promise.all(pending)).toContain('ok');
    expect(fake.maxConcurrent('timeseries')).toBeLessThanOrEqual(3);
  });
});
