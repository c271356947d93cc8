import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Bucket } from '../../shared/protocol/api';
import { listHistory, newestBucketTime, storeHistory } from './points';
import { readCoverage } from './meta';
import { openTestDb } from './test-db';

function bucket(timestamp: number, avgHighPrice: number | null): Bucket {
  return { timestamp, avgHighPrice, avgLowPrice: avgHighPrice, highPriceVolume: avgHighPrice === null ? 0 : 5, lowPriceVolume: 3 };
}

describe('history points on the device', () => {
  it('overwrites a re-delivered bucket instead of storing it twice', async () => {
    const db = await openTestDb();
    await storeHistory(db, 4151, '5m', [bucket(300, 100), bucket(600, 110)], { full: true, at: 1 });
    await storeHistory(db, 4151, '5m', [bucket(600, 120), bucket(900, null)], { full: false, at: 2 });
    expect(await listHistory(db, 4151, '5m')).toEqual([bucket(300, 100), bucket(600, 120), bucket(900, null)]);
    expect(await newestBucketTime(db, 4151, '5m')).toBe(900);
    expect(await readCoverage(db, 4151, '5m')).toBe(1);
    db.close();
  });

  it('keeps series of other items and timesteps apart and reads from a start time', async () => {
    const db = await openTestDb();
    await storeHistory(db, 4151, '1h', [bucket(3600, 1), bucket(7200, 2), bucket(10800, 3)], { full: false, at: 1 });
    await storeHistory(db, 4151, '6h', [bucket(21600, 9)], { full: false, at: 1 });
    await storeHistory(db, 4152, '1h', [bucket(3600, 7)], { full: false, at: 1 });
    expect((await listHistory(db, 4151, '1h', 7200)).map((b) => b.avgHighPrice)).toEqual([2, 3]);
    expect(await newestBucketTime(db, 4153, '1h')).toBeNull();
    expect(await readCoverage(db, 4151, '1h')).toBeNull();
    db.close();
  });
});
