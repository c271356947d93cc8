import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { lacksHistory, retentionSeconds, retryAfterSeconds } from './history-coverage';

const now = 1_748_242_932;
const HOUR = 3600;
const DAY = 86_400;
const forever = Number.POSITIVE_INFINITY;

describe('lacksHistory', () => {
  it('wants a backfill when nothing is stored', () => {
    expect(lacksHistory({ count: 0, oldest: null, newest: null }, '24h', now, forever)).toBe(true);
  });

  it('wants a backfill after a cold start that recorded only the last few 1h windows', () => {
    expect(lacksHistory({ count: 3, oldest: now - 3 * HOUR, newest: now - HOUR }, '1h', now, 30 * DAY)).toBe(true);
  });

  it('is satisfied by a series reaching back half of what one /timeseries call covers', () => {
    // 300 x 1h = 12.5 days; half of it is enough.
    expect(lacksHistory({ count: 150, oldest: now - 7 * DAY, newest: now - HOUR }, '1h', now, 30 * DAY)).toBe(false);
    expect(lacksHistory({ count: 140, oldest: now - 6 * DAY, newest: now - HOUR }, '1h', now, 30 * DAY)).toBe(true);
  });

  it('never asks for more than retention keeps', () => {
    // 300 x 5m is 25 h, but with 2 h of retention 1 h of history is all one can hope to hold.
    expect(lacksHistory({ count: 20, oldest: now - 1.5 * HOUR, newest: now - 300 }, '5m', now, 2 * HOUR)).toBe(false);
  });

  it('wants a backfill when the newest bucket is well behind now', () => {
    expect(lacksHistory({ count: 300, oldest: now - 300 * DAY, newest: now - 4 * DAY }, '24h', now, forever)).toBe(true);
    expect(lacksHistory({ count: 300, oldest: now - 300 * DAY, newest: now - DAY }, '24h', now, forever)).toBe(false);
  });
});

describe('retention and retry intervals', () => {
  it('read retention per timestep, 0 meaning forever', () => {
    const { retention } = loadConfig({ RETENTION_5M: '1d', RETENTION_24H: '0' });
    expect(retentionSeconds(retention, '5m')).toBe(DAY);
    expect(retentionSeconds(retention, '24h')).toBe(forever);
  });

  it('retry a failed upstream sooner than a successful one', () => {
    expect(retryAfterSeconds('5m', true)).toBe(600);
    expect(retryAfterSeconds('24h', true)).toBe(HOUR);
    expect(retryAfterSeconds('24h', false)).toBe(60);
  });
});
