import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { HourlyResponse } from '../../shared/protocol/hourly';
import { listHourly, storeHourly } from './hourly';
import { readMeta } from './meta';
import { openTestDb } from './test-db';

const answer = (timestamp: number | null, items: HourlyResponse['items']): HourlyResponse => ({ timestep: '1h', timestamp, items });

describe('the 1h averages on the device', () => {
  it('keeps every item of a window and reads them back, with the window it came from', async () => {
    const db = await openTestDb();
    const stored = await storeHourly(db, answer(7200, { 4151: [1_710_000, 1_690_000, 40, 60], 2: [null, 180, 0, 900] }));
    expect(stored).toHaveLength(2);
    expect(await listHourly(db)).toEqual([
      { itemId: 2, timestamp: 7200, avgHigh1h: null, avgLow1h: 180, volumes: [0, 900] },
      { itemId: 4151, timestamp: 7200, avgHigh1h: 1_710_000, avgLow1h: 1_690_000, volumes: [40, 60] },
    ]);
    expect(await readMeta(db, 'hourlyWindow')).toBe(7200);
    db.close();
  });

  it('writes nothing for the window it holds, and replaces it whole for another one', async () => {
    const db = await openTestDb();
    await storeHourly(db, answer(7200, { 4151: [1_710_000, 1_690_000, 40, 60], 2: [190, 180, 5, 9] }));
    expect(await storeHourly(db, answer(7200, { 4151: [1, 1, 1, 1] }))).toBeNull();
    expect((await listHourly(db)).map((r) => r.avgHigh1h)).toEqual([190, 1_710_000]);
    // The next hour: the cannonball did not trade, so its old average must go.
    await storeHourly(db, answer(10_800, { 4151: [1_800_000, 1_750_000, 30, 20] }));
    expect(await listHourly(db)).toEqual([{ itemId: 4151, timestamp: 10_800, avgHigh1h: 1_800_000, avgLow1h: 1_750_000, volumes: [30, 20] }]);
    db.close();
  });

  it('keeps the averages it holds when the server has no window yet', async () => {
    const db = await openTestDb();
    await storeHourly(db, answer(7200, { 4151: [1_710_000, 1_690_000, 40, 60] }));
    expect(await storeHourly(db, answer(null, {}))).toBeNull();
    expect(await listHourly(db)).toHaveLength(1);
    db.close();
  });

  it('skips a damaged row rather than trusting it', async () => {
    const db = await openTestDb();
    await db.put('hourly', { itemId: 4151, timestamp: 7200, avgHigh1h: 'a lot', avgLow1h: 1, volumes: [1, 1] });
    await db.put('hourly', { itemId: 2, timestamp: 7200, avgHigh1h: 190, avgLow1h: 180, volumes: [1, 1] });
    expect((await listHourly(db)).map((r) => r.itemId)).toEqual([2]);
    db.close();
  });
});
