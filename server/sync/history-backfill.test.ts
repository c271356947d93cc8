import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { openDatabase, type OpenedDatabase } from '../store/db';
import { upsertBuckets } from '../store/buckets-repo';
import type { TimeseriesResponse } from '../upstream/schemas';
import type { WikiClient } from '../upstream/wiki-client';
import { UpstreamError } from '../upstream/upstream-error';
import { createHistoryBackfill, HistoryUnavailableError, refetchAfterMs } from './history-backfill';

const NOW = 1748242800;
let store: OpenedDatabase;
let clock: { now: number };
let calls: number;
let answer: () => Promise<TimeseriesResponse>;

const client: WikiClient = {
  baseUrl: 'http://wiki.invalid',
  mapping: () => Promise.reject(new Error('unused')),
  latest: () => Promise.reject(new Error('unused')),
  window: () => Promise.reject(new Error('unused')),
  timeseries: () => {
    calls += 1;
    return answer();
  },
};

function backfill() {
  return createHistoryBackfill({
    db: store.db,
    client,
    logger: createLogger('silent'),
    now: () => clock.now,
    retentionSeconds: { '5m': 2 * 86_400, '1h': 30 * 86_400, '6h': 365 * 86_400, '24h': 0 },
    record: (work) => work(),
  });
}

beforeEach(async () => {
  store = await openDatabase('sqlite::memory:');
  clock = { now: NOW * 1000 };
  calls = 0;
  answer = async () => ({ itemId: 4151, data: [{ timestamp: NOW - 86_400, avgHighPrice: 1, avgLowPrice: 1, highPriceVolume: 1, lowPriceVolume: 1 }] });
});
afterEach(() => store.close());

describe('history backfill', () => {
  it('waits longer before refetching coarser steps, between an hour and a day', () => {
    expect(refetchAfterMs('5m')).toBe(3_600_000);
    expect(refetchAfterMs('1h')).toBe(12 * 3_600_000);
    expect(refetchAfterMs('24h')).toBe(86_400_000);
  });

  it('asks the wiki again for a short history once the refetch interval has passed', async () => {
    const run = backfill();
    await run(4151, '24h');
    clock.now += refetchAfterMs('24h') - 1000;
    await run(4151, '24h');
    expect(calls).toBe(1);
    clock.now += 2000;
    await run(4151, '24h');
    expect(calls).toBe(2);
  });

  it('remembers a failure for a minute instead of asking again on every chart request', async () => {
    answer = () => Promise.reject(new UpstreamError('timeseries', 'http', 'HTTP 503', { status: 503 }));
    const run = backfill();
    await expect(run(4151, '6h')).rejects.toBeInstanceOf(HistoryUnavailableError);
    clock.now += 30_000;
    await expect(run(4151, '6h')).rejects.toBeInstanceOf(HistoryUnavailableError);
    expect(calls).toBe(1);
    clock.now += 31_000;
    await expect(run(4151, '6h')).rejects.toBeInstanceOf(HistoryUnavailableError);
    expect(calls).toBe(2);
  });

  it('does not ask at all when the store already holds the span one call would give', async () => {
    const hours = Array.from({ length: 400 }, (_, i) => ({
      itemId: 4151, timestamp: NOW - 3600 - i * 3600, avgHigh: 1, avgLow: 1, highVolume: 1, lowVolume: 1,
    }));
    await upsertBuckets(store.db, '1h', hours);
    await backfill()(4151, '1h');
    expect(calls).toBe(0);
  });
});
