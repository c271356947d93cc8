import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readDeviceMovers } from './movers-device';
import { storeHistory } from './points';
import { openTestDb } from './test-db';

const bucket = (timestamp: number, price: number) => ({ timestamp, avgHighPrice: price, avgLowPrice: price, highPriceVolume: 5, lowPriceVolume: 5 });

describe('movers from the device', () => {
  it('summarises each stored series of the period’s step up to the newest stored bucket', async () => {
    const db = await openTestDb();
    const end = 1_750_000_000 - (1_750_000_000 % 3600);
    await storeHistory(db, 4151, '1h', [bucket(end - 86_400, 100), bucket(end - 3600, 105), bucket(end, 110)], { full: true, at: 0 });
    await storeHistory(db, 2, '1h', [bucket(end, 7)], { full: true, at: 0 });
    await storeHistory(db, 561, '5m', [bucket(end - 86_400, 1), bucket(end, 2)], { full: true, at: 0 });
    const movers = await readDeviceMovers(db, '24h', end + 600);
    expect(movers).toEqual({ asOf: end, summaries: [{ itemId: 4151, startPrice: 100, endPrice: 110, volume: 30 }] });
  });

  it('has nothing to rank on a device with no history', async () => {
    expect(await readDeviceMovers(await openTestDb(), '1h', 1_750_000_000)).toEqual({ asOf: null, summaries: [] });
  });
});
