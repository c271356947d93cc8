import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import type { BucketRange } from '../store/history-query';
import { UpstreamError } from '../upstream/upstream-error';
import { createHistoryBackfill, HistoryUnavailableError, lacksHistory, refetchAfterMs } from './history-backfill';

const NOW = 1_748_242_932;
const HOUR = 3600;
const DAY = 86_400;
const forever = Number.POSITIVE_INFINITY;
const empty: BucketRange = { oldest: null, newest: null };

/** A fetch that settles when the test says so, even if that is before it was asked. */
function deferred() {
  let release = (): void => {};
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

function setup(fetchSeries: (itemId: number) => Promise<void>, range: BucketRange = empty) {
  const clock = { now: NOW * 1000 };
  const calls: number[] = [];
  const history = createHistoryBackfill({
    readRange: async () => range,
    fetchSeries: (itemId) => {
      calls.push(itemId);
      return fetchSeries(itemId);
    },
    retentionSeconds: { '5m': 2 * DAY, '1h': 30 * DAY, '6h': 365 * DAY, '24h': forever },
    logger: createLogger('silent'),
    now: () => clock.now,
  });
  return { history, calls, clock };
}

describe('lacksHistory', () => {
  it('wants a backfill when nothing is stored', () => {
    expect(lacksHistory(empty, '24h', NOW, forever)).toBe(true);
  });

  it('wants a backfill after a cold start that recorded only the last few 1h windows', () => {
    expect(lacksHistory({ oldest: NOW - 3 * HOUR, newest: NOW - HOUR }, '1h', NOW, 30 * DAY)).toBe(true);
  });

  it('is satisfied by a series reaching back half of what one /timeseries call covers', () => {
    // 300 x 1h = 12.5 days; half of it is enough.
    expect(lacksHistory({ oldest: NOW - 7 * DAY, newest: NOW - HOUR }, '1h', NOW, 30 * DAY)).toBe(false);
    expect(lacksHistory({ oldest: NOW - 6 * DAY, newest: NOW - HOUR }, '1h', NOW, 30 * DAY)).toBe(true);
  });

  it('never asks for more than retention keeps', () => {
    // 300 x 5m is 25 h, but with 2 h of retention 1 h of history is all one can hope to hold.
    expect(lacksHistory({ oldest: NOW - 1.5 * HOUR, newest: NOW - 300 }, '5m', NOW, 2 * HOUR)).toBe(false);
  });

  it('wants a backfill when the newest bucket is well behind now', () => {
    expect(lacksHistory({ oldest: NOW - 300 * DAY, newest: NOW - 4 * DAY }, '24h', NOW, forever)).toBe(true);
    expect(lacksHistory({ oldest: NOW - 300 * DAY, newest: NOW - DAY }, '24h', NOW, forever)).toBe(false);
  });
});

describe('history backfill', () => {
  it('waits longer before refetching coarser steps, between an hour and a day', () => {
    expect(refetchAfterMs('5m')).toBe(3_600_000);
    expect(refetchAfterMs('1h')).toBe(12 * 3_600_000);
    expect(refetchAfterMs('24h')).toBe(86_400_000);
  });

  it('makes one upstream call for concurrent requests of the same series', async () => {
    const upstream = deferred();
    const { history, calls } = setup(() => upstream.promise);
    const first = history.backfillWithin(4151, '1h', 1_000);
    const second = history.backfillWithin(4151, '1h', 1_000);
    const third = history.backfill(4151, '1h');
    upstream.release();
    expect(await Promise.all([first, second])).toEqual(['backfilled', 'backfilled']);
    await third;
    expect(calls).toEqual([4151]);
  });

  it('does not ask again for a series it just fetched, but does for another item', async () => {
    const { history, calls } = setup(async () => {});
    expect(await history.backfillWithin(4151, '1h', 1_000)).toBe('backfilled');
    expect(await history.backfillWithin(4151, '1h', 1_000)).toBe('stored');
    expect(await history.backfillWithin(561, '1h', 1_000)).toBe('backfilled');
    expect(calls).toEqual([4151, 561]);
  });

  it('asks the wiki again for a short history once the refetch interval has passed', async () => {
    const { history, calls, clock } = setup(async () => {});
    await history.backfill(4151, '24h');
    clock.now += refetchAfterMs('24h') - 1000;
    await history.backfill(4151, '24h');
    expect(calls).toHaveLength(1);
    clock.now += 2000;
    await history.backfill(4151, '24h');
    expect(calls).toHaveLength(2);
  });

  it('remembers a failure for a minute instead of asking again on every chart request', async () => {
    const { history, calls, clock } = setup(() => Promise.reject(new UpstreamError('timeseries', 'http', 'HTTP 503', { status: 503 })));
    await expect(history.backfill(4151, '6h')).rejects.toBeInstanceOf(HistoryUnavailableError);
    clock.now += 30_000;
    await expect(history.backfill(4151, '6h')).rejects.toBeInstanceOf(HistoryUnavailableError);
    expect(await history.backfillWithin(4151, '6h', 1_000)).toBe('stored; upstream unavailable');
    expect(calls).toHaveLength(1);
    clock.now += 31_000;
    await expect(history.backfill(4151, '6h')).rejects.toBeInstanceOf(HistoryUnavailableError);
    expect(calls).toHaveLength(2);
  });

  it('answers from the store when upstream is slow, and joins the call still running', async () => {
    const upstream = deferred();
    const { history, calls } = setup(() => upstream.promise);
    expect(await history.backfillWithin(4151, '6h', 20)).toBe('stored; upstream unavailable');
    const joined = history.backfillWithin(4151, '6h', 1_000);
    upstream.release();
    expect(await joined).toBe('backfilled');
    expect(calls).toHaveLength(1);
  });

  it('does not ask at all when the store already holds the span one call would give', async () => {
    const { history, calls } = setup(async () => {}, { oldest: NOW - 400 * HOUR, newest: NOW - HOUR });
    await history.backfill(4151, '1h');
    expect(await history.backfillWithin(4151, '1h', 1_000)).toBe('stored');
    expect(calls).toHaveLength(0);
  });
});
