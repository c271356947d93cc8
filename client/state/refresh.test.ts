import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { HourlyResponse } from '../../shared/protocol/hourly';
import type { HourRecord } from '../db/records';
import { openTestDb } from '../db/test-db';
import { refreshHourly } from './refresh';

describe('refreshing the 1h averages', () => {
  it('shows a new window once, and leaves the screen alone while the server answers the same one', async () => {
    const db = await openTestDb();
    let answer: HourlyResponse = { timestep: '1h', timestamp: 7200, items: { 4151: [1_710_000, 1_690_000, 40, 60] } };
    const shown: Array<readonly HourRecord[]> = [];
    const target = { db, api: { hourly: async () => answer }, setHourly: (records: readonly HourRecord[]) => shown.push(records) };
    await refreshHourly(target);
    await refreshHourly(target);
    expect(shown.map((records) => records.map((r) => [r.itemId, r.timestamp]))).toEqual([[[4151, 7200]]]);
    answer = { timestep: '1h', timestamp: 10_800, items: { 2: [190, 180, 1, 1] } };
    await refreshHourly(target);
    expect(shown.at(-1)?.map((r) => [r.itemId, r.avgHigh1h])).toEqual([[2, 190]]);
    db.close();
  });
});
